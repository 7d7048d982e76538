import type { CountTable } from "../metrics";
import type { DailyCounts, DatasetFacts, Vocabulary } from "../story";
import type { TagErrorCounts, TagView } from "../gallery/types";
import { dailyShare, errorsAt } from "./errors-at";

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
 * Each tag's count among the false positives and false negatives at a threshold, with its
 * estimated daily count: "about 40 of the 200 daily false alarms are gift-card purchases" =
 * (tagged gift-card FPs / reviewed FPs) × daily FPs.
 */
export function failureModesReport(dataset: DatasetFacts & { settings: unknown }, table: CountTable, tags: TagView[], counts: TagErrorCounts, threshold: number): FailureModes {
  const { matrix, daily, vocabulary } = errorsAt(dataset, table, threshold);
  const { reviewed } = counts;
  const byTag = new Map(counts.perTag.map((r) => [r.tagId, r]));
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
