/**
 * The same review load: each model's threshold at which it flags at most K of the matched rows.
 */
import { firstAbove, firstAtOrAbove, type CumulativeTable } from "../metrics/score-table";
import { niceThresholdBetween } from "../format";

/** A model's threshold for a load of K flagged rows. */
export interface LoadThreshold {
  /** Flag when score ≥ threshold. */
  threshold: number;
  /** Matched rows it flags. */
  flagged: number;
  /**
   * Whether `flagged` ≤ K. False only when the highest score is 1 and more than K rows share it:
   * no threshold in [0, 1] then flags fewer, and the threshold is 1 (flagging those ties).
   */
  withinLoad: boolean;
}

/**
 * `thresholdForLoad` on scores already sorted ascending, in O(log n): the lowest distinct score s
 * with #{score ≥ s} ≤ K. When even the highest score flags more than K (K = 0, or more than K rows
 * tied at the top), the threshold flags nothing: the plainest number in (highest score, 1], as the
 * story's recommendations pick it (1 when the top score is 0.9 or more, 0.5 above a top of 0.4), so
 * it stays a threshold in [0, 1] like any other; with no rows it is 0. If the highest score is 1
 * itself, nothing in [0, 1] flags fewer than its ties: threshold 1, `withinLoad` false.
 */
export function thresholdForLoadSorted(sorted: Float64Array, load: number): LoadThreshold {
  if (!(load >= 0)) throw new Error(`the review load must be 0 or more, got ${load}`);
  const n = sorted.length;
  if (n === 0) return { threshold: 0, flagged: 0, withinLoad: true };
  const k = Math.min(n, Math.floor(load));
  let from = n - k;
  // Rows from `from` up are k; a tie reaching below `from` would flag more, so start above it.
  if (from < n && from > 0 && sorted[from - 1] === sorted[from]) from = firstAbove(sorted, sorted[from]);
  if (from < n) return { threshold: sorted[from], flagged: n - from, withinLoad: true };
  const top = sorted[n - 1];
  if (top < 1) return { threshold: niceThresholdBetween(top, 1), flagged: 0, withinLoad: true };
  return { threshold: 1, flagged: n - firstAtOrAbove(sorted, 1), withinLoad: false };
}

/**
 * The lowest of the model's own distinct scores at which it flags at most K of the matched rows
 * (flagged = score ≥ threshold); see thresholdForLoadSorted for a load even the top score exceeds.
 * Sorts a copy: O(n log n).
 */
export function thresholdForLoad(scores: Float64Array, load: number): LoadThreshold {
  return thresholdForLoadSorted(Float64Array.from(scores).sort(), load);
}

/**
 * The load K in matched rows for a review capacity in items a day: the same share of the rows as
 * of the daily volume (K = matched × reviews / volume). Exact when the evaluation set has the
 * production prevalence; otherwise the daily flagged count at K differs a little.
 */
export function loadForReviews(reviewsPerDay: number, volumePerDay: number, matched: number): number {
  if (!(volumePerDay > 0)) throw new Error(`the daily volume must be more than 0, got ${volumePerDay}`);
  return (matched * reviewsPerDay) / volumePerDay;
}

/**
 * thresholdForLoadSorted on a dataset's cumulative score table (distinct scores ascending, with
 * counts at or above each): for an A/B test, whose arms have no matched rows. O(log n).
 */
export function thresholdForLoadTable(table: Pick<CumulativeTable, "scores" | "positivesAtOrAbove" | "negativesAtOrAbove">, load: number): LoadThreshold {
  if (!(load >= 0)) throw new Error(`the review load must be 0 or more, got ${load}`);
  const n = table.scores.length;
  if (n === 0) return { threshold: 0, flagged: 0, withinLoad: true };
  const flaggedAt = (i: number) => table.positivesAtOrAbove[i] + table.negativesAtOrAbove[i];
  const k = Math.floor(load);
  // Flagged counts fall as i grows: the first i flagging at most k.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (flaggedAt(mid) <= k) hi = mid;
    else lo = mid + 1;
  }
  if (lo < n) return { threshold: table.scores[lo], flagged: flaggedAt(lo), withinLoad: true };
  const top = table.scores[n - 1];
  if (top < 1) return { threshold: niceThresholdBetween(top, 1), flagged: 0, withinLoad: true };
  return { threshold: 1, flagged: flaggedAt(n - 1), withinLoad: false };
}
