import type { RowStore } from "../store";
import type { PredictionRecord } from "../types";
import { isoInstant } from "./annotations";
import { sharedSqlite } from "./connection";
import { compileExampleQuery } from "./example-query";
import { datasetRows } from "./score-orders";

const SELECT = `SELECT "id", "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras" FROM "Prediction"`;

type StoredRecord = Omit<PredictionRecord, "timestamp"> & { timestamp: number | string | null };
const toRecord = (r: StoredRecord): PredictionRecord => ({ ...r, timestamp: isoInstant(r.timestamp) });

/** The rows of a dataset on SQLite: point reads by id, and scans of the dataset's rowid range. */
export const sqliteRows: RowStore = {
  async byIds(datasetId, ids) {
    if (ids.length === 0) return [];
    const rows = sharedSqlite().prepare(`${SELECT} WHERE "datasetId" = ? AND "id" IN (${ids.map(() => "?").join(",")})`).all(datasetId, ...ids) as StoredRecord[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const found = byId.get(id);
      return found ? [toRecord(found)] : [];
    });
  },

  async page(datasetId, query, layout, limit, offset) {
    const compiled = compileExampleQuery(datasetId, query, layout);
    const rows = datasetRows(datasetId);
    if (!rows) return { ids: [], total: 0 };
    const db = sharedSqlite();
    // One scan filters and sorts, counting the total on the way.
    const from = `FROM "Prediction" NOT INDEXED WHERE ${rows.where} AND ${compiled.where}`;
    const page = db
      .prepare(`SELECT "id", COUNT(*) OVER () AS total ${from} ORDER BY ${compiled.orderBy} LIMIT ? OFFSET ?`)
      .all(...rows.params, ...compiled.params, Math.max(limit, 1), offset) as { id: number; total: number }[];
    const total = page.length ? page[0].total : offset === 0 ? 0 : (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...rows.params, ...compiled.params) as { n: number }).n;
    return { ids: page.slice(0, limit).map((r) => r.id), total };
  },

  async matching(datasetId, query, layout, max) {
    const compiled = compileExampleQuery(datasetId, query, layout);
    const rows = datasetRows(datasetId);
    if (!rows) return [];
    const records = sharedSqlite()
      .prepare(`${SELECT} NOT INDEXED WHERE ${rows.where} AND ${compiled.where} ORDER BY ${compiled.orderBy} LIMIT ?`)
      .all(...rows.params, ...compiled.params, max) as StoredRecord[];
    return records.map(toRecord);
  },

  async imageValues(datasetId) {
    const range = datasetRows(datasetId);
    if (!range) return [];
    const rows = sharedSqlite()
      .prepare(`SELECT DISTINCT "image" FROM "Prediction" NOT INDEXED WHERE ${range.where} AND "image" IS NOT NULL AND "image" <> ''`)
      .raw(true)
      .all(...range.params) as [string][];
    return rows.map(([image]) => image);
  },

  async visitSliceRows(datasetId, visit) {
    const range = datasetRows(datasetId);
    if (!range) return false;
    const rows = sharedSqlite().prepare(`SELECT "score", "label", "slices" FROM "Prediction" NOT INDEXED WHERE ${range.where}`).raw(true).iterate(...range.params) as IterableIterator<[number, number | null, string | null]>;
    for (const [score, label, slices] of rows) {
      let values: unknown[] = [];
      try {
        const parsed: unknown = slices ? JSON.parse(slices) : [];
        if (Array.isArray(parsed)) values = parsed;
      } catch {
        // unreadable slices: every value empty
      }
      visit(score, label ?? 255, values);
    }
    return true;
  },
};
