// The rows of a dataset on PostgreSQL: point reads by id, and scans of the dataset's id ranges.
import type { RowStore } from "../store";
import type { PredictionRecord } from "../types";
import { compileExampleQuery } from "./example-query";
import { predictionIdsOfExamples } from "./keys";
import { isoOf, rowsOf } from "./sql";

const COLUMNS = `p."id", p."row", p."label", p."score", p."exampleId", p."timestamp", p."text", p."image", p."slices", p."extras"`;

/**
 * "Every row of this dataset" without an index on "datasetId": the id ranges of its batches (each
 * batch's rows have consecutive ids) joined to "Prediction", so PostgreSQL reads each range by
 * its primary key. The dataset id is $1.
 */
const DATASET_ROWS = `"Import" b JOIN "Prediction" p ON p."id" BETWEEN b."firstId" AND b."lastId" WHERE b."datasetId" = $1 AND b."lastId" >= b."firstId" AND p."datasetId" = $1`;

type StoredRecord = Omit<PredictionRecord, "timestamp"> & { timestamp: Date | null };
const toRecord = (r: StoredRecord): PredictionRecord => ({ ...r, timestamp: isoOf(r.timestamp) });

/** Rows on PostgreSQL (see lib/db/store.ts RowStore). */
export const postgresRows: RowStore = {
  async byIds(datasetId, ids) {
    if (ids.length === 0) return [];
    const rows = await rowsOf<StoredRecord>(`SELECT ${COLUMNS} FROM "Prediction" p WHERE p."datasetId" = $1 AND p."id" = ANY($2::int[])`, [datasetId, ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const found = byId.get(id);
      return found ? [toRecord(found)] : [];
    });
  },

  async page(datasetId, query, layout, limit, offset) {
    const compiled = compileExampleQuery(query, layout, 2);
    const from = `FROM ${DATASET_ROWS} AND ${compiled.where}`;
    const params = [datasetId, ...compiled.params];
    const n = params.length;
    // One scan of the dataset's rows filters and sorts, counting the total on the way.
    const page = await rowsOf<{ id: number; total: number }>(
      `SELECT p."id" AS "id", COUNT(*) OVER () AS "total" ${from} ORDER BY ${compiled.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, Math.max(limit, 1), offset],
    );
    const total = page.length ? page[0].total : offset === 0 ? 0 : (await rowsOf<{ n: number }>(`SELECT COUNT(*) AS "n" ${from}`, params))[0].n;
    return { ids: page.slice(0, limit).map((r) => r.id), total };
  },

  async matching(datasetId, query, layout, max) {
    const compiled = compileExampleQuery(query, layout, 2);
    const params = [datasetId, ...compiled.params];
    const records = await rowsOf<StoredRecord>(`SELECT ${COLUMNS} FROM ${DATASET_ROWS} AND ${compiled.where} ORDER BY ${compiled.orderBy} LIMIT $${params.length + 1}`, [...params, max]);
    return records.map(toRecord);
  },

  async imageValues(datasetId) {
    const rows = await rowsOf<{ image: string }>(`SELECT DISTINCT p."image" AS "image" FROM ${DATASET_ROWS} AND p."image" IS NOT NULL AND p."image" <> ''`, [datasetId]);
    return rows.map((r) => r.image);
  },

  predictionIdsOf: (datasetId, exampleIds) => predictionIdsOfExamples(datasetId, exampleIds),

  async sameExampleIds(a, idsA, b, idsB) {
    if (idsA.length !== idsB.length) throw new Error(`${idsA.length} rows of one dataset against ${idsB.length} of the other`);
    const out = new Uint8Array(idsA.length);
    // In the order asked, a chunk of pairs per query (two array parameters, joined by position):
    // the texts are compared in the database, only a boolean a pair comes back.
    for (let at = 0; at < idsA.length; at += ID_PAIRS_PER_QUERY) {
      const end = Math.min(idsA.length, at + ID_PAIRS_PER_QUERY);
      const rows = await rowsOf<{ same: boolean }>(
        `SELECT COALESCE(pa."exampleId" = pb."exampleId", false) AS "same"
         FROM unnest($3::int[], $4::int[]) WITH ORDINALITY AS u("a", "b", "i")
         LEFT JOIN "Prediction" pa ON pa."id" = u."a" AND pa."datasetId" = $1
         LEFT JOIN "Prediction" pb ON pb."id" = u."b" AND pb."datasetId" = $2
         ORDER BY u."i"`,
        [a, b, Array.from(idsA.subarray(at, end)), Array.from(idsB.subarray(at, end))],
      );
      rows.forEach((r, k) => (out[at + k] = r.same ? 1 : 0));
    }
    return out;
  },
};

/** Pairs of prediction ids per query of sameExampleIds. */
const ID_PAIRS_PER_QUERY = 100_000;
