import type { ScoreTable } from "./score-table";

/**
 * ROC AUC exactly as scikit-learn's `roc_auc_score` (trapezoids between the ROC points of the
 * distinct scores, so tied scores count half). `null` when one class is absent, where scikit-learn
 * raises an error.
 */
export function rocAuc(table: ScoreTable): number | null {
  const P = table.totalPositives;
  const N = table.totalNegatives;
  if (P === 0 || N === 0) return null;
  let area = 0;
  let tp = 0;
  let fp = 0;
  for (let i = table.scores.length - 1; i >= 0; i--) {
    const nextTp = tp + table.positives[i];
    const nextFp = fp + table.negatives[i];
    area += (nextFp - fp) * (tp + nextTp);
    tp = nextTp;
    fp = nextFp;
  }
  return area / (2 * P * N);
}

/**
 * Average precision exactly as scikit-learn's `average_precision_score`: Σ (Rₙ − Rₙ₋₁) Pₙ over the
 * distinct scores from the highest down (no interpolation). `null` when there is no positive.
 */
export function averagePrecision(table: ScoreTable): number | null {
  const P = table.totalPositives;
  if (P === 0) return null;
  let sum = 0;
  let tp = 0;
  let fp = 0;
  for (let i = table.scores.length - 1; i >= 0; i--) {
    tp += table.positives[i];
    fp += table.negatives[i];
    if (table.positives[i] > 0) sum += (table.positives[i] / P) * (tp / (tp + fp));
  }
  return sum;
}

/** Mean squared difference between score and label (scikit-learn's `brier_score_loss`). */
export function brierScore(table: ScoreTable): number | null {
  const total = table.totalPositives + table.totalNegatives;
  if (total === 0) return null;
  let sum = 0;
  for (let i = 0; i < table.scores.length; i++) {
    const s = table.scores[i];
    sum += table.positives[i] * (1 - s) * (1 - s) + table.negatives[i] * s * s;
  }
  return sum / total;
}
