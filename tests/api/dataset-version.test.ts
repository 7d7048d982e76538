import { describe, expect, inject, test } from "vitest";
import { postCsv } from "../support/ingest-client";
import { query } from "../support/stored";

const baseUrl = inject("baseUrl");
const database = inject("database");

const csv = (rows: [number, number][]) => "label,score\n" + rows.map(([label, score]) => `${label},${score}`).join("\n") + "\n";
const metrics = async (id: number) => {
  const { tp, fp, tn, fn } = (await (await fetch(`${baseUrl}/api/datasets/${id}/metrics?threshold=0.5`)).json()) as { tp: number; fp: number; tn: number; fn: number };
  return { tp, fp, tn, fn };
};

describe("caches are keyed by the dataset's version", () => {
  test("a write by another process is served at the next request once it bumps the version, never before", async () => {
    const a = await postCsv(baseUrl, csv([[1, 0.9], [0, 0.2], [0, 0.7]]), { name: "version A" });
    const idA = a.body.id as number;
    expect(await metrics(idA)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 0 }); // now cached
    const versionA = (a.body.dataset as { version: number }).version;

    // Another process (this test, on the same file) marks every row of A positive, as late labels would.
    await query(database, `UPDATE "Segment" SET "labels" = ?, "revision" = "revision" + 1 WHERE "datasetId" = ?`, [Buffer.from([1, 1, 1]), idA]);
    // Without a new version the server keeps serving what it cached: the version is the contract.
    expect(await metrics(idA)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 0 });
    await query(database, `UPDATE "Dataset" SET "version" = "version" + 1 WHERE "id" = ?`, [idA]);
    expect(await metrics(idA)).toEqual({ tp: 2, fp: 0, tn: 0, fn: 1 });
    const after = (await (await fetch(`${baseUrl}/api/datasets/${idA}`)).json()) as { version: number };
    expect(after.version).toBe(versionA + 1);
  });
});
