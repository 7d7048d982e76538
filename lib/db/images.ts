import { datasetRows } from "./score-orders";
import { sharedSqlite } from "./sqlite";

/** The distinct non-empty `image` values of a dataset's rows. */
export function listImageValues(datasetId: number): string[] {
  const range = datasetRows(datasetId);
  if (!range) return [];
  const rows = sharedSqlite()
    .prepare(`SELECT DISTINCT "image" FROM "Prediction" NOT INDEXED WHERE ${range.where} AND "image" IS NOT NULL AND "image" <> ''`)
    .raw(true)
    .all(...range.params) as [string][];
  return rows.map(([image]) => image);
}
