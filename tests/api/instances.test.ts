import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { postCsv } from "../support/ingest-client";
import { startServer, type RunningServer } from "../support/server";
import { query } from "../support/stored";

// Two app instances on one database, as behind a load balancer: the shared test server (A) and a
// second process (B) started on the same database and data folder.
const a = inject("baseUrl");
const database = inject("database");
let second: RunningServer;
let b = "";
beforeAll(async () => {
  second = await startServer({ CUTOFF_DEMO: "false" }, { database, dataDir: inject("dataDir") });
  b = second.url;
});
afterAll(() => second?.stop());

const HEADER = "id,label,score";
/** `n` rows with ids `${prefix}-0…`, labels alternating, scores spread over [0, 1). */
const rowsOf = (prefix: string, n: number, label = (i: number) => String(i % 2)) =>
  [HEADER, ...Array.from({ length: n }, (_, i) => `${prefix}-${i},${label(i)},${((i * 7919) % 1000) / 1000}`)].join("\n") + "\n";
const json = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const metricsOf = async (base: string, id: number) => {
  const { body } = await json(`${base}/api/datasets/${id}/metrics?threshold=0.5`);
  return { tp: body.tp, fp: body.fp, tn: body.tn, fn: body.fn, total: body.total };
};
const append = (base: string, id: number, csv: string) => json(`${base}/api/datasets/${id}/rows`, { method: "POST", headers: { "content-type": "text/csv" }, body: csv });

describe("two app processes on one database", () => {
  test("serve the same figures, and each sees the other's append and late labels at its next request", async () => {
    const created = await postCsv(a, rowsOf("x", 40), { name: "two instances", id: "id" });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const before = await metricsOf(a, id);
    expect(before.total).toBe(40);
    expect(await metricsOf(b, id)).toEqual(before); // B has it cached from now on

    expect((await append(a, id, rowsOf("y", 10, () => "1"))).status).toBe(201);
    const afterAppend = await metricsOf(a, id);
    expect(afterAppend.total).toBe(50);
    expect(await metricsOf(b, id)).toEqual(afterAppend);

    const labels = { labels: Array.from({ length: 5 }, (_, i) => ({ exampleId: `x-${2 * i}`, label: "1" })) };
    const written = await json(`${b}/api/datasets/${id}/labels`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(labels) });
    expect(written.body).toMatchObject({ received: 5, changed: 5 });
    const afterLabels = await metricsOf(b, id);
    expect(afterLabels).not.toEqual(afterAppend);
    expect(await metricsOf(a, id)).toEqual(afterLabels);
  });

  test("concurrent appends through both instances all succeed, each batch with ids of its own, none interleaved", async () => {
    const created = await postCsv(a, rowsOf("base", 20), { name: "concurrent appends", id: "id" });
    const id = created.body.id as number;
    const sends = Array.from({ length: 8 }, (_, k) => append(k % 2 ? b : a, id, rowsOf(`batch${k}`, 300)));
    const answers = await Promise.all(sends);
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(201));
    const batches = await query<{ firstId: number; lastId: number; rows: number }>(database, `SELECT "firstId", "lastId", "rows" FROM "Import" WHERE "datasetId" = ? ORDER BY "firstId"`, [id]);
    expect(batches.map((r) => r.rows)).toEqual([20, ...Array(8).fill(300)]);
    for (let i = 1; i < batches.length; i++) expect(batches[i].firstId).toBeGreaterThan(batches[i - 1].lastId);
    // Each batch's rows hold exactly its ids, in file order.
    for (const batch of batches) {
      const rows = await query<{ id: number; exampleId: string }>(database, `SELECT "id", "exampleId" FROM "Prediction" WHERE "id" BETWEEN ? AND ? ORDER BY "id"`, [batch.firstId, batch.lastId]);
      expect(rows.length).toBe(batch.lastId - batch.firstId + 1);
      const prefix = rows[0].exampleId.replace(/-\d+$/, "");
      expect(rows.map((r) => r.exampleId)).toEqual(rows.map((_, i) => `${prefix}-${i}`));
    }
    expect((await metricsOf(a, id)).total).toBe(20 + 8 * 300);
    expect(await metricsOf(b, id)).toEqual(await metricsOf(a, id));
  });

  test("concurrent imports through both instances all succeed", async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, (_, k) => postCsv(k % 2 ? b : a, rowsOf(`imp${k}`, 500), { name: `concurrent import ${k}`, id: "id" })));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(201));
    for (const [k, answer] of answers.entries()) {
      const id = answer.body.id as number;
      expect(answer.body.rows).toBe(500);
      const [range] = await query<{ firstId: number; lastId: number }>(database, `SELECT "firstId", "lastId" FROM "Import" WHERE "datasetId" = ?`, [id]);
      expect(range.lastId - range.firstId + 1).toBe(500);
      expect((await metricsOf(k % 2 ? a : b, id)).total).toBe(500);
    }
  });
});
