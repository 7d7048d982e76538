import type { ScoreTable } from "./score-table";

/** One point of the ROC curve: flagging scores >= threshold gives this false/true positive rate. */
export interface RocPoint {
  fpr: number;
  tpr: number;
  /** The score threshold; null for the (0, 0) start, where scikit-learn writes `inf`. */
  threshold: number | null;
}

/** One point of the precision–recall curve at `score >= threshold`. */
export interface PrPoint {
  precision: number;
  recall: number;
  /** The score threshold; null for the closing (recall 0, precision 1) point, which has none. */
  threshold: number | null;
}

/**
 * Counts flagged at each distinct score, from the highest score down: scikit-learn's
 * `_binary_clf_curve` (`tps`, `fps`, `thresholds`).
 */
function descendingCounts(table: ScoreTable): { tps: Float64Array; fps: Float64Array; thresholds: Float64Array } {
  const n = table.scores.length;
  const tps = new Float64Array(n);
  const fps = new Float64Array(n);
  const thresholds = new Float64Array(n);
  let tp = 0;
  let fp = 0;
  for (let j = 0; j < n; j++) {
    const i = n - 1 - j;
    tp += table.positives[i];
    fp += table.negatives[i];
    tps[j] = tp;
    fps[j] = fp;
    thresholds[j] = table.scores[i];
  }
  return { tps, fps, thresholds };
}

/** A curve as parallel columns: x, y and the threshold of each point (NaN where it has none). */
export interface CurveColumns {
  x: Float64Array;
  y: Float64Array;
  thresholds: Float64Array;
}

/**
 * The ROC curve exactly as scikit-learn's `roc_curve`, as columns (x = false positive rate,
 * y = true positive rate): thresholds descending, starting at (0, 0) without a threshold. With
 * `dropIntermediate` (scikit-learn's default) a point is dropped when both its false and true
 * positive counts continue at the same step as before it (`np.diff(fps, 2) == 0` and
 * `np.diff(tps, 2) == 0`), which never changes the area. `null` when a class is absent.
 */
export function rocColumns(table: ScoreTable, { dropIntermediate = true } = {}): CurveColumns | null {
  const P = table.totalPositives;
  const N = table.totalNegatives;
  if (P === 0 || N === 0) return null;
  const { tps, fps, thresholds } = descendingCounts(table);
  const n = tps.length;
  const x = new Float64Array(n + 1);
  const y = new Float64Array(n + 1);
  const at = new Float64Array(n + 1);
  at[0] = NaN;
  let size = 1;
  for (let j = 0; j < n; j++) {
    if (dropIntermediate && n > 2 && j > 0 && j < n - 1) {
      const bendsFp = fps[j + 1] - 2 * fps[j] + fps[j - 1] !== 0;
      const bendsTp = tps[j + 1] - 2 * tps[j] + tps[j - 1] !== 0;
      if (!bendsFp && !bendsTp) continue;
    }
    x[size] = fps[j] / N;
    y[size] = tps[j] / P;
    at[size++] = thresholds[j];
  }
  return { x: x.subarray(0, size), y: y.subarray(0, size), thresholds: at.subarray(0, size) };
}

/** The ROC curve's point `i` of its columns. */
export const rocPoint = (c: CurveColumns, i: number): RocPoint => ({ fpr: c.x[i], tpr: c.y[i], threshold: Number.isNaN(c.thresholds[i]) ? null : c.thresholds[i] });

/** The ROC curve exactly as scikit-learn's `roc_curve` (see rocColumns); `null` when a class is absent. */
export function rocCurve(table: ScoreTable, options: { dropIntermediate?: boolean } = {}): RocPoint[] | null {
  const columns = rocColumns(table, options);
  return columns && Array.from(columns.x, (_, i) => rocPoint(columns, i));
}

/**
 * The precision–recall curve exactly as scikit-learn's `precision_recall_curve` (default
 * `drop_intermediate=False`), as columns (x = recall, y = precision): one point per distinct
 * score, thresholds ascending, then the closing point (recall 0, precision 1) without a
 * threshold. `null` when there is no positive.
 */
export function precisionRecallColumns(table: ScoreTable): CurveColumns | null {
  const P = table.totalPositives;
  if (P === 0) return null;
  const { tps, fps, thresholds } = descendingCounts(table);
  const n = tps.length;
  const x = new Float64Array(n + 1);
  const y = new Float64Array(n + 1);
  const at = new Float64Array(n + 1);
  for (let j = n - 1, k = 0; j >= 0; j--, k++) {
    y[k] = tps[j] / (tps[j] + fps[j]);
    x[k] = tps[j] / P;
    at[k] = thresholds[j];
  }
  x[n] = 0;
  y[n] = 1;
  at[n] = NaN;
  return { x, y, thresholds: at };
}

/** The precision–recall curve's point `i` of its columns. */
export const prPoint = (c: CurveColumns, i: number): PrPoint => ({ precision: c.y[i], recall: c.x[i], threshold: Number.isNaN(c.thresholds[i]) ? null : c.thresholds[i] });

/** The precision–recall curve exactly as scikit-learn's `precision_recall_curve` (see precisionRecallColumns); `null` without a positive. */
export function precisionRecallCurve(table: ScoreTable): PrPoint[] | null {
  const columns = precisionRecallColumns(table);
  return columns && Array.from(columns.x, (_, i) => prPoint(columns, i));
}
