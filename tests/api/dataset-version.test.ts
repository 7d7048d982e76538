import Database from "better-sqlite3";
import { describe, expect, inject, test } from "vitest";
import { postCsv } from "../support/ingest-client";

const baseUrl = inject("baseUrl");
const databaseFile = inject("databaseFile");

const csv = (rows: [number, number][]) => "label,score\n" + rows.map(([label, score]) => `${label},${score}`).join("\n") + "\n";
const metrics = async (id: number) => {
  const { tp, fp, tn, fn } = (await (await fetch(`${baseUrl}/api/datasets/${id}/metrics?threshold=0.5`)).json()) as { tp: number; fp: number; tn: number; fn: number };
  return { tp, fp, tn, fn };
};

describe("caches are keyed by the dataset's version", () => {
  test("a write by another process is served at the next request once it bumps the version, never before", async () => {
    const a = await postCsv(baseUrl, csv([[1, 0.9], [0, 0.2], [0, 0.7]]), { name: "version A" });
    const b = await postCsv(baseUrl, csv([[1, 0.9], [1, 0.1], [0, 0.3], [0, 0.6], [1, 0.8]]), { name: "version B" });
    const [idA, idB] = [a.body.id as number, b.body.id as number];
    expect(await metrics(idA)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 0 }); // now cached
    const versionA = (a.body.dataset as { version: number }).version;

    // Another process (this test, on the same file) gives A the score table of B, as an append would.
    const db = new Database(databaseFile, { fileMustExist: true });
    try {
      db.prepare(
        `UPDATE "ScoreTable" SET (positives, negatives, scores, posCounts, negCounts) =
           (SELECT positives, negatives, scores, posCounts, negCounts FROM "ScoreTable" WHERE datasetId = ? AND sliceColumn = '')
         WHERE datasetId = ? AND sliceColumn = ''`,
      ).run(idB, idA);
      // Without a new version the server keeps serving what it cached: the version is the contract.
      expect(await metrics(idA)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 0 });
      db.prepare(`UPDATE "Dataset" SET "version" = "version" + 1 WHERE "id" = ?`).run(idA);
    } finally {
      db.close();
    }
    expect(await metrics(idA)).toEqual(await metrics(idB));
    expect(await metrics(idA)).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
    const after = (await (await fetch(`${baseUrl}/api/datasets/${idA}`)).json()) as { version: number };
    expect(after.version).toBe(versionA + 1);
  });
});
