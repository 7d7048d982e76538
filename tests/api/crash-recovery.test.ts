import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { checkDatabase, partialDatasets, type DatabaseCheck } from "../support/db-check";
import { evaluationCsv } from "../support/evaluation-csv";
import { heldUpload, waitForProgress } from "../support/held-upload";
import { startServer, type RunningServer } from "../support/server";

// Crash safety (issue 18): the server is killed with SIGKILL at four moments of a large import or
// append, then started again on the same database file. Each time the file passes SQLite's
// integrity check, no dataset is partial (its Prediction rows, segments and batches all count
// its rowCount, every batch holds its rows), what was answered 201 is there, and the next
// import and append work.
const ROWS = 200_000;
let dir: string;
let databaseFile: string;
let server: RunningServer | null = null;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-crash-"));
  databaseFile = path.join(dir, "cutoff.db");
});
afterAll(async () => {
  await server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

const start = async () => (server = await startServer({ CUTOFF_DEMO: "false" }, { databaseFile }));

/** Starts the server again after a crash and checks the file it recovered. */
async function restartAndCheck(): Promise<DatabaseCheck> {
  await start();
  const check = checkDatabase(databaseFile);
  expect(check.integrity).toBe("ok");
  expect(partialDatasets(check)).toEqual([]);
  expect(check.orphans).toBe(0);
  return check;
}

const post = (url: string, body: BodyInit) => fetch(url, { method: "POST", headers: { "content-type": "text/csv" }, body, duplex: "half" } as RequestInit);

test("SIGKILL during imports and appends: the database recovers whole, and the next import works", { timeout: 90_000 }, async () => {
  await start();
  const kept = (await (await post(`${server!.url}/api/datasets?name=kept`, evaluationCsv(5000, { seed: 1, prefix: "kept" }))).json()) as { id: number };

  // 1. Killed in the middle of the upload: half of the rows are written in the open transaction.
  const held = heldUpload(evaluationCsv(ROWS, { seed: 2, prefix: "mid" }));
  const midUpload = post(`${server!.url}/api/datasets?name=mid-upload&progress=crash-mid-upload`, held.body).catch(() => null);
  expect(await waitForProgress(server!.url, "crash-mid-upload", (p) => (p.rows ?? 0) >= ROWS / 4)).toBe(true);
  await server!.kill();
  held.release();
  await midUpload;
  let check = await restartAndCheck();
  expect(check.datasets.map((d) => d.id)).toEqual([kept.id]);

  // 2. Killed once the file is read, while the rows' segment, keys and summary are written and committed.
  const finishing = post(`${server!.url}/api/datasets?name=finishing&progress=crash-finishing`, evaluationCsv(ROWS, { seed: 3, prefix: "fin" })).catch(() => null);
  expect(await waitForProgress(server!.url, "crash-finishing", (p) => p.phase === "finishing" || p.phase === "done")).toBe(true);
  await server!.kill();
  await finishing;
  check = await restartAndCheck();
  expect(check.datasets.filter((d) => d.id !== kept.id).every((d) => d.rowCount === ROWS)).toBe(true);

  // 3. Killed right after the 201, while the write-ahead log is copied into the database file: the import stays.
  const answered = await post(`${server!.url}/api/datasets?name=answered`, evaluationCsv(ROWS, { seed: 4, prefix: "ans" }));
  expect(answered.status).toBe(201);
  const answeredId = ((await answered.json()) as { id: number }).id;
  await server!.kill();
  check = await restartAndCheck();
  expect(check.datasets.find((d) => d.id === answeredId)).toMatchObject({ rowCount: ROWS, predictions: ROWS, segmentRows: ROWS, importedRows: ROWS });

  // 4. Killed in the middle of an append to that dataset: it keeps the rows it had.
  const append = heldUpload(evaluationCsv(ROWS, { seed: 5, prefix: "app" }));
  const appending = post(`${server!.url}/api/datasets/${answeredId}/rows`, append.body).catch(() => null);
  await new Promise((r) => setTimeout(r, 1500));
  await server!.kill();
  append.release();
  await appending;
  check = await restartAndCheck();
  expect(check.datasets.find((d) => d.id === answeredId)).toMatchObject({ rowCount: ROWS, predictions: ROWS });

  // The next import and append work, and the survivors answer.
  const next = await post(`${server!.url}/api/datasets?name=next`, evaluationCsv(20_000, { seed: 6, prefix: "next" }));
  expect(next.status).toBe(201);
  expect(await next.json()).toMatchObject({ rows: 20_000 });
  const appended = await post(`${server!.url}/api/datasets/${answeredId}/rows`, evaluationCsv(1000, { seed: 7, prefix: "more" }));
  expect(appended.status).toBe(201);
  expect(await appended.json()).toMatchObject({ added: 1000, rows: ROWS + 1000 });
  const metrics = await fetch(`${server!.url}/api/datasets/${kept.id}/metrics?threshold=0.5`);
  expect(metrics.status).toBe(200);
  expect(((await metrics.json()) as { total: number }).total).toBe(5000);
  check = checkDatabase(databaseFile);
  expect(check.integrity).toBe("ok");
  expect(partialDatasets(check)).toEqual([]);
});
