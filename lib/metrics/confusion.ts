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

/**
 * A dataset's rows as the cumulative tables of its segments (lib/metrics/segment.ts): counts at a
 * threshold are the sum over the parts, so a new segment never means rebuilding the whole table.
 */
export interface SegmentedTable {
  parts: CumulativeTable[];
  totalPositives: number;
  totalNegatives: number;
}

/** What the counts at a threshold can be read from: one table, or the tables of a dataset's segments. */
export type CountTable = CumulativeTable | SegmentedTable;

/** The parts of a dataset as one counting table. */
export function segmentedTable(parts: CumulativeTable[]): SegmentedTable {
  let totalPositives = 0;
  let totalNegatives = 0;
  for (const p of parts) {
    totalPositives += p.totalPositives;
    totalNegatives += p.totalNegatives;
  }
  return { parts, totalPositives, totalNegatives };
}

/** The confusion matrix at `threshold`, in O(log n) per table. */
export function confusionAt(table: CountTable, threshold: number): ConfusionMatrix {
  let tp = 0;
  let fp = 0;
  for (const part of "parts" in table ? table.parts : [table]) {
    const i = firstAtOrAbove(part.scores, threshold);
    tp += part.positivesAtOrAbove[i];
    fp += part.negativesAtOrAbove[i];
  }
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
