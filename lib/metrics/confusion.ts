import { type CumulativeTable, firstAtOrAbove } from "./score-table";

/** Counts at one threshold. An example is *flagged* when `score >= threshold`. */
export interface ConfusionMatrix {
  threshold: number;
  /** Positives flagged (caught). */
  tp: number;
  /** Negatives flagged (false alarms). */
  fp: number;
  /** Negatives not flagged. */
  tn: number;
  /** Positives not flagged (missed). */
  fn: number;
}

/** The confusion matrix at `threshold`, in O(log n). */
export function confusionAt(table: CumulativeTable, threshold: number): ConfusionMatrix {
  const i = firstAtOrAbove(table.scores, threshold);
  const tp = table.positivesAtOrAbove[i];
  const fp = table.negativesAtOrAbove[i];
  return { threshold, tp, fp, tn: table.totalNegatives - fp, fn: table.totalPositives - tp };
}

/**
 * Rates derived from a confusion matrix. A rate whose denominator is zero is `null` (e.g. precision
 * when nothing is flagged), never NaN.
 */
export interface Rates {
  precision: number | null;
  /** True positive rate: share of positives flagged. */
  recall: number | null;
  /** False positive rate: share of negatives flagged. */
  fpr: number | null;
  /** False negative rate: share of positives missed. */
  fnr: number | null;
  specificity: number | null;
  accuracy: number | null;
  f1: number | null;
  /** Share of all examples flagged. */
  flagRate: number | null;
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

export function ratesOf({ tp, fp, tn, fn }: ConfusionMatrix): Rates {
  const total = tp + fp + tn + fn;
  return {
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    fpr: ratio(fp, fp + tn),
    fnr: ratio(fn, tp + fn),
    specificity: ratio(tn, fp + tn),
    accuracy: ratio(tp + tn, total),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    flagRate: ratio(tp + fp, total),
  };
}
