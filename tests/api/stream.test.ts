import { beforeAll, describe, expect, inject, test } from "vitest";
import { seededRandom } from "@/lib/demo/random";
import { postCsv, tableCounts } from "../support/ingest-client";
import { queryOne } from "../support/stored";

const baseUrl = inject("baseUrl");
const database = inject("database");

// 600 transactions over three days, timestamps out of order, scores with two decimals (many ties).
interface Tx {
  id: string;
  timestamp: string;
  score: string;
  label: 0 | 1;
  country: string;
  amount: string;
}
const random = seededRandom(2026);
const START = Date.UTC(2026, 10, 2);
const rows: Tx[] = Array.from({ length: 600 }, (_, i) => {
  const label = random() < 0.2 ? 1 : 0;
  const score = Math.min(1, Math.max(0, (label ? 0.55 : 0.25) + (random() - 0.5) * 0.8));
  return {
    id: `tx-${String(i).padStart(4, "0")}`,
    timestamp: new Date(START + Math.floor(random() * 3 * 86_400_000)).toISOString(),
    score: score.toFixed(2),
    label,
    country: ["FR", "DE", "US"][Math.floor(random() * 3)],
    amount: (random() * 300).toFixed(2),
  };
});
/** Rows whose label arrives late: unlabelled when first sent. */
const late = (i: number) => i % 5 === 0;
const HEADER = "transaction_id,timestamp,fraud_probability,is_fraud,country,amount";
const csvLine = (r: Tx, label: string) => [r.id, r.timestamp, r.score, label, r.country, r.amount].join(",");
const csvOf = (list: Tx[], withLabels: (r: Tx, i: number) => boolean) => [HEADER, ...list.map((r, i) => csvLine(r, withLabels(r, i) ? String(r.label) : ""))].join("\n") + "\n";
const mapping = { id: "transaction_id", timestamp: "timestamp", label: "is_fraud", score: "fraud_probability", slice: "country" };
const NAME = "stream check";

const get = async (path: string) => {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  return response.headers.get("content-type")?.includes("json") ? ((await response.json()) as Record<string, unknown>) : await response.text();
};
const post = async (path: string, body: string, contentType: string) => {
  const response = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": contentType }, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; details?: { row?: number; column?: string; message: string }[] } } };
};

let whole = 0;
let streamed = 0;

beforeAll(async () => {
  const all = await postCsv(baseUrl, csvOf(rows, () => true), { name: NAME, ...mapping });
  expect(all.status).toBe(201);
  whole = all.body.id as number;
  // The same rows as a stream: an import, an NDJSON append, a JSON append, then the late labels.
  const first = await postCsv(baseUrl, csvOf(rows.slice(0, 200), (_, i) => !late(i)), { name: NAME, ...mapping });
  expect(first.status).toBe(201);
  streamed = first.body.id as number;
  const ndjson = rows.slice(200, 400).map((r, k) => JSON.stringify({ transaction_id: r.id, timestamp: r.timestamp, fraud_probability: Number(r.score), ...(late(200 + k) ? {} : { is_fraud: r.label }), country: r.country, amount: r.amount })).join("\n");
  const second = await post(`/api/datasets/${streamed}/rows`, ndjson, "application/x-ndjson");
  expect(second.status, JSON.stringify(second.body)).toBe(201);
  expect(second.body).toMatchObject({ added: 200, skipped: 0, rows: 400 });
  const json = { rows: rows.slice(400).map((r, k) => ({ transaction_id: r.id, timestamp: r.timestamp, fraud_probability: r.score, is_fraud: late(400 + k) ? null : String(r.label), country: r.country, amount: r.amount })) };
  const third = await post(`/api/datasets/${streamed}/rows`, JSON.stringify(json), "application/json");
  expect(third.status, JSON.stringify(third.body)).toBe(201);
  const unlabelled = rows.filter((_, i) => late(i));
  expect(third.body).toMatchObject({ added: 200, rows: 600, unlabeled: unlabelled.length });
  // Late labels: half as CSV (the dataset's own column names), half as JSON with true/false.
  const half = Math.floor(unlabelled.length / 2);
  const csvLabels = "transaction_id,is_fraud\n" + unlabelled.slice(0, half).map((r) => `${r.id},${r.label}`).join("\n") + "\n";
  const a = await post(`/api/datasets/${streamed}/labels?reviewer=chargebacks`, csvLabels, "text/csv");
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  expect(a.body).toMatchObject({ received: half, changed: half });
  const jsonLabels = { labels: unlabelled.slice(half).map((r) => ({ exampleId: r.id, label: r.label ? "true" : "false" })) };
  const b = await post(`/api/datasets/${streamed}/labels`, JSON.stringify(jsonLabels), "application/json");
  expect(b.status, JSON.stringify(b.body)).toBe(200);
  expect(b.body).toMatchObject({ received: unlabelled.length - half, changed: unlabelled.length - half, unlabeled: 0 });
});

