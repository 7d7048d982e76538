import { firstAtOrAbove } from "../metrics/score-table";
import { float64s, uint32s } from "../metrics/typed-arrays";
import { PERIOD_LENGTH_DAYS } from "./periods";
import type { PeriodCounts, PeriodKind, PeriodTable, PreparedTable } from "./types";

/** Throws with what is wrong when a table is not sorted distinct scores with parallel counts. */
function checkTable(t: PeriodTable): void {
  const n = t.scores.length;
  if (t.positives.length !== n || t.negatives.length !== n || t.unlabeled.length !== n) {
    throw new Error(`period ${new Date(t.start).toISOString()}: ${n} scores but ${t.positives.length} positive, ${t.negatives.length} negative and ${t.unlabeled.length} unlabelled counts`);
  }
  const scores = t.scores;
  for (let i = 1; i < n; i++) {
    if (!(scores[i] > scores[i - 1])) {
      throw new Error(`period ${new Date(t.start).toISOString()}: scores are not strictly ascending at index ${i} (${scores[i - 1]}, ${scores[i]})`);
    }
  }
}

/**
 * Prepares a table once (per dataset version): O(distinct scores). The loops read the arrays from
 * locals (tables come in several shapes; property lookups in the loop would be polymorphic). `kind` gives the default
 * number of days (1 or 7) when the table does not say.
 */
export function prepareTable(t: PeriodTable, kind: PeriodKind = "day"): PreparedTable {
  checkTable(t);
  const n = t.scores.length;
  const [positives, negatives, unlabeled] = [t.positives, t.negatives, t.unlabeled];
  // Fresh memory is most of what a first preparation of many periods pays for: the counts are
  // 32-bit integers, and doubles only for a period of 2^32 rows or more (found at the end, redone).
  const suffixSums = (counts: (length: number) => Uint32Array | Float64Array) => {
    const [pos, neg, all] = [counts(n + 1), counts(n + 1), counts(n + 1)];
    let [p, q, r] = [0, 0, 0];
    for (let i = n - 1; i >= 0; i--) {
      p += positives[i];
      q += negatives[i];
      r += positives[i] + negatives[i] + unlabeled[i];
      pos[i] = p;
      neg[i] = q;
      all[i] = r;
    }
    return { pos, neg, all, total: r };
  };
  let sums = suffixSums(uint32s);
  if (sums.total >= 2 ** 32) sums = suffixSums(float64s);
  const { pos: positivesAtOrAbove, neg: negativesAtOrAbove, all: rowsAtOrAbove } = sums;
  return {
    start: t.start,
    days: t.days ?? PERIOD_LENGTH_DAYS[kind],
    scores: t.scores,
    positivesAtOrAbove,
    negativesAtOrAbove,
    rowsAtOrAbove,
    rows: rowsAtOrAbove[0],
    positives: positivesAtOrAbove[0],
    negatives: negativesAtOrAbove[0],
  };
}

/** A period's counts at `threshold` (flagged = score >= threshold), in O(log distinct scores). */
export function countsAt(p: PreparedTable, threshold: number): PeriodCounts {
  const i = firstAtOrAbove(p.scores, threshold);
  const tp = p.positivesAtOrAbove[i];
  const fp = p.negativesAtOrAbove[i];
  return {
    threshold,
    rows: p.rows,
    labeled: p.positives + p.negatives,
    positives: p.positives,
    negatives: p.negatives,
    flagged: p.rowsAtOrAbove[i],
    tp,
    fp,
    fn: p.positives - tp,
    tn: p.negatives - fp,
  };
}

/** Every period's counts at `threshold`: what a drag of the replay threshold recomputes. */
export function countsAtAll(periods: readonly PreparedTable[], threshold: number): PeriodCounts[] {
  return periods.map((p) => countsAt(p, threshold));
}

/** Rows with score <= scores[i] (all rows, labelled or not): the ECDF's numerator at scores[i]. */
export const rowsAtOrBelow = (p: PreparedTable, i: number): number => p.rows - p.rowsAtOrAbove[i + 1];
