import { firstAtOrAbove, type CumulativeTable } from "./score-table";
import type { ConfusionMatrix } from "./confusion";

/**
 * Thresholds the explorer can take: multiples of 1 / THRESHOLD_STEPS in [0, 1] (the URL and the
 * threshold state keep 4 decimals).
 */
export const THRESHOLD_STEPS = 10_000;

/**
 * The compact form of a dataset sent to the browser: for every grid threshold t_k = k / steps,
 * how many positives and negatives have a score in [t_k, t_(k+1)) (the last cell: score >= 1).
 * Summing a suffix gives the exact counts flagged at t_k, the same numbers as `confusionAt(table,
 * t_k)`, whatever the scores (they are computed with the same `score >= t_k` comparison).
 */
export interface ThresholdGrid {
  steps: number;
  /** positives[k]: positives with t_k <= score < t_(k+1); length steps + 1. */
  positives: number[];
  negatives: number[];
  totalPositives: number;
  totalNegatives: number;
}

/** The grid threshold k / steps as the same double the threshold state holds. */
export const gridThreshold = (k: number, steps = THRESHOLD_STEPS) => k / steps;

/** Builds the grid from the cumulative table: steps + 1 binary searches. */
export function buildThresholdGrid(table: CumulativeTable, steps = THRESHOLD_STEPS): ThresholdGrid {
  const positives: number[] = new Array(steps + 1);
  const negatives: number[] = new Array(steps + 1);
  let above = table.scores.length;
  for (let k = steps; k >= 0; k--) {
    const i = firstAtOrAbove(table.scores, gridThreshold(k, steps));
    positives[k] = table.positivesAtOrAbove[i] - table.positivesAtOrAbove[above];
    negatives[k] = table.negativesAtOrAbove[i] - table.negativesAtOrAbove[above];
    above = i;
  }
  return { steps, positives, negatives, totalPositives: table.totalPositives, totalNegatives: table.totalNegatives };
}

/** A grid with suffix sums: flagged counts at each grid threshold. Build once, query per frame. */
export interface CumulativeGrid {
  steps: number;
  totalPositives: number;
  totalNegatives: number;
  /** positivesAtOrAbove[k]: positives flagged at t_k; index steps + 1 is 0. */
  positivesAtOrAbove: Float64Array;
  negativesAtOrAbove: Float64Array;
}

export function cumulateGrid(grid: ThresholdGrid): CumulativeGrid {
  const size = grid.steps + 1;
  const positivesAtOrAbove = new Float64Array(size + 1);
  const negativesAtOrAbove = new Float64Array(size + 1);
  for (let k = size - 1; k >= 0; k--) {
    positivesAtOrAbove[k] = positivesAtOrAbove[k + 1] + grid.positives[k];
    negativesAtOrAbove[k] = negativesAtOrAbove[k + 1] + grid.negatives[k];
  }
  return { steps: grid.steps, totalPositives: grid.totalPositives, totalNegatives: grid.totalNegatives, positivesAtOrAbove, negativesAtOrAbove };
}

/** The grid index nearest to a threshold, clamped to [0, steps]. */
export function gridIndex(grid: { steps: number }, threshold: number): number {
  return Math.min(grid.steps, Math.max(0, Math.round(threshold * grid.steps)));
}

/**
 * The exact confusion matrix at the grid threshold nearest to `threshold` (the matrix's
 * `threshold` says which one). O(1).
 */
export function gridConfusionAt(grid: CumulativeGrid, threshold: number): ConfusionMatrix {
  const k = gridIndex(grid, threshold);
  const tp = grid.positivesAtOrAbove[k];
  const fp = grid.negativesAtOrAbove[k];
  return { threshold: gridThreshold(k, grid.steps), tp, fp, tn: grid.totalNegatives - fp, fn: grid.totalPositives - tp };
}
