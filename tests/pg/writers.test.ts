import fc from "fast-check";
import type pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { PgAppendWriter } from "@/lib/db/postgres/append-writer";
import { closePostgres, createPool, postgresPool } from "@/lib/db/postgres/connection";
import { PgDatasetWriter } from "@/lib/db/postgres/dataset-writer";
import { migrate } from "@/lib/db/postgres/migrate";
import { RowBatchBuilder } from "@/lib/ingest/row-batch";
import { UNLABELED, type DatasetMeta, type PredictionRow } from "@/lib/ingest/types";
import { describePostgres, freshDatabase } from "./context";

const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null, freq: 3 });
// Graphemes: accents, CJK, emoji (multi-byte UTF-8), tabs and newlines (escaped by text COPY, not binary).
const text = fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" });
const rowArbitrary = fc.record({
  label: fc.constantFrom(0, 1, UNLABELED),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
  exampleId: maybe(text),
  // Before 2000 too (negative PostgreSQL microseconds), up to 2100.
  timestamp: maybe(fc.integer({ min: -2_000_000_000_000, max: 4_102_444_800_000 })),
  text: maybe(text),
  image: maybe(fc.constant("https://example.com/a.png")),
  slices: maybe(fc.constant('["FR"]')),
  extras: maybe(fc.constant('["=1+1", "Zürich"]')),
});
const columnKeys = ["exampleId", "timestamp", "text", "image", "slices", "extras"] as const;
const meta = (name: string, mapping: Record<string, unknown> = {}): DatasetMeta => ({ name, positiveLabel: "1", negativeLabel: "0", mapping });
const row = (i: number, extra: Partial<PredictionRow> = {}): PredictionRow => ({ row: i + 2, label: i % 2, score: (i % 97) / 97, exampleId: `e${i}`, timestamp: null, text: null, image: null, slices: null, extras: null, ...extra });