describe("appends and late labels give exactly the figures of the same rows imported whole", () => {
  test("counts, summary figures, score range and time span", async () => {
    const pick = (d: Record<string, unknown>) => {
      const { rows: n, positives, negatives, unlabeled, positiveShare, scoreMin, scoreMax, rocAuc, averagePrecision, brier, timestampMin, timestampMax } = d;
      return { n, positives, negatives, unlabeled, positiveShare, scoreMin, scoreMax, rocAuc, averagePrecision, brier, timestampMin, timestampMax };
    };
    const [a, b] = [await get(`/api/datasets/${whole}`), await get(`/api/datasets/${streamed}`)] as Record<string, unknown>[];
    expect(pick(b)).toEqual(pick(a));
    expect(b.rocAuc).not.toBeNull();
    expect(await get(`/api/datasets/${streamed}/summary`)).toEqual({ ...(await get(`/api/datasets/${whole}/summary`)) as object, id: streamed });
  });

  test.each([0, 0.13, 0.5, 0.55, 0.77, 1])("metrics and the daily story at %s", async (t) => {
    expect(await get(`/api/datasets/${streamed}/metrics?threshold=${t}`)).toEqual(await get(`/api/datasets/${whole}/metrics?threshold=${t}`));
  });

  test("curves", async () => {
    expect(await get(`/api/datasets/${streamed}/curves`)).toEqual(await get(`/api/datasets/${whole}/curves`));
  });

  test.each(["fp", "fn", "tp", "tn"])("gallery pages of %s in their default order, ties included, with and without a slice filter", async (kind) => {
    for (const query of [`kind=${kind}&limit=500`, `kind=${kind}&limit=7&offset=5`, `kind=${kind}&slice.country=FR&limit=500`, `kind=${kind}&order=asc&limit=20`]) {
      const page = async (id: number) => {
        const p = (await get(`/api/datasets/${id}/examples?threshold=0.5&${query}`)) as { total: number; items: { exampleId: string; score: number; label: number; timestamp: string }[] };
        return { total: p.total, items: p.items.map((x) => [x.exampleId, x.score, x.label, x.timestamp]) };
      };
      expect(await page(streamed), query).toEqual(await page(whole));
    }
  });

  test("slices, failure modes and the brief", async () => {
    expect(await get(`/api/datasets/${streamed}/slices?threshold=0.5`)).toEqual(await get(`/api/datasets/${whole}/slices?threshold=0.5`));
    const modes = async (id: number) => {
      const m = (await get(`/api/datasets/${id}/failure-modes?threshold=0.5`)) as Record<string, unknown>;
      return { fp: m.fp, fn: m.fn, daily: m.daily };
    };
    expect(await modes(streamed)).toEqual(await modes(whole));
    // Rows are numbered within their batch (an appended row's "row" is its line in that batch).
    const brief = async (id: number) => ((await get(`/api/datasets/${id}/brief?threshold=0.5`)) as string).split("\n").filter((line) => !line.startsWith("_Brief made")).map((line) => line.replace(/ \(row \d+\)|, row \d+$/, ""));
    expect(await brief(streamed)).toEqual(await brief(whole));
  });

  test("the history lists the import, both appends and both label sets", async () => {
    const { batches } = (await get(`/api/datasets/${streamed}/batches`)) as { batches: { kind: string; rows: number }[] };
    expect(batches.map((b) => [b.kind, b.rows])).toEqual([["import", 200], ["append", 200], ["append", 200], ["labels", 60], ["labels", 60]]);
  });

  test("a changed label is recorded with the old value and who sent it", async () => {
    const target = rows.find((r, i) => !late(i) && r.label === 0)!;
    const response = await post(`/api/datasets/${streamed}/labels?reviewer=ana`, JSON.stringify({ labels: [{ exampleId: target.id, label: "1" }] }), "application/json");
    expect(response.body).toMatchObject({ received: 1, changed: 1 });
    const change = await queryOne(database, `SELECT c."oldLabel", c."newLabel", c."reviewer" FROM "LabelChange" c JOIN "Prediction" p ON p."id" = c."predictionId" WHERE p."exampleId" = ? AND c."datasetId" = ?`, [target.id, streamed]);
    expect(change).toEqual({ oldLabel: 0, newLabel: 1, reviewer: "ana" });
    const back = await post(`/api/datasets/${streamed}/labels`, JSON.stringify({ labels: [{ exampleId: target.id, label: "0" }] }), "application/json");
    expect(back.body).toMatchObject({ received: 1, changed: 1 });
    expect(await get(`/api/datasets/${streamed}/metrics?threshold=0.5`)).toEqual(await get(`/api/datasets/${whole}/metrics?threshold=0.5`));
  });
});

