import { gzipSync } from "node:zlib";
import { expect, inject, test } from "vitest";
import { postCsv, storedPredictions, storedSegments, tableCounts } from "../support/ingest-client";
import { query } from "../support/stored";

const baseUrl = inject("baseUrl");
const database = inject("database");

// Files well past the 256 KB sample: the server parses them in its worker thread
// (lib/ingest/parse-worker.ts, bundled by Next) while the request's thread writes the rows.
const ROWS = 40_000;
const START = Date.UTC(2026, 10, 2);

/** Row `i` (spreadsheet row i + 2); every 100th has a quoted, multi-line, multibyte text. */
function dataLine(i: number): string {
  const text = i % 100 === 0 ? `"naïve, ""quoted""\nsecond line ✓ ${i}"` : `note ${i}`;
  return `tx-${i},${new Date(START + i * 1000).toISOString()},${text},${i % 5 === 0 ? 1 : 0},${(i % 1000) / 1000}\n`;
}
const csv = (tail = "") => `id,timestamp,text,label,score\n${Array.from({ length: ROWS }, (_, i) => dataLine(i)).join("")}${tail}`;
const mapping = { id: "id", timestamp: "timestamp", text: "text", label: "label", score: "score" };

test("a large file is imported whole: counts in the answer and in the database, rows as written", async () => {
  const before = (await tableCounts(database));
  const { status, body } = await postCsv(baseUrl, csv(), { ...mapping, name: "worker-large" });
  expect(status).toBe(201);
  expect(body).toMatchObject({ name: "worker-large", rows: ROWS, positives: ROWS / 5, negatives: ROWS - ROWS / 5, unlabeled: 0 });
  expect((await tableCounts(database))).toEqual({ ...before, datasets: before.datasets + 1, predictions: before.predictions + ROWS, segments: before.segments + 1, labelChanges: before.labelChanges, imports: before.imports + 1 });
  const stored = (await storedPredictions(database, body.id as number));
  expect(stored).toHaveLength(ROWS);
  expect(stored[300]).toEqual({ row: 302, label: 1, score: 0.3, exampleId: "tx-300", timestamp: START + 300_000, text: 'naïve, "quoted"\nsecond line ✓ 300', image: null, slices: null, extras: null });
  expect(stored[ROWS - 1]).toEqual({ row: ROWS + 1, label: 0, score: 0.999, exampleId: `tx-${ROWS - 1}`, timestamp: START + (ROWS - 1) * 1000, text: `note ${ROWS - 1}`, image: null, slices: null, extras: null });
});

test("the segment the worker sorted matches the stored rows, and the gallery pages through it", async () => {
  const { body } = await postCsv(baseUrl, csv(), { ...mapping, name: "worker-order" });
  const id = body.id as number;
  {
    const rows = await query<{ id: number; score: number; label: number; timestamp: number }>(database, `SELECT "id", "score", "label", "timestamp" FROM "Prediction" WHERE "datasetId" = ? ORDER BY "score", "id"`, [id]);
    const [segment, ...others] = (await storedSegments(database, id));
    expect(others).toEqual([]);
    expect(Array.from(segment.offsets, (o) => segment.firstId + o)).toEqual(rows.map((r) => r.id));
    expect(Array.from(segment.scores)).toEqual(rows.map((r) => r.score));
    expect(Array.from(segment.labels)).toEqual(rows.map((r) => r.label));
    expect(Array.from(segment.times!)).toEqual(rows.map((r) => r.timestamp));
    const keys = segment.keys!;
    expect(keys.keys.length).toBe(ROWS);
    expect(new Set(keys.keys).size).toBe(ROWS);
    for (let i = 1; i < ROWS; i++) expect(keys.keys[i] > keys.keys[i - 1]).toBe(true);
    const response = await fetch(`${baseUrl}/api/datasets/${id}/examples?threshold=0.5&kind=fp&limit=3&offset=2`);
    const page = (await response.json()) as { total: number; items: { id: number }[] };
    const falsePositives = rows.filter((r) => r.label === 0 && r.score >= 0.5).reverse();
    expect(page.total).toBe(falsePositives.length);
    expect(page.items.map((i) => i.id)).toEqual(falsePositives.slice(2, 5).map((r) => r.id));
  }
});

test("the same file gzip-compressed", async () => {
  const { status, body } = await postCsv(baseUrl, gzipSync(csv()), { ...mapping, name: "worker-gzip" }, "application/gzip");
  expect(status).toBe(201);
  expect(body).toMatchObject({ rows: ROWS, positives: ROWS / 5, compressed: true });
});

test("a bad row at the end of a large file: 400 naming its row and column, nothing kept", async () => {
  const before = (await tableCounts(database));
  const { status, body } = await postCsv(baseUrl, csv("tx-last,2026-11-03T00:00:00Z,late,1,1.5\n"), { ...mapping, name: "worker-bad" });
  expect(status).toBe(400);
  expect(body.error?.code).toBe("invalid_rows");
  expect(body.error?.details).toEqual([{ row: ROWS + 2, column: "score", message: '"1.5" is outside [0, 1]' }]);
  expect((await tableCounts(database))).toEqual(before);
  const list = (await (await fetch(`${baseUrl}/api/datasets`)).json()) as { datasets: { name: string }[] };
  expect(list.datasets.some((d) => d.name === "worker-bad")).toBe(false);
});

test("an unterminated quote late in a large file: 400 invalid_csv with the row, nothing kept", async () => {
  const before = (await tableCounts(database));
  const { status, body } = await postCsv(baseUrl, csv('tx-last,2026-11-03T00:00:00Z,"open,1,0.5\n'), mapping);
  expect(status).toBe(400);
  expect(body.error?.code).toBe("invalid_csv");
  expect(body.error?.details).toEqual([{ row: ROWS + 2, message: "a quoted field is never closed (unterminated quote)" }]);
  expect((await tableCounts(database))).toEqual(before);
});
