import Database from "better-sqlite3";
import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DatasetWriter } from "@/lib/db/sqlite/dataset-writer";
import { migrate } from "@/lib/db/sqlite/migrate";
import { UNLABELED, type PredictionRow } from "@/lib/ingest/types";
import { RowBatchBuilder } from "@/lib/ingest/row-batch";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-writer-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const db = new Database(path.join(dir, "writer.db"));
db.pragma("journal_mode = WAL");
db.pragma("foreign_keys = ON");
migrate(db);

const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null, freq: 3 });
const text = fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" });
// Each optional column is empty in every row, in some rows or in none: the writer binds only the
// columns a statement's rows use, so every mix must come back as written.
const rowArbitrary = fc.record({
  label: fc.constantFrom(0, 1, UNLABELED),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
  exampleId: maybe(text),
  timestamp: maybe(fc.integer({ min: 0, max: 4_102_444_800_000 })),
  text: maybe(text),
  image: maybe(fc.constant("https://example.com/a.png")),
  slices: maybe(fc.constant('["FR"]')),
  extras: maybe(fc.constant('["=1+1"]')),
});
const columnKeys = ["exampleId", "timestamp", "text", "image", "slices", "extras"] as const;

function stored(datasetId: number) {
  return db
    .prepare(`SELECT "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras" FROM "Prediction" WHERE "datasetId" = ? ORDER BY "id"`)
    .all(datasetId);
}

describe("DatasetWriter", () => {
  test("rows come back from the database as appended, one by one or in batches, whatever columns are empty", () => {
    fc.assert(
      fc.property(
        fc.array(rowArbitrary, { maxLength: 330 }),
        fc.subarray([...columnKeys]),
        fc.boolean(),
        (generated, absent, batched) => {
          // Columns not in the file are null in every row.
          const rows: PredictionRow[] = generated.map((r, i) => ({ row: i + 2, ...r, ...Object.fromEntries(absent.map((c) => [c, null])) }));
          const writer = new DatasetWriter({ name: "w", positiveLabel: "1", negativeLabel: "0", mapping: {} }, db);
          if (batched) {
            const builder = new RowBatchBuilder(64, [true, true, true, true, true]);
            for (const row of rows) {
              builder.add(row);
              if (builder.full) writer.appendBatch(builder.take());
            }
            if (builder.size > 0) writer.appendBatch(builder.take());
          } else {
            for (const row of rows) writer.append(row);
          }
          const written = writer.finish();
          expect(written.rows).toBe(rows.length);
          expect(written.unlabeled).toBe(rows.filter((r) => r.label === UNLABELED).length);
          expect(stored(written.id)).toEqual(rows.map((r) => ({ ...r, label: r.label === UNLABELED ? null : r.label })));
        },
      ),
      { numRuns: 60, seed: 20261127 },
    );
  });

  test("an aborted import leaves no rows", () => {
    const before = (db.prepare(`SELECT COUNT(*) AS n FROM "Prediction"`).get() as { n: number }).n;
    const writer = new DatasetWriter({ name: "aborted", positiveLabel: "1", negativeLabel: "0", mapping: {} }, db);
    for (let i = 0; i < 250; i++) writer.append({ row: i + 2, label: i % 2, score: i / 250, exampleId: `e${i}`, timestamp: null, text: null, image: null, slices: null, extras: null });
    writer.abort();
    expect((db.prepare(`SELECT COUNT(*) AS n FROM "Prediction"`).get() as { n: number }).n).toBe(before);
    expect(db.prepare(`SELECT id FROM "Dataset" WHERE name = 'aborted'`).get()).toBeUndefined();
  });
});
