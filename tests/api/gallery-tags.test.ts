import { beforeAll, expect, inject, test } from "vitest";
import { postCsv } from "../support/ingest-client";

const baseUrl = inject("baseUrl");

// At 0.5: false positives a (.9), b (.7), c (.6); false negatives d (.2), e (.3); f caught; g, h correct.
const CSV = "id,label,score\na,0,0.9\nb,0,0.7\nc,0,0.6\nd,1,0.2\ne,1,0.3\nf,1,0.8\ng,0,0.1\nh,0,0.2\n";

let datasetId = 0;
let other = 0;
const api = (path: string, init?: RequestInit) =>
  fetch(`${baseUrl}/api/datasets/${datasetId}${path}`, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
const post = (path: string, body: unknown) => api(path, { method: "POST", body: JSON.stringify(body) });
const json = async <T>(response: Response | Promise<Response>) => (await (await response).json()) as T;

interface Item { id: number; exampleId: string; tags: { id: number; name: string; reviewer: string | null; appliedAt: string }[]; notes: { id: number; body: string; reviewer: string | null }[] }
const examples = async (kind: string) => (await json<{ items: Item[] }>(api(`/examples?threshold=0.5&kind=${kind}`))).items;
const byExample = async (kind: string) => Object.fromEntries((await examples(kind)).map((e) => [e.exampleId, e]));

beforeAll(async () => {
  datasetId = (await postCsv(baseUrl, CSV, { name: "tags fixture", id: "id", label: "label", score: "score" })).body.id as number;
  other = (await postCsv(baseUrl, CSV, { name: "another dataset", id: "id", label: "label", score: "score" })).body.id as number;
});

test("tags: create, list in keyboard order, rename, reject duplicates and bad input, delete", async () => {
  const created = await post("/tags", { name: "gift cards", color: "#e69f00", description: "top-ups and vouchers" });
  expect(created.status).toBe(201);
  const gift = await json<{ id: number; position: number }>(created);
  expect(gift).toMatchObject({ name: "gift cards", color: "#e69f00", description: "top-ups and vouchers", position: 1, examples: 0 });
  const travel = await json<{ id: number; position: number }>(post("/tags", { name: "travel" }));
  expect(travel).toMatchObject({ color: "#0072B2", description: "", position: 2 });

  expect((await post("/tags", { name: "gift cards" })).status).toBe(409);
  for (const bad of [{}, { name: "" }, { name: "x", color: "red" }, { name: "x", extra: 1 }, { name: "x".repeat(61) }]) {
    expect((await post("/tags", bad)).status).toBe(400);
  }
  expect((await api("/tags", { method: "POST", body: "not json" })).status).toBe(400);

  const renamed = await api(`/tags/${travel.id}`, { method: "PATCH", body: JSON.stringify({ name: "travel bookings", color: "#56b4e9" }) });
  expect(await json(renamed)).toMatchObject({ id: travel.id, name: "travel bookings", color: "#56b4e9" });
  expect((await api(`/tags/${travel.id}`, { method: "PATCH", body: JSON.stringify({ name: "gift cards" }) })).status).toBe(409);
  expect((await json<{ tags: { name: string }[] }>(api("/tags"))).tags.map((t) => t.name)).toEqual(["gift cards", "travel bookings"]);

  // A tag belongs to its dataset only.
  expect((await fetch(`${baseUrl}/api/datasets/${other}/tags/${gift.id}`, { method: "DELETE" })).status).toBe(404);
  expect((await api(`/tags/${travel.id}`, { method: "DELETE" })).status).toBe(204);
  expect((await api(`/tags/${travel.id}`, { method: "DELETE" })).status).toBe(404);
  expect((await json<{ tags: { name: string }[] }>(api("/tags"))).tags.map((t) => t.name)).toEqual(["gift cards"]);
});

test("tags and notes on examples round-trip, and failure modes count them among the errors", async () => {
  const gift = await json<{ id: number }>(post("/tags", { name: "merchant looks risky" }));
  const tired = await json<{ id: number }>(post("/tags", { name: "label noise" }));
  const fp = await byExample("fp");
  const fn = await byExample("fn");

  const applied = await post(`/examples/${fp.a.id}/tags`, { tagId: gift.id, reviewer: " Ann " });
  expect(applied.status).toBe(201);
  const first = await json<{ reviewer: string; createdAt: string }>(applied);
  expect(first.reviewer).toBe("Ann");
  // Applying again keeps the first reviewer and time.
  expect(await json(post(`/examples/${fp.a.id}/tags`, { tagId: gift.id, reviewer: "Bob" }))).toEqual({ predictionId: fp.a.id, tagId: gift.id, reviewer: "Ann", createdAt: first.createdAt });
  await post(`/examples/${fp.b.id}/tags`, { tagId: gift.id });
  await post(`/examples/${fp.b.id}/tags`, { tagId: tired.id });
  await post(`/examples/${fn.d.id}/tags`, { tagId: tired.id, reviewer: "Ann" });

  // An example or tag of another dataset is a 404; a bad body a 400.
  const foreign = (await json<{ items: Item[] }>(fetch(`${baseUrl}/api/datasets/${other}/examples?threshold=0.5&kind=fp`))).items[0];
  expect((await post(`/examples/${foreign.id}/tags`, { tagId: gift.id })).status).toBe(404);
  expect((await post(`/examples/${fp.a.id}/tags`, { tagId: "one" })).status).toBe(400);

  const note = await post(`/examples/${fp.a.id}/notes`, { body: "=looks like a gift card", reviewer: "Ann" });
  expect(note.status).toBe(201);
  const noteBody = await json<{ id: number }>(note);
  expect((await post(`/examples/${fp.a.id}/notes`, { body: "  " })).status).toBe(400);
  expect(await json(api(`/examples/${fp.a.id}/notes`))).toMatchObject({ notes: [{ id: noteBody.id, body: "=looks like a gift card", reviewer: "Ann" }] });

  const after = await byExample("fp");
  expect(after.a.tags.map((t) => [t.name, t.reviewer])).toEqual([["merchant looks risky", "Ann"]]);
  expect(after.a.notes.map((n) => [n.body, n.reviewer])).toEqual([["=looks like a gift card", "Ann"]]);
  expect(after.b.tags.map((t) => [t.name, t.reviewer])).toEqual([["merchant looks risky", null], ["label noise", null]]);
  expect(after.c.tags).toEqual([]);

  const modes = await json<{ fp: number; fn: number; reviewedFp: number; reviewedFn: number; daily: { falsePositives: number; falseNegatives: number }; modes: { tag: { name: string }; fp: number; fn: number; fpShare: number | null; fnShare: number | null; fpPerDay: number | null; fnPerDay: number | null }[] }>(
    api("/failure-modes?threshold=0.5"),
  );
  expect([modes.fp, modes.fn, modes.reviewedFp, modes.reviewedFn]).toEqual([3, 2, 2, 1]);
  const risky = modes.modes.find((m) => m.tag.name === "merchant looks risky")!;
  const noise = modes.modes.find((m) => m.tag.name === "label noise")!;
  expect([risky.fp, risky.fn, risky.fpShare, risky.fnShare]).toEqual([2, 0, 1, 0]);
  expect([noise.fp, noise.fn, noise.fpShare, noise.fnShare]).toEqual([1, 1, 0.5, 1]);
  expect(risky.fpPerDay).toBeCloseTo(modes.daily.falsePositives, 9);
  expect(noise.fpPerDay).toBeCloseTo(modes.daily.falsePositives / 2, 9);
  expect(noise.fnPerDay).toBeCloseTo(modes.daily.falseNegatives, 9);
  // At 0.75 only a is a false positive; b and d move to other outcomes.
  const higher = await json<{ reviewedFp: number; modes: { tag: { name: string }; fp: number; fn: number }[] }>(api("/failure-modes?threshold=0.75"));
  expect(higher.reviewedFp).toBe(1);
  expect(higher.modes.find((m) => m.tag.name === "label noise")).toMatchObject({ fp: 0, fn: 1 });
  expect((await api("/failure-modes")).status).toBe(400);

  // CSV export lists tags and notes, neutralised.
  const csv = await (await api("/examples?threshold=0.5&kind=fp&format=csv")).text();
  expect(csv.split("\r\n")[1]).toBe("2,a,fp,0,0.9,0.4,,,,merchant looks risky,Ann: =looks like a gift card");
  expect(csv.split("\r\n")[2]).toBe("3,b,fp,0,0.7,0.2,,,,merchant looks risky; label noise,");

  // Removing: the tag from an example, then a note.
  expect((await api(`/examples/${fp.b.id}/tags/${tired.id}`, { method: "DELETE" })).status).toBe(204);
  expect((await api(`/examples/${fp.b.id}/tags/${tired.id}`, { method: "DELETE" })).status).toBe(404);
  expect((await api(`/notes/${noteBody.id}`, { method: "DELETE" })).status).toBe(204);
  expect((await api(`/notes/${noteBody.id}`, { method: "DELETE" })).status).toBe(404);
  const final = await byExample("fp");
  expect(final.b.tags.map((t) => t.name)).toEqual(["merchant looks risky"]);
  expect(final.a.notes).toEqual([]);
});
