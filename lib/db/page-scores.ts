import { firstAtOrAbove, type CumulativeTable } from "../metrics";
import type { ExampleKind } from "./example-filter";

/** Longest list of distinct scores worth turning into index look-ups. */
export const MAX_PAGE_SCORES = 2000;

/**
 * The distinct scores, in page order, that hold the first `needed` examples of a kind at a
 * threshold: walking the score table from the page's end, the scores where the kind's class
 * (negatives for fp/tn, positives for tp/fn) has examples, until `needed` are covered.
 *
 * Why: the examples of one class can be rare among the other class at the same scores (false
 * negatives at the lowest scores hide among thousands of true negatives). Looking these scores
 * up one by one in the (datasetId, score) index reads only the rows at them, instead of scanning
 * every row of the range. `null` when more than `maxScores` would be needed (scan instead).
 */
export function pageScores(
  table: CumulativeTable,
  kind: ExampleKind,
  threshold: number,
  direction: "ASC" | "DESC",
  needed: number,
  maxScores = MAX_PAGE_SCORES,
): number[] | null {
  const split = firstAtOrAbove(table.scores, threshold);
  const flagged = kind === "fp" || kind === "tp";
  const counts = kind === "fp" || kind === "tn" ? table.negatives : table.positives;
  const [from, to] = flagged ? [split, table.scores.length] : [0, split];
  const scores: number[] = [];
  let covered = 0;
  const step = direction === "ASC" ? 1 : -1;
  for (let i = direction === "ASC" ? from : to - 1; i >= from && i < to && covered < needed; i += step) {
    if (counts[i] === 0) continue;
    if (scores.length === maxScores) return null;
    scores.push(table.scores[i]);
    covered += counts[i];
  }
  return scores;
}
