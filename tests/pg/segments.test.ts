import { afterAll, beforeAll, expect, test } from "vitest";
import { PgAppendWriter } from "@/lib/db/postgres/append-writer";
import { compactDataset } from "@/lib/db/postgres/compaction";
import { closePostgres, createPool, postgresPool } from "@/lib/db/postgres/connection";
import { PgDatasetWriter } from "@/lib/db/postgres/dataset-writer";
import { writeLabels } from "@/lib/db/postgres/labels";
import { migrate } from "@/lib/db/postgres/migrate";
import { listSegments, readSegment } from "@/lib/db/postgres/segments";
import { ingestCsv } from "@/lib/ingest";
import { summarize } from "@/lib/metrics";
import { mergeScoreTables, mergeSegments, segmentTable, type ScoreSegment } from "@/lib/metrics/segment";
import { describePostgres, freshDatabase } from "./context";

// The PostgreSQL twin of tests/unit/segments.test.ts's stored-segment checks: the same files give
// the same segments, counts, refusals and merges as on SQLite.
const countries = ["FR", "DE", "US"];
const lines = (from: number, to: number, id = (i: number) => `s${i}`) =>
  Array.from({ length: to - from }, (_, k) => from + k).map((i) => `${id(i)},${i % 3 === 0 ? "" : i % 4 === 0 ? 1 : 0},${((i * 7919) % 1000) / 1000},${countries[i % 3]}\n`).join("");
const csv = (body: string) => (async function* () { yield new TextEncoder().encode(`id,label,score,country\n${body}`); })();
const options = { label: "label", score: "score", id: "id", slice: ["country"], name: "segmented", segmentRows: 300 };
const mapping = { label: "label", score: "score", id: "id", timestamp: null, text: null, image: null, slices: ["country"], extras: [], columns: ["id", "label", "score", "country"] };

/** Rows of segments as (id, score, label, country code), in (score, id) order. */
const rowsOf = (segments: ScoreSegment[]) => {
  const merged = mergeSegments(segments);
  return Array.from(merged.offsets, (o, i) => ({ id: merged.firstId + o, score: merged.scores[i], label: merged.labels[i], country: merged.slices[0][i] }));
};

describePostgres("segments on PostgreSQL", () => {
  beforeAll(async () => {
    const url = await freshDatabase();
    const migrator = createPool(url, 1);
    await migrate(migrator);
    await migrator.end();
    postgresPool(url);
  });
  afterAll(() => closePostgres());

  const segmentsOf = async (id: number) => Promise.all(((await listSegments(id)) ?? []).map(async (ref) => (await readSegment(ref.id, 1))!));
  const firstOf = async (id: number) => (await postgresPool().query(`SELECT MIN("id")::int AS "id" FROM "Prediction" WHERE "datasetId" = $1`, [id])).rows[0].id as number;

  test("a long import is stored segment by segment as the parser completes them; a repeated id across segments still refuses it; an append skips ids it has", async () => {
    const written = await ingestCsv(csv(lines(0, 1000)), options, new PgDatasetWriter());
    const whole = await ingestCsv(csv(lines(0, 1000)), { ...options, segmentRows: undefined }, new PgDatasetWriter());
    expect((await segmentsOf(written.id)).map((s) => s.offsets.length).sort((a, b) => a - b)).toEqual([100, 300, 300, 300]);
    expect(await segmentsOf(whole.id)).toHaveLength(1);
    const relative = async (id: number) => {
      const first = await firstOf(id);
      return rowsOf(await segmentsOf(id)).map((r) => ({ ...r, id: r.id - first }));
    };
    expect(await relative(written.id)).toEqual(await relative(whole.id));
    expect({ ...written, id: 0, durationMs: 0 }).toEqual({ ...whole, id: 0, durationMs: 0 });
    const summaryOf = async (id: number) => (await postgresPool().query(`SELECT "summaryVersion", "version", "rocAuc" FROM "Dataset" WHERE "id" = $1`, [id])).rows[0];
    expect(await summaryOf(written.id)).toMatchObject({ summaryVersion: 0, rocAuc: null });
    const wholeSummary = await summaryOf(whole.id);
    expect(wholeSummary.summaryVersion).toBe(wholeSummary.version);
    expect(summarize(mergeScoreTables((await segmentsOf(written.id)).map(segmentTable))).rocAuc).toBe(wholeSummary.rocAuc);

    const datasets = async () => (await postgresPool().query(`SELECT COUNT(*)::int AS n FROM "Dataset"`)).rows[0].n as number;
    const before = await datasets();
    const repeated = await ingestCsv(csv(lines(0, 1000, (i) => (i === 900 ? "s5" : `s${i}`))), options, new PgDatasetWriter()).catch((e: unknown) => e);
    expect(repeated).toMatchObject({ code: "invalid_rows", details: [{ row: 902, column: "id", message: '"s5" appears again (first on row 7): each example id may appear once' }] });
    expect(await datasets()).toBe(before);

    const target = { mapping, positiveLabel: "1", negativeLabel: "0", sliceValues: [countries] };
    const appended = await ingestCsv(csv(lines(998, 1700)), { ...options, append: target }, new PgAppendWriter(written.id, "skip"));
    expect(appended).toMatchObject({ added: 700, skipped: 2, rows: 1700 });
    const after = await segmentsOf(written.id);
    expect(after.reduce((n, s) => n + s.offsets.length, 0)).toBe(1700);
    expect(new Set(rowsOf(after).map((r) => r.id)).size).toBe(1700);
    const refused = await ingestCsv(csv(lines(1690, 1710)), { ...options, append: target }, new PgAppendWriter(written.id, "refuse")).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "duplicate_ids", details: Array.from({ length: 10 }, (_, k) => ({ row: k + 2, column: "id", message: `the dataset already has "s${1690 + k}"` })) });
  });

  test("late labels reach every segment; compaction merges the small ones and keeps every row and label", async () => {
    const { id } = await ingestCsv(csv(lines(0, 40)), { ...options, segmentRows: undefined }, new PgDatasetWriter());
    const target = { mapping, positiveLabel: "1", negativeLabel: "0", sliceValues: [countries] };
    for (let k = 0; k < 4; k++) await ingestCsv(csv(lines(100 + 10 * k, 110 + 10 * k)), { ...options, append: target }, new PgAppendWriter(id, "refuse"));
    const first = await firstOf(id);
    const ids = (await postgresPool().query(`SELECT "id" FROM "Prediction" WHERE "datasetId" = $1 ORDER BY "id"`, [id])).rows.map((r) => r.id as number);
    const changes = ids.map((predictionId, k) => ({ predictionId, label: (k % 2) as 0 | 1 }));
    expect(await writeLabels(id, changes, "test", "ana")).toEqual({ received: 80, changed: expect.any(Number) });
    const before = await segmentsOf(id);
    expect(before).toHaveLength(5);
    expect(await compactDataset(id, 1)).toBe(true);
    const after = await segmentsOf(id);
    expect(after.length).toBeLessThan(5);
    for (const segments of [before, after]) expect(rowsOf(segments).map((r) => [r.id - first, r.label]).sort((a, b) => a[0] - b[0])).toEqual(ids.map((pid, k) => [pid - first, k % 2]));
    expect(await compactDataset(id, 1)).toBe(false);
    expect(await compactDataset(999_999, 1)).toBe(false);
  });
});
