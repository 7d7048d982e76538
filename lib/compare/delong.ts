/**
 * ROC AUC of each model on the matched rows and DeLong's paired test of their difference
 * (DeLong, DeLong & Clarke-Pearson 1988), in O(n log n) by Sun & Xu's midrank algorithm (2014).
 */
import { buildScoreOrder } from "../metrics/score-order";
import { normalTwoSidedP } from "./special";

/** One model's ranking of the matched rows. */
export interface RankedModel {
  /** The model's scores, ascending (for load thresholds). */
  sorted: Float64Array;
  /**
   * Placement value of each row (DeLong's V₁₀ for a positive, V₀₁ for a negative), from midranks:
   * for a positive, the share of negatives scored below it, ties counting ½; for a negative, the
   * share of positives scored above it, ties counting ½. Both average to the AUC.
   */
  placements: Float64Array;
  /** ROC AUC as scikit-learn's roc_auc_score (ties ½); null when a class is absent. */
  auc: number | null;
}

/** The rows in a score order known already (ascending scores; ties in any order). */
function gathered(scores: Float64Array, labels: Uint8Array, order: Uint32Array): { ids: Uint32Array; scores: Float64Array; labels: Uint8Array } {
  const n = order.length;
  if (n !== scores.length) throw new Error(`a score order of ${n} rows for ${scores.length} scores`);
  const sorted = new Float64Array(n);
  const sortedLabels = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    sorted[k] = scores[order[k]];
    sortedLabels[k] = labels[order[k]];
    if (k > 0 && !(sorted[k] >= sorted[k - 1])) throw new Error(`the score order is not ascending at ${k}`);
  }
  return { ids: order, scores: sorted, labels: sortedLabels };
}

/**
 * Sorts one model's scores (radix sort of lib/metrics) and walks the groups of tied scores once:
 * a group with p positives and q negatives above `negativesBelow` negatives gives each of its
 * positives (negativesBelow + q/2) / N, i.e. (midrank among all − midrank among positives) / N.
 * `scoreOrder` (the rows in ascending score order, e.g. from the segments' stored order) skips the sort.
 */
export function rankModel(scores: Float64Array, labels: Uint8Array, positives: number, scoreOrder?: Uint32Array): RankedModel {
  const n = scores.length;
  const negatives = n - positives;
  const order = scoreOrder ? gathered(scores, labels, scoreOrder) : buildScoreOrder(scores, labels, null);
  const placements = new Float64Array(n);
  let negativesBelow = 0;
  let positivesBelow = 0;
  let wins = 0; // Σ over positives of (negatives below + ½ negatives tied): AUC × P × N
  for (let start = 0; start < n; ) {
    let end = start;
    let p = 0;
    while (end < n && order.scores[end] === order.scores[start]) p += order.labels[end++];
    const q = end - start - p;
    const positivePlacement = (negativesBelow + q / 2) / negatives;
    const negativePlacement = (positives - positivesBelow - p + p / 2) / positives;
    for (let i = start; i < end; i++) placements[order.ids[i]] = order.labels[i] ? positivePlacement : negativePlacement;
    wins += p * (negativesBelow + q / 2);
    negativesBelow += q;
    positivesBelow += p;
    start = end;
  }
  const auc = positives && negatives ? wins / (positives * negatives) : null;
  return { sorted: order.scores, placements, auc };
}

/** DeLong's paired comparison of two ROC AUCs on the same examples. */
export interface AucComparison {
  aucA: number | null;
  aucB: number | null;
  /** aucB − aucA (B minus A, like every difference of the comparison); null when a class is absent. */
  difference: number | null;
  /** DeLong's standard error of the difference; null with fewer than 2 of either class. */
  standardError: number | null;
  /**
   * Two-sided p of z = difference / standardError against the standard normal; 1 when both the
   * difference and its standard error are 0 (identical rankings), null when only the error is.
   */
  pValue: number | null;
  /** DeLong's standard error of each AUC alone (for intervals on it). */
  standardErrorA: number | null;
  standardErrorB: number | null;
}

/**
 * DeLong's variance from the placement values: S₁₀ and S₀₁ are the sample covariance matrices (n − 1)
 * of the two models' placements over the positives and over the negatives, and
 * Var(AUC_A − AUC_B) = (S₁₀ᴬᴬ + S₁₀ᴮᴮ − 2S₁₀ᴬᴮ) / P + (S₀₁ᴬᴬ + S₀₁ᴮᴮ − 2S₀₁ᴬᴮ) / N, summed here as the
 * variance of the placement differences (centred on the AUCs, so no cancellation).
 */
export function delongTest(labels: Uint8Array, a: RankedModel, b: RankedModel, positives: number): AucComparison {
  const n = labels.length;
  const negatives = n - positives;
  const none = { aucA: a.auc, aucB: b.auc, difference: null, standardError: null, pValue: null, standardErrorA: null, standardErrorB: null };
  if (a.auc === null || b.auc === null) return none;
  const difference = b.auc - a.auc;
  if (positives < 2 || negatives < 2) return { ...none, difference };
  // [class][0: A, 1: B, 2: A − B] sums of squared deviations (the variance of B − A is the same).
  const squares = [new Float64Array(3), new Float64Array(3)];
  for (let i = 0; i < n; i++) {
    const dA = a.placements[i] - a.auc;
    const dB = b.placements[i] - b.auc;
    const s = squares[labels[i]];
    s[0] += dA * dA;
    s[1] += dB * dB;
    s[2] += (dA - dB) * (dA - dB);
  }
  const variance = (k: number) => squares[1][k] / (positives - 1) / positives + squares[0][k] / (negatives - 1) / negatives;
  const standardError = Math.sqrt(variance(2));
  const pValue = standardError > 0 ? normalTwoSidedP(difference / standardError) : difference === 0 ? 1 : null;
  return { aucA: a.auc, aucB: b.auc, difference, standardError, pValue, standardErrorA: Math.sqrt(variance(0)), standardErrorB: Math.sqrt(variance(1)) };
}
