import type { RowStore } from "../store";
import type { PredictionRecord } from "../types";
import { isoInstant } from "./annotations";
import { exampleIdTexts, predictionIdsOfExamples } from "./keys";
import { sharedSqlite } from "./connection";
import { compileExampleQuery } from "./example-query";
import { DATASET_ROWS, DATASET_ROWS_WHERE } from "./ranges";

const COLUMNS = `"id", "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras"`;

type StoredRecord = Omit<PredictionRecord, "timestamp"> & { timestamp: number | string | null };
const toRecord = (r: StoredRecord): PredictionRecord => ({ ...r, timestamp: isoInstant(r.timestamp) });

/** The rows of a dataset on SQLite: point reads by id, and scans of the dataset's rowid range. */
export const sqliteRows: RowStore = {
  async byIds(datasetId, ids) {
    if (ids.length === 0) return [];
    const rows = sharedSqlite().prepare(`SELECT ${COLUMNS} FROM "Prediction" WHERE "datasetId" = ? AND "id" IN (${ids.map(() => "?").join(",")})`).all(datasetId, ...ids) as StoredRecord[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const found = byId.get(id);
      return found ? [toRecord(found)] : [];
    });
  },

  async page(datasetId, query, layout, limit, offset) {
    const compiled = compileExampleQuery(query, layout);
    const db = sharedSqlite();
    // One scan of the dataset's rows filters and sorts, counting the total on the way.
    const from = `FROM ${DATASET_ROWS} WHERE ${DATASET_ROWS_WHERE} AND ${compiled.where}`;
    const params = [datasetId, datasetId, ...compiled.params];
    const page = db.prepare(`SELECT p."id" AS id, COUNT(*) OVER () AS total ${from} ORDER BY ${compiled.orderBy} LIMIT ? OFFSET ?`).all(...params, Math.max(limit, 1), offset) as { id: number; total: number }[];
    const total = page.length ? page[0].total : offset === 0 ? 0 : (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
    return { ids: page.slice(0, limit).map((r) => r.id), total };
  },

  async matching(datasetId, query, layout, max) {
    const compiled = compileExampleQuery(query, layout);
    const columns = COLUMNS.split(", ").map((c) => `p.${c}`).join(", ");
    const records = sharedSqlite()
      .prepare(`SELECT ${columns} FROM ${DATASET_ROWS} WHERE ${DATASET_ROWS_WHERE} AND ${compiled.where} ORDER BY ${compiled.orderBy} LIMIT ?`)
      .all(datasetId, datasetId, ...compiled.params, max) as StoredRecord[];
    return records.map(toRecord);
  },

  async imageValues(datasetId) {
    const rows = sharedSqlite()
      .prepare(`SELECT DISTINCT p."image" FROM ${DATASET_ROWS} WHERE ${DATASET_ROWS_WHERE} AND p."image" IS NOT NULL AND p."image" <> ''`)
      .raw(true)
      .all(datasetId, datasetId) as [string][];
    return rows.map(([image]) => image);
  },
  async predictionIdsOf(datasetId, exampleIds) {
    return predictionIdsOfExamples(datasetId, exampleIds);
  },

  async exampleIdTexts(datasetId, predictionIds) {
    return exampleIdTexts(datasetId, predictionIds);
  },
};
