import { confusionAt, ratesOf, type CountTable, type Rates } from "./confusion";

/**
 * Everything known at one threshold, as the API returns it: the integer counts at the top level
 * (`tp` caught, `fn` missed, `fp` false alarms, `tn` correctly left alone; flagged means
 * `score >= threshold`) and every rate (null where its denominator is zero).
 */
export interface MetricsReport extends Rates {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** Examples flagged (tp + fp). */
  flagged: number;
  /** Labelled examples in the dataset. */
  total: number;
}

/** The metrics report at `threshold`, in O(log n) from the cumulative score table. */
export function metricsAt(table: CountTable, threshold: number): MetricsReport {
  const matrix = confusionAt(table, threshold);
  return {
    ...matrix,
    flagged: matrix.tp + matrix.fp,
    total: table.totalPositives + table.totalNegatives,
    ...ratesOf(matrix),
  };
}
