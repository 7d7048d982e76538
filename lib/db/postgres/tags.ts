// The tags' error counts in PostgreSQL's SQL (the rest of the tag store: lib/db/annotations.ts).
import type { TagErrorCounts } from "../types";
import { rowOf, rowsOf } from "./sql";

/** How many false alarms and misses at `threshold` carry each tag, and all tagged rows together. */
export async function tagErrorCounts(datasetId: number, threshold: number): Promise<TagErrorCounts> {
  const perTag = await rowsOf<{ tagId: number; fp: number; fn: number }>(
    `SELECT et."tagId" AS "tagId", COUNT(*) FILTER (WHERE p."label" = 0 AND p."score" >= $1)::int AS "fp", COUNT(*) FILTER (WHERE p."label" = 1 AND p."score" < $1)::int AS "fn"
       FROM "ExampleTag" et JOIN "Tag" t ON t."id" = et."tagId" JOIN "Prediction" p ON p."id" = et."predictionId"
      WHERE t."datasetId" = $2 GROUP BY et."tagId" ORDER BY et."tagId"`,
    [threshold, datasetId],
  );
  const reviewed = await rowOf<{ fp: number; fn: number }>(
    `SELECT COUNT(*) FILTER (WHERE "label" = 0 AND "score" >= $1)::int AS "fp", COUNT(*) FILTER (WHERE "label" = 1 AND "score" < $1)::int AS "fn" FROM "Prediction"
      WHERE "id" IN (SELECT et."predictionId" FROM "ExampleTag" et JOIN "Tag" t ON t."id" = et."tagId" WHERE t."datasetId" = $2)`,
    [threshold, datasetId],
  );
  return { perTag, reviewed: reviewed! };
}
