import { expect, inject, test } from "vitest";
import { postCsv, tableCounts } from "../support/ingest-client";

const baseUrl = inject("baseUrl");
const database = inject("database");

test("list, get, rename and delete a dataset; deleting removes every row", async () => {
  const { body: created } = await postCsv(baseUrl, "label,score\n1,0.9\n0,0.1\n0,0.3\n", { name: "to rename" });
  const id = created.id as number;
  const list = (await (await fetch(`${baseUrl}/api/datasets`)).json()) as { datasets: { id: number; name: string }[] };
  expect(list.datasets.find((d) => d.id === id)?.name).toBe("to rename");

  const renamed = await fetch(`${baseUrl}/api/datasets/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "renamed" }) });
  expect(renamed.status).toBe(200);
  expect(((await renamed.json()) as { name: string }).name).toBe("renamed");
  expect(((await (await fetch(`${baseUrl}/api/datasets/${id}`)).json()) as { name: string; rows: number })).toMatchObject({ name: "renamed", rows: 3 });

  const bad = await fetch(`${baseUrl}/api/datasets/${id}`, { method: "PATCH", body: JSON.stringify({ name: "" }) });
  expect(bad.status).toBe(400);

  const before = (await tableCounts(database));
  const deleted = await fetch(`${baseUrl}/api/datasets/${id}`, { method: "DELETE" });
  expect(deleted.status).toBe(204);
  expect((await tableCounts(database))).toEqual({ datasets: before.datasets - 1, predictions: before.predictions - 3, segments: before.segments - 1, labelChanges: before.labelChanges, imports: before.imports - 1 });
  expect((await fetch(`${baseUrl}/api/datasets/${id}`)).status).toBe(404);
  expect((await fetch(`${baseUrl}/api/datasets/${id}`, { method: "DELETE" })).status).toBe(404);
  expect((await fetch(`${baseUrl}/api/datasets/abc`)).status).toBe(404);
});

test("concurrent imports queue and all succeed", async () => {
  const before = (await tableCounts(database));
  const files = [0, 1, 2, 3].map((k) => "label,score\n" + Array.from({ length: 2000 + k }, (_, i) => `${i % 3 === 0 ? 1 : 0},${((i % 97) / 97).toFixed(3)}`).join("\n") + "\n");
  const answers = await Promise.all(files.map((csv, k) => postCsv(baseUrl, csv, { name: `parallel ${k}` })));
  expect(answers.map((a) => [a.status, a.body.rows])).toEqual([[201, 2000], [201, 2001], [201, 2002], [201, 2003]]);
  expect(new Set(answers.map((a) => a.body.id)).size).toBe(4);
  const after = (await tableCounts(database));
  expect(after.predictions - before.predictions).toBe(2000 + 2001 + 2002 + 2003);
});

test("import progress can be polled by key", async () => {
  const key = `test-${Date.now()}`;
  const csv = "label,score\n" + "1,0.75\n0,0.25\n".repeat(20_000);
  const { status, body } = await postCsv(baseUrl, csv, { progress: key });
  expect(status).toBe(201);
  const progress = (await (await fetch(`${baseUrl}/api/imports/${key}`)).json()) as Record<string, unknown>;
  expect(progress).toMatchObject({ key, phase: "done", rows: 40_000, bytes: csv.length, totalBytes: csv.length, datasetId: body.id, error: null });
  expect((await fetch(`${baseUrl}/api/imports/no-such-import-key`)).status).toBe(404);
  const failedKey = `fail-${Date.now()}`;
  await postCsv(baseUrl, "label,score\n1,x\n", { progress: failedKey });
  expect(await (await fetch(`${baseUrl}/api/imports/${failedKey}`)).json()).toMatchObject({ phase: "failed", error: { code: "invalid_rows" } });
});

test("a bad progress key is a 400", async () => {
  const { status, body } = await postCsv(baseUrl, "label,score\n1,0.5\n", { progress: "x" });
  expect([status, body.error?.code]).toEqual([400, "invalid_request"]);
});
