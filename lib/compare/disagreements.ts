/** The examples the two models decide differently, for the disagreements gallery. */
import type { MatchedRows } from "./matched";

/** One page of the disagreements. */
export interface DisagreementPage {
  /** Rows (indices into the matched arrays) flagged by exactly one model, largest |sB − sA| first, ties by row. */
  rows: number[];
  /** All such rows. */
  total: number;
}

/**
 * The rows where exactly one model flags (score ≥ its threshold), ordered by the absolute score
 * difference, largest first; `offset` and `limit` page through them. O(n + d log d) for d disagreements.
 */
export function disagreements(matched: MatchedRows, thresholdA: number, thresholdB: number, offset = 0, limit = 50): DisagreementPage {
  const { scoresA, scoresB } = matched;
  const found: number[] = [];
  for (let i = 0; i < scoresA.length; i++) if (scoresA[i] >= thresholdA !== scoresB[i] >= thresholdB) found.push(i);
  const gap = (i: number) => Math.abs(scoresB[i] - scoresA[i]);
  found.sort((i, j) => gap(j) - gap(i) || i - j);
  return { rows: found.slice(offset, offset + limit), total: found.length };
}
