// The tags' error counts in SQLite's SQL (the rest of the tag store: lib/db/annotations.ts).
import type { TagErrorCounts } from "../types";
import { sharedSqlite } from "./connection";

/** How many false alarms and misses at `threshold` carry each tag, and all tagged rows together. */
export async function tagErrorCounts(datasetId: number, threshold: number): Promise<TagErrorCounts> {
  const db = sharedSqlite();
  const perTag = db
    .prepare(
      `SELECT et."tagId" AS tagId, SUM(p."label" = 0 AND p."score" >= ?) AS fp, SUM(p."label" = 1 AND p."score" < ?) AS fn
       FROM "ExampleTag" et JOIN "Tag" t ON t."id" = et."tagId" JOIN "Prediction" p ON p."id" = et."predictionId"
       WHERE t."datasetId" = ? GROUP BY et."tagId"`,
    )
    .all(threshold, threshold, datasetId) as { tagId: number; fp: number; fn: number }[];
  const reviewed = db
    .prepare(
      `SELECT COALESCE(SUM("label" = 0 AND "score" >= ?), 0) AS fp, COALESCE(SUM("label" = 1 AND "score" < ?), 0) AS fn FROM "Prediction"
       WHERE "id" IN (SELECT et."predictionId" FROM "ExampleTag" et JOIN "Tag" t ON t."id" = et."tagId" WHERE t."datasetId" = ?)`,
    )
    .get(threshold, threshold, datasetId) as { fp: number; fn: number };
  return { perTag, reviewed };
}
