import { ratesOf } from "./confusion";
import { gridThreshold, type CumulativeGrid } from "./grid";

/** One histogram bar: examples of each class with a score in [lower, upper). */
export interface HistogramBin {
  lower: number;
  upper: number;
  positives: number;
  negatives: number;
}

/**
 * Score histogram per class in `bins` equal bins over [0, 1] (`steps` must be a multiple of
 * `bins`). A bin holds scores in [lower, upper), matching "flagged when score >= threshold", so
 * a threshold on a bin edge splits the bars exactly; the last bin also holds scores >= 1 and the
 * first any score below 0.
 */
export function histogramFromGrid(grid: CumulativeGrid, bins = 50): HistogramBin[] {
  if (grid.steps % bins !== 0) throw new Error(`${grid.steps} grid steps do not split into ${bins} bins`);
  const width = grid.steps / bins;
  const out: HistogramBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = b === 0 ? null : b * width;
    const to = b === bins - 1 ? grid.steps + 1 : (b + 1) * width;
    const posFrom = from === null ? grid.totalPositives : grid.positivesAtOrAbove[from];
    const negFrom = from === null ? grid.totalNegatives : grid.negativesAtOrAbove[from];
    out.push({
      lower: gridThreshold(b * width, grid.steps),
      upper: gridThreshold((b + 1) * width, grid.steps),
      positives: posFrom - grid.positivesAtOrAbove[to],
      negatives: negFrom - grid.negativesAtOrAbove[to],
    });
  }
  return out;
}

/** Metrics at one grid threshold, for the metrics-vs-threshold chart. Null where undefined. */
export interface ThresholdSeriesPoint {
  threshold: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  flagRate: number | null;
}

/** Precision, recall, F1 and flag rate at `points` evenly spaced grid thresholds from 0 to 1. */
export function thresholdSeries(grid: CumulativeGrid, points = 201): ThresholdSeriesPoint[] {
  const stride = grid.steps / (points - 1);
  const out: ThresholdSeriesPoint[] = [];
  for (let p = 0; p < points; p++) {
    const k = Math.round(p * stride);
    const tp = grid.positivesAtOrAbove[k];
    const fp = grid.negativesAtOrAbove[k];
    const threshold = gridThreshold(k, grid.steps);
    const { precision, recall, f1, flagRate } = ratesOf({ threshold, tp, fp, tn: grid.totalNegatives - fp, fn: grid.totalPositives - tp });
    out.push({ threshold, precision, recall, f1, flagRate });
  }
  return out;
}

/** A point of a curve drawn in the explorer, with the grid threshold that produces it. */
export interface GridCurvePoint {
  x: number;
  y: number;
  threshold: number;
}

/**
 * The operating points the explorer can reach, from threshold 1 down to 0 (consecutive equal
 * points merged, keeping the highest threshold): ROC (x = FPR, y = TPR) or PR (x = recall,
 * y = precision; thresholds flagging nothing are left out). Empty when a needed class is absent.
 */
export function gridCurve(grid: CumulativeGrid, kind: "roc" | "pr"): GridCurvePoint[] {
  const out: GridCurvePoint[] = [];
  for (let k = grid.steps; k >= 0; k--) {
    const point = curvePoint(kind, grid.positivesAtOrAbove[k], grid.negativesAtOrAbove[k], grid.totalPositives, grid.totalNegatives);
    if (!point) continue;
    const last = out[out.length - 1];
    if (last && last.x === point.x && last.y === point.y) continue;
    out.push({ ...point, threshold: gridThreshold(k, grid.steps) });
  }
  return out;
}

/**
 * The point of an ROC curve (x = false positive rate, y = true positive rate) or a PR curve
 * (x = recall, y = precision) for `tp` of `P` positives and `fp` of `N` negatives flagged; null
 * where the point does not exist (a class missing, or nothing flagged for precision).
 */
export function curvePoint(kind: "roc" | "pr", tp: number, fp: number, P: number, N: number): { x: number; y: number } | null {
  if (kind === "roc") return P && N ? { x: fp / N, y: tp / P } : null;
  return P && tp + fp ? { x: tp / P, y: tp / (tp + fp) } : null;
}
