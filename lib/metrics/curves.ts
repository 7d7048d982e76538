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

/**
 * The ROC curve exactly as scikit-learn's `roc_curve`: thresholds descending, starting at (0, 0).
 * With `dropIntermediate` (scikit-learn's default) a point is dropped when both its false and true
 * positive counts continue at the same step as before it (`np.diff(fps, 2) == 0` and
 * `np.diff(tps, 2) == 0`), which never changes the area. `null` when a class is absent.
 */
export function rocCurve(table: ScoreTable, { dropIntermediate = true } = {}): RocPoint[] | null {
  const P = table.totalPositives;
  const N = table.totalNegatives;
  if (P === 0 || N === 0) return null;
  const { tps, fps, thresholds } = descendingCounts(table);
  const n = tps.length;
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: null }];
  for (let j = 0; j < n; j++) {
    if (dropIntermediate && n > 2 && j > 0 && j < n - 1) {
      const bendsFp = fps[j + 1] - 2 * fps[j] + fps[j - 1] !== 0;
      const bendsTp = tps[j + 1] - 2 * tps[j] + tps[j - 1] !== 0;
      if (!bendsFp && !bendsTp) continue;
    }
    points.push({ fpr: fps[j] / N, tpr: tps[j] / P, threshold: thresholds[j] });
  }
  return points;
}

/**
 * The precision–recall curve exactly as scikit-learn's `precision_recall_curve` (default
 * `drop_intermediate=False`): one point per distinct score, thresholds ascending, then the closing
 * point (recall 0, precision 1) without a threshold. `null` when there is no positive.
 */
export function precisionRecallCurve(table: ScoreTable): PrPoint[] | null {
  const P = table.totalPositives;
  if (P === 0) return null;
  const { tps, fps, thresholds } = descendingCounts(table);
  const n = tps.length;
  const points: PrPoint[] = [];
  for (let j = n - 1; j >= 0; j--) {
    points.push({ precision: tps[j] / (tps[j] + fps[j]), recall: tps[j] / P, threshold: thresholds[j] });
  }
  points.push({ precision: 1, recall: 0, threshold: null });
  return points;
}
