/**
 * The SQL of the RowStore on SQLite, synchronous, on a given connection: the reader thread
 * (reader-worker.ts) runs the scans, this thread the point reads (rows.ts).
 */
import type Database from "better-sqlite3";
import type { ColumnLayout, ExampleQuery } from "../../gallery/kinds";
import type { PredictionRecord } from "../types";
import { isoInstant } from "./annotations";
import { compileExampleQuery } from "./example-query";
import { DATASET_ROWS, DATASET_ROWS_WHERE } from "./ranges";

const COLUMNS = `"id", "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras"`;

type StoredRecord = Omit<PredictionRecord, "timestamp"> & { timestamp: number | string | null };
const toRecord = (r: StoredRecord): PredictionRecord => ({ ...r, timestamp: isoInstant(r.timestamp) });

/** Rows by id, in the order asked (ids the dataset lacks left out). */
export function rowsByIds(db: Database.Database, datasetId: number, ids: number[]): PredictionRecord[] {
  if (ids.length === 0) return [];
  const rows = db.prepare(`SELECT ${COLUMNS} FROM "Prediction" WHERE "datasetId" = ? AND "id" IN (${ids.map(() => "?").join(",")})`).all(datasetId, ...ids) as StoredRecord[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const found = byId.get(id);
    return found ? [toRecord(found)] : [];
  });
}

/** One page of a filtered, sorted query: one scan of the dataset's rows, counting the total on the way. */
export function rowPage(db: Database.Database, datasetId: number, query: ExampleQuery, layout: ColumnLayout, limit: number, offset: number): { ids: number[]; total: number } {
  const compiled = compileExampleQuery(query, layout);
  const from = `FROM ${DATASET_ROWS} WHERE ${DATASET_ROWS_WHERE} AND ${compiled.where}`;
  const params = [datasetId, datasetId, ...compiled.params];
  const page = db.prepare(`SELECT p."id" AS id, COUNT(*) OVER () AS total ${from} ORDER BY ${compiled.orderBy} LIMIT ? OFFSET ?`).all(...params, Math.max(limit, 1), offset) as { id: number; total: number }[];
  const total = page.length ? page[0].total : offset === 0 ? 0 : (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
  return { ids: page.slice(0, limit).map((r) => r.id), total };
}

/**
 * Every row matching the query (up to `max`), in its order; `onSlice` receives them `sliceSize` at
 * a time. The scan sorts only ids (narrow, so SQLite's sorter stays small), then each slice's rows
 * are read by id.
 */
export function rowsMatching(db: Database.Database, datasetId: number, query: ExampleQuery, layout: ColumnLayout, max: number, sliceSize: number, onSlice: (records: PredictionRecord[]) => void): void {
  const ids = idsMatching(db, datasetId, query, layout, max);
  for (let at = 0; at < ids.length; at += sliceSize) onSlice(rowsByIds(db, datasetId, ids.slice(at, at + sliceSize)));
}

/** The ids of the rows matching the query (up to `max`), in its order. */
export function idsMatching(db: Database.Database, datasetId: number, query: ExampleQuery, layout: ColumnLayout, max: number): number[] {
  const compiled = compileExampleQuery(query, layout);
  return db
    .prepare(`SELECT p."id" FROM ${DATASET_ROWS} WHERE ${DATASET_ROWS_WHERE} AND ${compiled.where} ORDER BY ${compiled.orderBy} LIMIT ?`)
    .pluck()
    .all(datasetId, datasetId, ...compiled.params, max) as number[];
}

/** The distinct non-empty image values of a dataset's rows. */
export function imageValues(db: Database.Database, datasetId: number): string[] {
  const rows = db.prepare(`SELECT DISTINCT p."image" FROM ${DATASET_ROWS} WHERE ${DATASET_ROWS_WHERE} AND p."image" IS NOT NULL AND p."image" <> ''`).raw(true).all(datasetId, datasetId) as [string][];
  return rows.map(([image]) => image);
}
