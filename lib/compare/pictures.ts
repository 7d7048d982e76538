/**
 * The data of the comparison's pictures that do not depend on the thresholds, built once: a
 * histogram of score differences and a score-against-score density grid, per class.
 */
import type { MatchedRows } from "./matched";

/** Counts of B's score minus A's score, in bins centred on multiples of `binWidth` (0 included). */
export interface DifferenceHistogram {
  /** A round width (1, 2 or 5 × 10ᵏ) giving at most 20 bins each side of 0; bin j holds [c − w/2, c + w/2). */
  binWidth: number;
  /** Centre of each bin, ascending and symmetric around 0. */
  centers: number[];
  /** Positives in each bin. */
  positives: number[];
  /** Negatives in each bin. */
  negatives: number[];
  /** Examples both models score exactly alike, per class. */
  identical: { positives: number; negatives: number };
}

/** The smallest of 1, 2, 5 × 10ᵏ that is ≥ x. */
function roundWidth(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * power >= x * (1 - 1e-12)) return m * power;
  return 10 * power;
}

/** Histogram of sB − sA per class, O(n): two passes (the widest difference, then the counts). */
export function scoreDifferenceHistogram(rows: MatchedRows, binsEachSide = 20): DifferenceHistogram {
  const { scoresA, scoresB, labels } = rows;
  const n = labels.length;
  let widest = 0;
  for (let i = 0; i < n; i++) widest = Math.max(widest, Math.abs(scoresB[i] - scoresA[i]));
  const binWidth = widest > 0 ? roundWidth(widest / binsEachSide) : 0.01;
  const side = Math.round(widest / binWidth);
  const size = 2 * side + 1;
  const counts = [new Float64Array(size), new Float64Array(size)];
  const identical = [0, 0];
  for (let i = 0; i < n; i++) {
    const d = scoresB[i] - scoresA[i];
    const bin = Math.min(size - 1, Math.max(0, Math.round(d / binWidth) + side));
    counts[labels[i]][bin]++;
    if (d === 0) identical[labels[i]]++;
  }
  return {
    binWidth,
    centers: Array.from({ length: size }, (_, j) => Number(((j - side) * binWidth).toPrecision(12)) + 0),
    positives: Array.from(counts[1]),
    negatives: Array.from(counts[0]),
    identical: { positives: identical[1], negatives: identical[0] },
  };
}

/**
 * Counts of examples on a bins × bins grid of (score of A, score of B) over [0, 1]², per class: a
 * million points become 2 × 10,000 numbers. Cell (x, y) is at index y·bins + x, x from A's score,
 * y from B's; a score of 1 falls in the last cell.
 */
export interface DensityGrid {
  bins: number;
  positives: number[];
  negatives: number[];
}

/** The score-against-score density grid, O(n). */
export function scoreDensityGrid(rows: MatchedRows, bins = 100): DensityGrid {
  const { scoresA, scoresB, labels } = rows;
  const counts = [new Float64Array(bins * bins), new Float64Array(bins * bins)];
  const last = bins - 1;
  for (let i = 0; i < labels.length; i++) {
    const x = Math.min(last, Math.floor(scoresA[i] * bins));
    const y = Math.min(last, Math.floor(scoresB[i] * bins));
    counts[labels[i]][y * bins + x]++;
  }
  return { bins, positives: Array.from(counts[1]), negatives: Array.from(counts[0]) };
}
