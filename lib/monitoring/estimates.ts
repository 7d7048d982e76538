import { expectedCost, hasCosts } from "../story/costs";
import { wilsonInterval } from "../story/daily";
import { clean } from "../format";
import type { Costs } from "../story/settings";
import type { PeriodCounts, Range } from "./types";

/** Counts at a threshold, with or without the threshold itself. */
type Counts = Omit<PeriodCounts, "threshold">;

/**
 * A period's figures a day, estimated from its labelled rows. Method: a count among labelled rows
 * k (e.g. fp) out of `labeled` is a binomial share; it is scaled to all of the period's rows a day,
 * k / labeled × rows / days, and its 95% range is the Wilson interval of k / labeled scaled the
 * same way. This assumes the labelled rows are representative of the period's rows (labels missing
 * at random); with every row labelled the value is the exact count a day and the range is that of
 * the rate behind it. Null when the period has no labelled rows (or covers no time).
 */
export interface PeriodEstimates {
  /** All rows a day. */
  rowsPerDay: number | null;
  /** Rows flagged a day (score >= threshold, labelled or not): exact, no range needed. */
  flaggedPerDay: number | null;
  /** Share of all rows flagged. */
  flagRate: number | null;
  /** Share of rows with a label (the label delay made visible). */
  labeledShare: number | null;
  /** Share of labelled rows that are positive. */
  prevalence: number | null;
  /** Negatives flagged a day (false alarms), with its 95% range. */
  falseAlarmsPerDay: number | null;
  falseAlarmsPerDayRange: Range | null;
  /** Positives missed a day, with its 95% range. */
  missesPerDay: number | null;
  missesPerDayRange: Range | null;
  /** Positives caught a day, with its 95% range. */
  caughtPerDay: number | null;
  caughtPerDayRange: Range | null;
  /** tp / (tp + fp) with its Wilson 95% range; null when no labelled row is flagged. */
  precision: number | null;
  precisionRange: Range | null;
  /** tp / (tp + fn) with its Wilson 95% range; null without labelled positives. */
  recall: number | null;
  recallRange: Range | null;
  /**
   * Expected cost a day: false alarms × their cost + misses × their cost − catches × their value
   * (lib/story `expectedCost`); null when no cost is set or nothing is labelled.
   */
  costPerDay: number | null;
}

const share = (k: number, n: number) => (n > 0 ? k / n : null);

/** k / labeled scaled to rows a day, and its Wilson range scaled the same way. */
function perDay(k: number, c: Counts, days: number): [number | null, Range | null] {
  const interval = days > 0 ? wilsonInterval(k, c.labeled) : null;
  if (!interval) return [null, null];
  const scale = c.rows / days;
  return [clean((k / c.labeled) * scale), [clean(interval[0] * scale), clean(interval[1] * scale)]];
}

/** The per-day figures, rates and ranges of a period's counts over `days` days. */
export function periodEstimates(c: Counts, days: number, costs: Costs): PeriodEstimates {
  const [falseAlarmsPerDay, falseAlarmsPerDayRange] = perDay(c.fp, c, days);
  const [missesPerDay, missesPerDayRange] = perDay(c.fn, c, days);
  const [caughtPerDay, caughtPerDayRange] = perDay(c.tp, c, days);
  const costPerDay =
    hasCosts(costs) && falseAlarmsPerDay !== null && missesPerDay !== null && caughtPerDay !== null
      ? expectedCost({ flagged: null, trueNegatives: null, falsePositives: falseAlarmsPerDay, falseNegatives: missesPerDay, truePositives: caughtPerDay }, costs)
      : null;
  return {
    rowsPerDay: days > 0 ? clean(c.rows / days) : null,
    flaggedPerDay: days > 0 ? clean(c.flagged / days) : null,
    flagRate: share(c.flagged, c.rows),
    labeledShare: share(c.labeled, c.rows),
    prevalence: share(c.positives, c.labeled),
    falseAlarmsPerDay,
    falseAlarmsPerDayRange,
    missesPerDay,
    missesPerDayRange,
    caughtPerDay,
    caughtPerDayRange,
    precision: share(c.tp, c.tp + c.fp),
    precisionRange: wilsonInterval(c.tp, c.tp + c.fp),
    recall: share(c.tp, c.tp + c.fn),
    recallRange: wilsonInterval(c.tp, c.tp + c.fn),
    costPerDay,
  };
}

/** Per-day figures of a window of periods: the sum of each period's estimate over the sum of its days. */
export interface WindowPerDay {
  flagged: number | null;
  falseAlarms: number | null;
  misses: number | null;
  caught: number | null;
  /** Days of the periods with labelled rows (the ones the estimates come from). */
  labeledDays: number;
  /** All days of the window. */
  days: number;
}

/**
 * Window averages a day. Each period is scaled by its own labelled share before summing (recent
 * periods with few labels yet still count with their full volume); periods without a label add
 * their flagged rows but not their days to the labelled estimates.
 */
export function windowPerDay(periods: readonly { counts: Counts; days: number }[]): WindowPerDay {
  let days = 0;
  let labeledDays = 0;
  let flagged = 0;
  let fp = 0;
  let fn = 0;
  let tp = 0;
  for (const { counts: c, days: d } of periods) {
    days += d;
    flagged += c.flagged;
    if (c.labeled === 0) continue;
    labeledDays += d;
    const scale = c.rows / c.labeled;
    fp += c.fp * scale;
    fn += c.fn * scale;
    tp += c.tp * scale;
  }
  const per = (x: number, over: number) => (over > 0 ? clean(x / over) : null);
  return { flagged: per(flagged, days), falseAlarms: per(fp, labeledDays), misses: per(fn, labeledDays), caught: per(tp, labeledDays), labeledDays, days };
}
