import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-images-"));
let store: typeof import("@/lib/images/store");

beforeAll(async () => {
  process.env.DATABASE_URL = `file:${path.join(dir, "cutoff.db")}`;
  store = await import("@/lib/images/store");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const GIF = Uint8Array.from([...Buffer.from("GIF89a"), 1, 0, 1, 0]);

test("stores the named real images next to the database, reads them back, removes them with the dataset", async () => {
  const files = new Map([["cat.png", PNG], ["evil.png", Uint8Array.from(Buffer.from("<svg onload=alert(1)>"))], ["anim.gif", GIF]]);
  const result = await store.storeDatasetImages(7, ["a/cat.png", "cat.png", "evil.png", "https://x.test/y.png", "nope.webp", "anim.gif", "readme.txt"], files);
  expect(result).toEqual({ stored: 2, missing: ["nope.webp"], rejected: ["evil.png", "readme.txt"] });
  expect(store.imagesDir(7)).toBe(path.join(dir, "images", "7"));
  expect(fs.readdirSync(store.imagesDir(7)).sort()).toEqual(["anim.gif", "cat.png"]);
  expect(store.readDatasetImage(7, "cat.png")).toMatchObject({ type: "image/png" });
  expect(store.readDatasetImage(7, "anim.gif")?.type).toBe("image/gif");
  for (const name of ["../7/cat.png", "evil.png", "missing.png", "cat.png/..", ""]) expect(store.readDatasetImage(7, name)).toBeNull();
  expect(store.readDatasetImage(8, "cat.png")).toBeNull();
  store.removeDatasetImages(7);
  expect(fs.existsSync(store.imagesDir(7))).toBe(false);
});
