/**
 * The paired tables at any threshold the page can take, from a compact grid (the comparison's
 * twin of lib/metrics/grid.ts): at one threshold t for both models, a row is flagged by both when
 * min(score A, score B) ≥ t, so three 1-D counts per class give all eight cells exactly.
 */
import { gridIndex, gridThreshold, THRESHOLD_STEPS } from "../metrics/grid";
import type { MatchedRows } from "./matched";

/** Per class: rows whose score of A, of B, and the lower of the two lie in [t_k, t_(k+1)) (the last cell: score 1). */
export interface PairedGridClass {
  a: number[];
  b: number[];
  both: number[];
}

/** What the browser gets to recompute the comparison at every 4-decimal threshold, whatever the row count. */
export interface PairedGrid {
  steps: number;
  positives: PairedGridClass;
  negatives: PairedGridClass;
  totalPositives: number;
  totalNegatives: number;
}

/** The grid cell of a score: the largest k with k / steps ≤ score (the same doubles as the threshold state). */
export function gridCellOf(score: number, steps = THRESHOLD_STEPS): number {
  let k = Math.min(steps, Math.max(0, Math.floor(score * steps)));
  while (k < steps && gridThreshold(k + 1, steps) <= score) k++;
  while (k > 0 && gridThreshold(k, steps) > score) k--;
  return k;
}

/** Builds the grid in one pass over the matched rows. */
export function pairedGrid(rows: MatchedRows, steps = THRESHOLD_STEPS): PairedGrid {
  const size = steps + 1;
  const counts = [0, 1].map(() => ({ a: new Float64Array(size), b: new Float64Array(size), both: new Float64Array(size) }));
  let positives = 0;
  for (let i = 0; i < rows.labels.length; i++) {
    const c = counts[rows.labels[i]];
    const ka = gridCellOf(rows.scoresA[i], steps);
    const kb = gridCellOf(rows.scoresB[i], steps);
    c.a[ka]++;
    c.b[kb]++;
    c.both[Math.min(ka, kb)]++;
    positives += rows.labels[i];
  }
  const plain = (c: (typeof counts)[number]): PairedGridClass => ({ a: Array.from(c.a), b: Array.from(c.b), both: Array.from(c.both) });
  return { steps, positives: plain(counts[1]), negatives: plain(counts[0]), totalPositives: positives, totalNegatives: rows.labels.length - positives };
}

/** The grid with suffix sums (flagged counts at each grid threshold), built once in the browser. */
export interface CumulativePairedGrid {
  steps: number;
  totalPositives: number;
  totalNegatives: number;
  /** [class][series][k]: rows of the class flagged at t_k by A (0), by B (1), by both (2). */
  atOrAbove: Float64Array[][];
}

export function cumulatePairedGrid(grid: PairedGrid): CumulativePairedGrid {
  const suffix = (counts: number[]) => {
    const out = new Float64Array(counts.length + 1);
    for (let k = counts.length - 1; k >= 0; k--) out[k] = out[k + 1] + counts[k];
    return out;
  };
  const series = (c: PairedGridClass) => [suffix(c.a), suffix(c.b), suffix(c.both)];
  return { steps: grid.steps, totalPositives: grid.totalPositives, totalNegatives: grid.totalNegatives, atOrAbove: [series(grid.negatives), series(grid.positives)] };
}

/**
 * The eight cells (lib/compare/paired-table.ts cellOf order) with both models at the grid
 * threshold nearest to `threshold`: exactly tallyCells(rows, t, t) for that grid threshold. O(1).
 */
export function gridCells(grid: CumulativePairedGrid, threshold: number): { threshold: number; cells: Float64Array } {
  const k = gridIndex(grid, threshold);
  const cells = new Float64Array(8);
  for (const label of [0, 1]) {
    const [a, b, both] = grid.atOrAbove[label].map((s) => s[k]);
    const total = label ? grid.totalPositives : grid.totalNegatives;
    cells[(label << 2) | 3] = both;
    cells[(label << 2) | 2] = a - both;
    cells[(label << 2) | 1] = b - both;
    cells[label << 2] = total - a - b + both;
  }
  return { threshold: gridThreshold(k, grid.steps), cells };
}
