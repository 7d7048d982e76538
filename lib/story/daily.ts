import { clean } from "../format";

/** Counts at one threshold (a lib/metrics ConfusionMatrix fits): flagged means score >= threshold. */
export interface OutcomeCounts {
  /** Positives flagged (caught). */
  tp: number;
  /** Negatives flagged (false alarms). */
  fp: number;
  /** Negatives not flagged. */
  tn: number;
  /** Positives not flagged (missed). */
  fn: number;
}

/** How many items a day arrive and how many of them are positive. */
export interface Traffic {
  /** Items the model sees per day. */
  volumePerDay: number;
  /** Share of them that are positive, in [0, 1]. */
  prevalence: number;
}

/**
 * Average items per day in each outcome, not rounded. Each class is scaled separately: false
 * positives a day = FPR × volume × (1 − prevalence), missed = FNR × volume × prevalence, and so on.
 * A count is null when its class arrives but the evaluation set has no example of it (rate unknown);
 * a class that never arrives counts 0.
 */
export interface DailyCounts {
  /** Items flagged a day (caught + false alarms). */
  flagged: number | null;
  /** Negative items flagged a day (false alarms). */
  falsePositives: number | null;
  /** Positive items missed a day. */
  falseNegatives: number | null;
  /** Positive items caught a day. */
  truePositives: number | null;
  /** Negative items correctly left alone a day. */
  trueNegatives: number | null;
}

/** A 95% range for each daily count, from Wilson intervals on the rates; null where the count is. */
export type DailyRanges = { [K in keyof DailyCounts]: [number, number] | null };

/** Positive and negative items a day. */
export function classVolumes({ volumePerDay, prevalence }: Traffic): { positives: number; negatives: number } {
  const positives = clean(volumePerDay * prevalence);
  return { positives, negatives: clean(volumePerDay - positives) };
}

function scaled(count: number, classTotal: number, classPerDay: number): number | null {
  if (classPerDay === 0) return 0;
  if (classTotal === 0) return null;
  return clean((count * classPerDay) / classTotal);
}

const sum = (a: number | null, b: number | null) => (a === null || b === null ? null : clean(a + b));

/**
 * The average daily counts at one threshold. With the demo (280 of 8,280 fraudulent, 28 of 560
 * missed and 400 of 16,000 flagged at 0.5) and 8,280 a day: 200 false alarms, 14 missed, 266 caught.
 */
export function dailyCounts(counts: OutcomeCounts, traffic: Traffic): DailyCounts {
  const perDay = classVolumes(traffic);
  const P = counts.tp + counts.fn;
  const N = counts.fp + counts.tn;
  const truePositives = scaled(counts.tp, P, perDay.positives);
  const falsePositives = scaled(counts.fp, N, perDay.negatives);
  return {
    flagged: sum(truePositives, falsePositives),
    falsePositives,
    falseNegatives: scaled(counts.fn, P, perDay.positives),
    truePositives,
    trueNegatives: scaled(counts.tn, N, perDay.negatives),
  };
}

/** Wilson score interval of k successes in n trials (z = 1.96 for 95%); null when n is 0. */
export function wilsonInterval(k: number, n: number, z = 1.959963984540054): [number, number] | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function scaledRange(count: number, classTotal: number, classPerDay: number): [number, number] | null {
  if (classPerDay === 0) return [0, 0];
  const interval = wilsonInterval(count, classTotal);
  return interval ? [clean(interval[0] * classPerDay), clean(interval[1] * classPerDay)] : null;
}

/**
 * 95% ranges of the daily counts: the Wilson interval of each rate from the evaluation sample sizes,
 * scaled by the class's daily volume. The flagged range adds the two flagged ranges (conservative).
 * The volume and the prevalence are taken as given.
 */
export function dailyRanges(counts: OutcomeCounts, traffic: Traffic): DailyRanges {
  const perDay = classVolumes(traffic);
  const P = counts.tp + counts.fn;
  const N = counts.fp + counts.tn;
  const truePositives = scaledRange(counts.tp, P, perDay.positives);
  const falsePositives = scaledRange(counts.fp, N, perDay.negatives);
  return {
    flagged: truePositives && falsePositives ? [clean(truePositives[0] + falsePositives[0]), clean(truePositives[1] + falsePositives[1])] : null,
    falsePositives,
    falseNegatives: scaledRange(counts.fn, P, perDay.positives),
    truePositives,
    trueNegatives: scaledRange(counts.tn, N, perDay.negatives),
  };
}