describePostgres("PostgreSQL batch writers (COPY, binary format)", () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    const url = await freshDatabase();
    const migrator = createPool(url, 1);
    await migrate(migrator);
    await migrator.end();
    pool = postgresPool(url);
  });
  afterAll(() => closePostgres());

  const stored = async (datasetId: number) =>
    (await pool.query(`SELECT "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras" FROM "Prediction" WHERE "datasetId" = $1 ORDER BY "id"`, [datasetId])).rows.map(
      (r) => ({ ...r, timestamp: r.timestamp === null ? null : (r.timestamp as Date).getTime() }),
    );
  const count = async (table: string) => (await pool.query(`SELECT COUNT(*)::int AS n FROM "${table}"`)).rows[0].n as number;

  test("rows come back as appended, one by one or in batches, whatever columns are empty (and the same ids as the segment's)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArbitrary, { maxLength: 200 }), fc.subarray([...columnKeys]), fc.boolean(), async (generated, absent, batched) => {
        const rows: PredictionRow[] = generated.map((r, i) => ({ row: i + 2, ...r, ...Object.fromEntries(absent.map((c) => [c, null])) }));
        const writer = new PgDatasetWriter();
        await writer.begin(meta("w"));
        if (batched) {
          const builder = new RowBatchBuilder(64, [true, true, true, true, true]);
          for (const r of rows) {
            builder.add(r);
            if (builder.full) await writer.appendBatch(builder.take());
          }
          if (builder.size > 0) await writer.appendBatch(builder.take());
        } else {
          for (const r of rows) writer.append(r);
        }
        if (rows.length === 0) return void writer.abort();
        const written = await writer.finish();
        expect(written.rows).toBe(rows.length);
        expect(written.unlabeled).toBe(rows.filter((r) => r.label === UNLABELED).length);
        expect(await stored(written.id)).toEqual(rows.map((r) => ({ ...r, label: r.label === UNLABELED ? null : r.label })));
        const { rows: [range] } = await pool.query(`SELECT "firstId", "lastId" FROM "Import" WHERE "datasetId" = $1`, [written.id]);
        const { rows: ids } = await pool.query(`SELECT min("id")::int AS "first", max("id")::int AS "last" FROM "Prediction" WHERE "datasetId" = $1`, [written.id]);
        expect([range.firstId, range.lastId]).toEqual([ids[0].first, ids[0].last]);
      }),
      { numRuns: 40, seed: 20261203 },
    );
  });

  test("ASCII text columns come back exactly when each batch's text is shorter than the one before (the encoder reuses its buffers)", async () => {
    // Batches of 64 rows whose ids and slices shrink batch after batch: a reused buffer holds the
    // longer text of the batch before beyond this batch's end.
    const rows = Array.from({ length: 64 * 6 }, (_, i) => {
      const width = 40 - 6 * Math.floor(i / 64);
      return row(i, { exampleId: `${i}`.padStart(width, "x"), slices: JSON.stringify(["s".repeat(width - (i % 5)), String(i % 3)]), text: i % 7 === 0 ? null : "t".repeat(1 + (i % 50)) });
    });
    const writer = new PgDatasetWriter();
    await writer.begin(meta("shrinking"));
    const builder = new RowBatchBuilder(64, [true, true, false, true, false]);
    for (const r of rows) {
      builder.add(r);
      if (builder.full) await writer.appendBatch(builder.take());
    }
    const written = await writer.finish();
    expect(await stored(written.id)).toEqual(rows);
  });

  test("an aborted import leaves nothing, mid-COPY, and frees the write lock at once", async () => {
    const before = { predictions: await count("Prediction"), datasets: await count("Dataset") };
    const writer = new PgDatasetWriter();
    await writer.begin(meta("aborted"));
    for (let i = 0; i < 5000; i++) writer.append(row(i));
    await writer.appendBatch(batchOf(Array.from({ length: 3000 }, (_, i) => row(5000 + i))));
    writer.abort();
    const next = new PgDatasetWriter();
    await next.begin(meta("after the abort"));
    next.append(row(0));
    const written = await next.finish();
    expect(written.rows).toBe(1);
    expect(await count("Prediction")).toBe(before.predictions + 1);
    expect((await pool.query(`SELECT "name" FROM "Dataset" WHERE "name" = 'aborted'`)).rowCount).toBe(0);
  });

  test("a second writer waits for the first to commit (the write lock), then gets the ids after it", async () => {
    const first = new PgDatasetWriter();
    await first.begin(meta("first"));
    for (let i = 0; i < 100; i++) first.append(row(i));
    const second = new PgDatasetWriter();
    let secondBegun = false;
    const begun = second.begin(meta("second")).then(() => (secondBegun = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(secondBegun).toBe(false);
    const a = await first.finish();
    await begun;
    for (let i = 0; i < 50; i++) second.append(row(i));
    const b = await second.finish();
    const ranges = (await pool.query(`SELECT "datasetId", "firstId", "lastId" FROM "Import" WHERE "datasetId" = ANY($1::int[]) ORDER BY "firstId"`, [[a.id, b.id]])).rows;
    expect(ranges.map((r) => r.datasetId)).toEqual([a.id, b.id]);
    expect(ranges[0].lastId - ranges[0].firstId).toBe(99);
    expect(ranges[1].firstId).toBe(ranges[0].lastId + 1);
    expect(ranges[1].lastId - ranges[1].firstId).toBe(49);
  });

  test("an append of a dataset deleted meanwhile is refused (404), and a delete waits for an append in progress", async () => {
    const base = new PgDatasetWriter();
    await base.begin(meta("to delete", { id: "id" }));
    for (let i = 0; i < 10; i++) base.append(row(i));
    const { id } = await base.finish();
    const append = new PgAppendWriter(id, "refuse");
    await append.begin(meta("to delete", { id: "id" }));
    for (let i = 10; i < 20; i++) append.append(row(i));
    let deleted = false;
    const deleting = pool.query(`DELETE FROM "Dataset" WHERE "id" = $1`, [id]).then(() => (deleted = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(deleted).toBe(false);
    await append.finish();
    await deleting;
    expect((await pool.query(`SELECT COUNT(*)::int AS n FROM "Prediction" WHERE "datasetId" = $1`, [id])).rows[0].n).toBe(0);
    const late = new PgAppendWriter(id, "refuse");
    await expect(late.begin(meta("to delete", { id: "id" }))).rejects.toThrow(/not found/);
  });
});

function batchOf(rows: PredictionRow[]) {
  const builder = new RowBatchBuilder(rows.length, [true, true, true, true, true]);
  for (const r of rows) builder.add(r);
  return builder.take();
}
