/** The examples the two models decide differently, for the disagreements gallery. */
import type { MatchedRows } from "./matched";

/** One page of the disagreements. */
export interface DisagreementPage {
  /** Rows (indices into the matched arrays) flagged by exactly one model, largest |sB − sA| first, ties by row. */
  rows: number[];
  /** All such rows (matching the filter). */
  total: number;
}

/** Which disagreements: flagged by A only or by B only, and of one class; anything left out is not filtered. */
export interface DisagreementFilter {
  side?: "onlyA" | "onlyB";
  /** 1 positives, 0 negatives. */
  label?: 0 | 1;
}

/**
 * The rows where exactly one model flags (score ≥ its threshold), ordered by the absolute score
 * difference, largest first; `offset` and `limit` page through them. O(n + d log d) for d disagreements.
 */
export function disagreements(matched: MatchedRows, thresholdA: number, thresholdB: number, offset = 0, limit = 50, filter: DisagreementFilter = {}): DisagreementPage {
  const { scoresA, scoresB, labels } = matched;
  const found: number[] = [];
  for (let i = 0; i < scoresA.length; i++) {
    const flaggedA = scoresA[i] >= thresholdA;
    if (flaggedA === scoresB[i] >= thresholdB) continue;
    if (filter.side && (filter.side === "onlyA") !== flaggedA) continue;
    if (filter.label !== undefined && labels[i] !== filter.label) continue;
    found.push(i);
  }
  const gap = (i: number) => Math.abs(scoresB[i] - scoresA[i]);
  found.sort((i, j) => gap(j) - gap(i) || i - j);
  return { rows: found.slice(offset, offset + limit), total: found.length };
}
