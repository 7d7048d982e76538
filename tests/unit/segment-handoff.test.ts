import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { migrate } from "@/lib/db/sqlite/migrate";
import { listSegments, readSegment } from "@/lib/db/sqlite/segments";

// A real SQLite file, written by the real writer thread: the app's sink (WriterThreadSink) is
// what the import routes use.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-handoff-"));
const file = path.join(dir, "handoff.db");
const databaseUrl = process.env.DATABASE_URL;
process.env.DATABASE_URL = `file:${file}`;
const db = new Database(file);
db.pragma("journal_mode = WAL");
migrate(db);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  // A later test file in this worker process sees the environment it started with.
  if (databaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = databaseUrl;
});

const { ingestCsv } = await import("@/lib/ingest");
const { DatasetWriter } = await import("@/lib/db/sqlite/dataset-writer");
const { WriterThreadSink } = await import("@/lib/db/sqlite/writer-client");
const { takeOfferedSegment } = await import("@/lib/db/segment-handoff");

const START = Date.UTC(2026, 10, 2);
function csv(rows: number, repeatAt = -1): Uint8Array {
  const lines = ["id,timestamp,country,label,score"];
  for (let i = 0; i < rows; i++) lines.push(`ex-${i === repeatAt ? 0 : i},${new Date(START + ((i * 7919) % rows) * 1000).toISOString()},${["FR", "US", "JP"][i % 3]},${i % 11 === 0 ? "" : i % 7 === 0 ? 1 : 0},${((i * 37) % 1000) / 1000}`);
  return new TextEncoder().encode(lines.join("\n") + "\n");
}
async function* chunks(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
}
const mapping = { id: "id", timestamp: "timestamp", label: "label", score: "score", slice: ["country"] };
const importCsv = (bytes: Uint8Array, segmentRows?: number) => ingestCsv(chunks(bytes), { ...mapping, segmentRows }, new WriterThreadSink(null, () => new DatasetWriter()));

test("a new dataset's segments, once committed, are offered as the import wrote them: the same as read back, in shared memory, once", async () => {
  // Segments of 15,000 rows: two written as the parser completes them, the last at the end.
  const result = await importCsv(csv(40_000), 15_000);
  expect(result.parsedIn).toBe("worker");
  const refs = listSegments(result.id, db)!;
  expect(refs.map((r) => r.rows).sort()).toEqual([10_000, 15_000, 15_000]);
  for (const ref of refs) {
    const offered = takeOfferedSegment(result.id, ref.id, ref.revision);
    expect(offered, `segment ${ref.id}`).toBeDefined();
    expect(offered!.scores.buffer).toBeInstanceOf(SharedArrayBuffer);
    const read = readSegment(ref.id, 1, db)!;
    expect(offered!.firstId).toBe(read.firstId);
    for (const column of ["offsets", "scores", "labels", "times"] as const) expect([...offered![column]!], column).toEqual([...read[column]!]);
    expect(offered!.slices.map((codes) => [...codes])).toEqual(read.slices.map((codes) => [...codes]));
    expect(takeOfferedSegment(result.id, ref.id, ref.revision)).toBeUndefined();
    expect(takeOfferedSegment(result.id, ref.id, ref.revision + 1)).toBeUndefined();
  }
});

test("an import refused at its end (a repeated id) offers nothing, and the last import's offer is of its own dataset only", async () => {
  const first = await importCsv(csv(20_000));
  const [ref] = listSegments(first.id, db)!;
  await expect(importCsv(csv(20_000, 19_999))).rejects.toThrow(/ex-0/);
  // The refused import rolled back: the newest dataset is still the first, its offer intact.
  expect(takeOfferedSegment(first.id + 1, ref.id, 0)).toBeUndefined();
  expect(takeOfferedSegment(first.id, ref.id, 0)).toBeDefined();
});
