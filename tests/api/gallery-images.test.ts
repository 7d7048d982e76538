import { zipSync, strToU8 } from "fflate";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, inject, test } from "vitest";

const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const CSV = [
  "label,score,picture,caption",
  "0,0.9,photos/cat.png,a cat",
  "0,0.8,dog photo.jpg,a dog",
  "1,0.2,evil.png,html pretending to be a png",
  "1,0.1,../../escape.png,path traversal",
  "0,0.7,absent.gif,not in the archive",
  "0,0.6,https://example.com/remote.png,a URL",
].join("\n") + "\n";

async function postZip(zip: Uint8Array, query = "") {
  const response = await fetch(`${baseUrl}/api/datasets/zip?filename=pets.zip${query}`, { method: "POST", headers: { "content-type": "application/zip" }, body: zip as BodyInit });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

let datasetId = 0;
let images: { stored: number; missing: string[]; rejected: string[] };

beforeAll(async () => {
  const zip = zipSync({
    "pets/eval.csv": strToU8(CSV),
    "photos/cat.png": PNG,
    "dog photo.jpg": JPEG,
    "evil.png": strToU8("<html><script>alert(1)</script></html>"),
    "escape.png": PNG,
    "notes/readme.txt.bak": strToU8("ignored"),
    "__MACOSX/pets/._eval.csv": strToU8("junk"),
  });
  const { status, body } = await postZip(zip, "&image=picture&text=caption&label=label&score=score");
  expect(status, JSON.stringify(body)).toBe(201);
  datasetId = body.id as number;
  images = body.images as typeof images;
});

test("a .zip upload imports its CSV through the ingest core and stores only the real images it names", async () => {
  expect(images).toEqual({ stored: 3, missing: ["absent.gif"], rejected: ["evil.png"] });
  const dir = path.join(dataDir, "images", String(datasetId));
  expect(fs.readdirSync(dir).sort()).toEqual(["cat.png", "dog_photo.jpg", "escape.png"]);
  expect(fs.existsSync(path.join(dataDir, "escape.png"))).toBe(false);
  const dataset = (await (await fetch(`${baseUrl}/api/datasets/${datasetId}`)).json()) as { rows: number; sourceFile: string };
  expect(dataset.rows).toBe(6);
  expect(dataset.sourceFile).toBe("pets.zip: pets/eval.csv");
  const page = (await (await fetch(`${baseUrl}/api/datasets/${datasetId}/examples?threshold=0.5&kind=fp`)).json()) as { items: { image: string; text: string }[] };
  expect(page.items.map((i) => [i.image, i.text])).toEqual([["photos/cat.png", "a cat"], ["dog photo.jpg", "a dog"], ["absent.gif", "not in the archive"], ["https://example.com/remote.png", "a URL"]]);
});

test("stored images are served with their type and nosniff; anything else is a 404", async () => {
  const cat = await fetch(`${baseUrl}/api/datasets/${datasetId}/images/cat.png`);
  expect(cat.status).toBe(200);
  expect(cat.headers.get("content-type")).toBe("image/png");
  expect(cat.headers.get("x-content-type-options")).toBe("nosniff");
  expect(new Uint8Array(await cat.arrayBuffer())).toEqual(PNG);
  const dog = await fetch(`${baseUrl}/api/datasets/${datasetId}/images/dog_photo.jpg`);
  expect(dog.headers.get("content-type")).toBe("image/jpeg");
  for (const name of ["evil.png", "absent.gif", "..%2F..%2Fcutoff.db", "..%2Fcat.png", "cat.txt"]) {
    expect((await fetch(`${baseUrl}/api/datasets/${datasetId}/images/${name}`)).status, name).toBe(404);
  }
  expect((await fetch(`${baseUrl}/api/datasets/999999/images/cat.png`)).status).toBe(404);
});

test.each([
  ["not a zip", strToU8("label,score\n1,0.5\n"), 400, "invalid_zip"],
  ["no CSV", zipSync({ "cat.png": PNG }), 400, "no_csv"],
  ["two CSVs", zipSync({ "a.csv": strToU8("label,score\n1,0.5\n"), "b.csv": strToU8("label,score\n1,0.5\n") }), 400, "several_csv"],
])("%s → %i %s", async (_name, zip, status, code) => {
  const answer = await postZip(zip);
  expect(answer.status).toBe(status);
  expect(answer.body.error?.code).toBe(code);
});

test("a bad CSV inside the archive is answered like any bad upload, naming the row", async () => {
  const answer = await postZip(zipSync({ "bad.csv": strToU8("label,score\n1,0.5\n0,abc\n") }));
  expect(answer.status).toBe(400);
  expect(answer.body.error?.message).toMatch(/row 3/);
});

test("POST /api/datasets takes an application/zip body too, and DELETE removes the dataset's images", async () => {
  const zip = zipSync({ "eval.csv": strToU8("label,score,picture\n0,0.9,cat.png\n1,0.2,cat.png\n"), "cat.png": PNG });
  const response = await fetch(`${baseUrl}/api/datasets?filename=one.zip&image=picture`, { method: "POST", headers: { "content-type": "application/zip" }, body: zip as BodyInit });
  const body = (await response.json()) as { id: number; rows: number; images: { stored: number } };
  expect(response.status, JSON.stringify(body)).toBe(201);
  expect(body.rows).toBe(2);
  expect(body.images.stored).toBe(1);
  const dir = path.join(dataDir, "images", String(body.id));
  expect(fs.readdirSync(dir)).toEqual(["cat.png"]);
  expect((await fetch(`${baseUrl}/api/datasets/${body.id}`, { method: "DELETE" })).status).toBe(204);
  expect(fs.existsSync(dir)).toBe(false);
  expect((await fetch(`${baseUrl}/api/datasets/${body.id}/images/cat.png`)).status).toBe(404);
});
