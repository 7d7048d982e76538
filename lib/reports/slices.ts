import type { CountTable, SliceCountsReport } from "../metrics";
import type { DatasetFacts } from "../story";
import { dailyShare, errorsAt } from "./errors-at";

/** The errors of one value of a slice column at a threshold. */
export interface SliceErrors {
  column: string;
  value: string;
  /** Rows with this value, labelled or not. */
  rows: number;
  positives: number;
  negatives: number;
  fp: number;
  fn: number;
  /** (fp + fn) / labelled rows; null when nothing is labelled. */
  errorRate: number | null;
  /** fp / negatives (share of negatives flagged); null without negatives. */
  fpr: number | null;
  /** fn / positives (share of positives missed); null without positives. */
  fnr: number | null;
  /** Estimated per day: this value's share of the dataset's errors × the daily errors. */
  fpPerDay: number | null;
  fnPerDay: number | null;
}

export interface SliceReport {
  threshold: number;
  /** Slice column → values left out because the column has more than MAX_VALUES_PER_SLICE. */
  omitted: Record<string, number>;
  /** Every value of every slice column, worst (highest error rate, then most errors) first. */
  slices: SliceErrors[];
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** Error rates and daily counts per value of each slice column at a threshold, worst first. */
export function sliceReport(dataset: DatasetFacts & { settings: unknown }, whole: CountTable, counts: SliceCountsReport, threshold: number): SliceReport {
  const { matrix, daily } = errorsAt(dataset, whole, threshold);
  const slices = counts.slices.map(({ column, value, rows, positives, negatives, tp, fp: flaggedNegatives }): SliceErrors => {
    const fn = positives - tp;
    const fp = flaggedNegatives;
    return {
      column, value, rows, positives, negatives, fp, fn,
      errorRate: ratio(fp + fn, positives + negatives),
      fpr: ratio(fp, negatives),
      fnr: ratio(fn, positives),
      fpPerDay: dailyShare(fp, matrix.fp, daily.falsePositives),
      fnPerDay: dailyShare(fn, matrix.fn, daily.falseNegatives),
    };
  });
  slices.sort((a, b) => (b.errorRate ?? -1) - (a.errorRate ?? -1) || b.fp + b.fn - (a.fp + a.fn) || a.column.localeCompare(b.column) || a.value.localeCompare(b.value));
  return { threshold, omitted: counts.omitted, slices };
}
