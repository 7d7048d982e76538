import { sharedSqlite } from "./sqlite";

/** The distinct non-empty `image` values of a dataset's rows. */
export function listImageValues(datasetId: number): string[] {
  const rows = sharedSqlite()
    .prepare(`SELECT DISTINCT "image" FROM "Prediction" WHERE "datasetId" = ? AND "image" IS NOT NULL AND "image" <> ''`)
    .raw(true)
    .all(datasetId) as [string][];
  return rows.map(([image]) => image);
}
