import type { DailyCounts, Vocabulary } from "../story";
import { dailyShare, errorsAt } from "./daily-errors";
import { getDataset } from "./datasets";
import { getScoreTable } from "./score-tables";
import { sharedSqlite } from "./sqlite";
import { listTags, type TagView } from "./tags";

/** One failure mode (tag) at a threshold. */
export interface FailureMode {
  tag: TagView;
  /** Tagged examples that are false positives / false negatives at the threshold. */
  fp: number;
  fn: number;
  /** Its share of the reviewed (tagged) false positives / false negatives, in [0, 1]; null when none is reviewed. */
  fpShare: number | null;
  fnShare: number | null;
  /** Estimated per day: share × the daily false positives / false negatives. */
  fpPerDay: number | null;
  fnPerDay: number | null;
}

export interface FailureModes {
  threshold: number;
  /** All false positives / false negatives of the dataset at the threshold. */
  fp: number;
  fn: number;
  /** Errors with at least one tag: the sample the shares are measured on. */
  reviewedFp: number;
  reviewedFn: number;
  daily: DailyCounts;
  vocabulary: Vocabulary;
  modes: FailureMode[];
}

/**
 * Counts of each tag among the false positives and false negatives at a threshold, with each
 * failure mode's estimated daily count: "about 40 of the 200 daily false alarms are gift-card
 * purchases" = 40 = (tagged gift-card FPs / reviewed FPs) × daily FPs. Null when no dataset.
 */
export async function countFailureModes(datasetId: number, threshold: number): Promise<FailureModes | null> {
  const [dataset, table, tags] = await Promise.all([getDataset(datasetId), getScoreTable(datasetId), listTags(datasetId)]);
  if (!dataset || !table) return null;
  const { matrix, daily, vocabulary } = errorsAt(dataset, table, threshold);
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
  const byTag = new Map(perTag.map((r) => [r.tagId, r]));
  const modes = tags.map((tag) => {
    const fp = byTag.get(tag.id)?.fp ?? 0;
    const fn = byTag.get(tag.id)?.fn ?? 0;
    return {
      tag,
      fp,
      fn,
      fpShare: reviewed.fp ? fp / reviewed.fp : null,
      fnShare: reviewed.fn ? fn / reviewed.fn : null,
      fpPerDay: reviewed.fp ? dailyShare(fp, reviewed.fp, daily.falsePositives) : null,
      fnPerDay: reviewed.fn ? dailyShare(fn, reviewed.fn, daily.falseNegatives) : null,
    };
  });
  return { threshold, fp: matrix.fp, fn: matrix.fn, reviewedFp: reviewed.fp, reviewedFn: reviewed.fn, daily, vocabulary, modes };
}
