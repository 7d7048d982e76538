import Database from "better-sqlite3";
import { expect, inject, test } from "vitest";
import { checkDatabase, partialDatasets } from "../support/db-check";
import { evaluationCsv } from "../support/evaluation-csv";

// Concurrent writers and readers (issue 18): 6 clients upload 2 datasets each, 4 append to one
// dataset, 2 send the same batch at once with duplicates=skip, while 8 readers ask for lists,
// counts, metrics and gallery pages. Every row arrives exactly once, every read answers 200, and
// no reader ever sees an append half done.
const baseUrl = inject("baseUrl");
const databaseFile = inject("databaseFile");

const IMPORT_ROWS = 15_000;
const APPEND_ROWS = 5000;
const BASE_ROWS = 1000;

const post = async (path: string, body: string) => {
  const response = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": "text/csv" }, body });
  return { status: response.status, body: (await response.json()) as { id?: number; added?: number; skipped?: number; error?: { message: string } } };
};

/** The example ids stored for a dataset, sorted. */
function storedIds(datasetId: number): string[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT "exampleId" FROM "Prediction" WHERE "datasetId" = ?`).pluck().all(datasetId) as string[]).sort();
  } finally {
    db.close();
  }
}

const idsOf = (prefix: string, rows: number) => Array.from({ length: rows }, (_, i) => `${prefix}-${i}`);

test("6 uploaders, 6 appenders and 8 readers at once: every row exactly once, every read answered", { timeout: 120_000 }, async () => {
  const target = await post("/api/datasets?name=shared-target", evaluationCsv(BASE_ROWS, { seed: 40, prefix: "base" }));
  expect(target.status).toBe(201);
  const targetId = target.body.id!;

  let writing = true;
  const reads = { answered: 0, failed: [] as string[], slowestMs: 0, targetRows: new Set<number>() };
  const readPaths = ["/api/datasets", `/api/datasets/${targetId}`, `/api/datasets/${targetId}/metrics?threshold=0.5`, `/api/datasets/${targetId}/examples?threshold=0.5&kind=fp&limit=20`, "/api/health"];
  const reader = async (k: number) => {
    for (let i = k; writing; i++) {
      const path = readPaths[i % readPaths.length];
      const started = performance.now();
      const response = await fetch(`${baseUrl}${path}`).catch((error: Error) => error);
      if (response instanceof Error || response.status !== 200) {
        reads.failed.push(`${path}: ${response instanceof Error ? response.message : response.status}`);
        continue;
      }
      const body = (await response.json()) as { rows?: number };
      reads.slowestMs = Math.max(reads.slowestMs, performance.now() - started);
      reads.answered++;
      if (path === `/api/datasets/${targetId}`) reads.targetRows.add(body.rows!);
    }
  };
  const readers = Array.from({ length: 8 }, (_, k) => reader(k));

  const uploads = Array.from({ length: 6 }, async (_, client) => {
    const ids: { id: number; prefix: string }[] = [];
    for (let j = 0; j < 2; j++) {
      const prefix = `up${client}-${j}`;
      const answer = await post(`/api/datasets?name=${prefix}`, evaluationCsv(IMPORT_ROWS, { seed: 100 + client * 10 + j, prefix }));
      expect(answer.status, answer.body.error?.message).toBe(201);
      ids.push({ id: answer.body.id!, prefix });
    }
    return ids;
  });
  const appends = Array.from({ length: 4 }, async (_, client) => {
    for (let j = 0; j < 3; j++) {
      const answer = await post(`/api/datasets/${targetId}/rows`, evaluationCsv(APPEND_ROWS, { seed: 200 + client * 10 + j, prefix: `ap${client}-${j}` }));
      expect(answer.status, answer.body.error?.message).toBe(201);
      expect(answer.body.added).toBe(APPEND_ROWS);
    }
  });
  const racing = evaluationCsv(APPEND_ROWS, { seed: 300, prefix: "race" });
  const races = [0, 1].map(() => post(`/api/datasets/${targetId}/rows?duplicates=skip`, racing));

  const uploaded = (await Promise.all(uploads)).flat();
  await Promise.all(appends);
  const raced = await Promise.all(races);
  writing = false;
  await Promise.all(readers);

  // The same batch twice at once: one adds it, the other skips every row.
  expect(raced.map((r) => r.status)).toEqual([201, 201]);
  expect(raced.map((r) => r.body.added).sort()).toEqual([0, APPEND_ROWS]);
  expect(raced.map((r) => r.body.skipped).sort()).toEqual([0, APPEND_ROWS]);

  for (const { id, prefix } of uploaded) expect(storedIds(id)).toEqual(idsOf(prefix, IMPORT_ROWS).sort());
  const expectedTarget = [...idsOf("base", BASE_ROWS), ...[0, 1, 2, 3].flatMap((c) => [0, 1, 2].flatMap((j) => idsOf(`ap${c}-${j}`, APPEND_ROWS))), ...idsOf("race", APPEND_ROWS)];
  expect(storedIds(targetId)).toEqual(expectedTarget.sort());

  const check = checkDatabase(databaseFile);
  expect(check.integrity).toBe("ok");
  expect(partialDatasets(check)).toEqual([]);

  expect(reads.failed).toEqual([]);
  expect(reads.answered).toBeGreaterThan(100);
  // Readers saw the target only between whole appends: 1,000 rows plus whole batches of 5,000.
  expect([...reads.targetRows].every((rows) => rows >= BASE_ROWS && (rows - BASE_ROWS) % APPEND_ROWS === 0)).toBe(true);
});