describe("appends are all or nothing, and idempotent by example id", () => {
  test("a re-sent batch is refused with 409 duplicate_ids naming its first rows, and nothing changes", async () => {
    const before = { tables: (await tableCounts(database)), dataset: await get(`/api/datasets/${streamed}`) };
    const resent = await post(`/api/datasets/${streamed}/rows`, csvOf(rows.slice(400, 410), () => true), "text/csv");
    expect(resent.status).toBe(409);
    expect(resent.body.error?.code).toBe("duplicate_ids");
    expect(resent.body.error?.details?.[0]).toEqual({ row: 2, column: "transaction_id", message: `the dataset already has "${rows[400].id}"` });
    expect((await tableCounts(database))).toEqual(before.tables);
    expect(await get(`/api/datasets/${streamed}`)).toEqual(before.dataset);
  });

  test("?duplicates=skip leaves the known ids out and adds the rest", async () => {
    const extra: Tx = { ...rows[0], id: "tx-new-1", score: "0.42" };
    const response = await post(`/api/datasets/${streamed}/rows?duplicates=skip`, csvOf([rows[1], extra, rows[2]], () => true), "text/csv");
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ added: 1, skipped: 2, rows: 601 });
    const page = (await get(`/api/datasets/${streamed}/examples?threshold=0&kind=${extra.label ? "tp" : "fp"}&q=tx-new-1`)) as { total: number; items: { exampleId: string }[] };
    expect(page.items.map((x) => x.exampleId)).toEqual(["tx-new-1"]);
  });

  test.each([
    ["a bad score names its row within the batch", "application/x-ndjson", ['{"transaction_id":"b1","timestamp":"2026-11-03T00:00:00Z","fraud_probability":0.5,"country":"FR","amount":"1"}', '{"transaction_id":"b2","timestamp":"2026-11-03T00:00:00Z","fraud_probability":"abc","country":"FR","amount":"1"}'].join("\n"), 400, "invalid_rows", { row: 2, column: "fraud_probability" }],
    ["a column the dataset lacks names it", "text/csv", `${HEADER},channel\ntx-x,2026-11-03T00:00:00Z,0.5,1,FR,3.00,web\n`, 400, "columns_differ", { column: "channel" }],
    ["a missing score column names it", "text/csv", "transaction_id,timestamp,is_fraud,country,amount\ntx-y,2026-11-03T00:00:00Z,1,FR,3.00\n", 400, "columns_differ", { column: "fraud_probability" }],
    ["a row without an id names its row", "text/csv", `${HEADER}\ntx-z1,2026-11-03T00:00:00Z,0.5,1,FR,3.00\n,2026-11-03T00:00:00Z,0.5,1,FR,3.00\n`, 400, "invalid_rows", { row: 3, column: "transaction_id" }],
    ["an id twice in the batch names the second row", "text/csv", `${HEADER}\ntx-w,2026-11-03T00:00:00Z,0.5,1,FR,3.00\ntx-w,2026-11-03T00:00:00Z,0.6,0,FR,3.00\n`, 400, "invalid_rows", { row: 3, column: "transaction_id" }],
    ["a key the dataset lacks in JSON names its row", "application/json", JSON.stringify({ rows: [{ transaction_id: "j1", fraud_probability: 0.2 }, { transaction_id: "j2", fraud_probability: 0.2, colour: "red" }] }), 400, "invalid_rows", { row: 2, column: "colour" }],
    ["a third label value", "application/x-ndjson", '{"transaction_id":"l1","fraud_probability":0.2,"is_fraud":"maybe","timestamp":"2026-11-03T00:00:00Z","country":"FR","amount":"1"}', 400, "invalid_rows", { row: 1, column: "is_fraud" }],
  ])("%s", async (_name, contentType, body, status, code, detail) => {
    const before = (await tableCounts(database));
    const response = await post(`/api/datasets/${streamed}/rows`, body, contentType);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error?.code).toBe(code);
    expect(response.body.error?.details?.[0]).toMatchObject(detail);
    expect((await tableCounts(database))).toEqual(before);
  });

  test("labels for unknown ids or with a third value are a 400 naming the rows, and nothing changes", async () => {
    const before = await get(`/api/datasets/${streamed}`);
    const response = await post(`/api/datasets/${streamed}/labels`, "transaction_id,is_fraud\ntx-0001,1\nnope,0\ntx-0002,perhaps\n", "text/csv");
    expect(response.status).toBe(400);
    expect(response.body.error?.details).toEqual([
      { row: 3, column: "transaction_id", message: '"nope" is not an example of this dataset' },
      { row: 4, column: "is_fraud", message: expect.stringContaining('"perhaps" is not a label of this dataset') },
    ]);
    expect(await get(`/api/datasets/${streamed}`)).toEqual(before);
  });

  test("an unknown dataset is a 404", async () => {
    expect((await post(`/api/datasets/999999/rows`, `${HEADER}\n`, "text/csv")).status).toBe(404);
    expect((await post(`/api/datasets/999999/labels`, "{}", "application/json")).status).toBe(404);
  });
});
