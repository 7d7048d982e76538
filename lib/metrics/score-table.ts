/**
 * The distinct scores of a set of labelled examples with how many positives and negatives sit at
 * each one, ascending. Everything threshold-related is computed from this table, so it is built
 * once (at import) and stored.
 */
export interface ScoreTable {
  /** Distinct scores, strictly ascending. */
  scores: Float64Array;
  /** positives[i]: positive examples whose score is exactly scores[i]. */
  positives: Float64Array;
  /** negatives[i]: negative examples whose score is exactly scores[i]. */
  negatives: Float64Array;
  totalPositives: number;
  totalNegatives: number;
}

/** A ScoreTable with suffix sums: counts at or above each distinct score. */
export interface CumulativeTable extends ScoreTable {
  /** positivesAtOrAbove[i]: positives with score >= scores[i]; the last entry (index n) is 0. */
  positivesAtOrAbove: Float64Array;
  /** negativesAtOrAbove[i]: negatives with score >= scores[i]; the last entry (index n) is 0. */
  negativesAtOrAbove: Float64Array;
}

function sortedCopy(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Builds the table from parallel arrays: `labels[i]` is 1 for a positive example, 0 for a negative
 * one; any other value (e.g. 255 for "not labelled yet") is left out.
 */
export function buildScoreTable(scores: ArrayLike<number>, labels: ArrayLike<number>): ScoreTable {
  if (scores.length !== labels.length) throw new Error("scores and labels differ in length");
  let p = 0;
  let n = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) p++;
    else if (labels[i] === 0) n++;
  }
  const pos = new Float64Array(p);
  const neg = new Float64Array(n);
  p = 0;
  n = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[p++] = scores[i];
    else if (labels[i] === 0) neg[n++] = scores[i];
  }
  return mergeSorted(sortedCopy(pos), sortedCopy(neg));
}

/** Merges the sorted scores of the positives and of the negatives into one table. */
function mergeSorted(pos: Float64Array, neg: Float64Array): ScoreTable {
  // Two walks of the merge: one counts the distinct scores, so the second fills arrays of the exact size.
  let size = 0;
  let last = NaN;
  for (let i = 0, j = 0; i < pos.length || j < neg.length; ) {
    const score = j >= neg.length || (i < pos.length && pos[i] <= neg[j]) ? pos[i++] : neg[j++];
    if (score !== last) {
      size++;
      last = score;
    }
  }
  const outScores = new Float64Array(size);
  const outPos = new Float64Array(size);
  const outNeg = new Float64Array(size);
  let i = 0;
  let j = 0;
  let k = -1;
  while (i < pos.length || j < neg.length) {
    const takePositive = j >= neg.length || (i < pos.length && pos[i] <= neg[j]);
    const score = takePositive ? pos[i] : neg[j];
    if (k < 0 || outScores[k] !== score) {
      k++;
      outScores[k] = score;
    }
    if (takePositive) {
      outPos[k]++;
      i++;
    } else {
      outNeg[k]++;
      j++;
    }
  }
  return { scores: outScores, positives: outPos, negatives: outNeg, totalPositives: pos.length, totalNegatives: neg.length };
}

/** Adds the suffix sums that make a confusion matrix a binary search. */
export function cumulate(table: ScoreTable): CumulativeTable {
  const size = table.scores.length;
  const positivesAtOrAbove = new Float64Array(size + 1);
  const negativesAtOrAbove = new Float64Array(size + 1);
  for (let i = size - 1; i >= 0; i--) {
    positivesAtOrAbove[i] = positivesAtOrAbove[i + 1] + table.positives[i];
    negativesAtOrAbove[i] = negativesAtOrAbove[i + 1] + table.negatives[i];
  }
  return { ...table, positivesAtOrAbove, negativesAtOrAbove };
}

/** Index of the first distinct score >= threshold (scores.length when none is). */
export function firstAtOrAbove(scores: Float64Array, threshold: number): number {
  let lo = 0;
  let hi = scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (scores[mid] >= threshold) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The scores of several tables, segments or runs together: the size of a pass over them. */
export const totalScores = (parts: readonly { scores: ArrayLike<number> }[]): number => parts.reduce((sum, p) => sum + p.scores.length, 0);

/** Index of the first score of an ascending array > x (scores.length when none is). */
export function firstAbove(scores: Float64Array, x: number): number {
  let lo = 0;
  let hi = scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (scores[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
