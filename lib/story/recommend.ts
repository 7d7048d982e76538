import type { CumulativeTable } from "../metrics/score-table";
import { classVolumes, dailyCounts, type DailyCounts } from "./daily";
import { expectedCost, hasCosts } from "./costs";
import { formatAverage, formatMoney, formatRate, niceThresholdBetween } from "../format";
import type { ResolvedSettings } from "./settings";

/** A threshold worth considering, with why. */
export interface Recommendation {
  kind: "lowest-cost" | "review-capacity" | "target-fnr" | "target-fpr";
  /** The threshold (flagged when score >= threshold), with as few decimals as give the same flagged set. */
  threshold: number;
  /** Short label for chart markers, e.g. "lowest cost". */
  label: string;
  /** Heading, e.g. "Lowest expected cost". */
  title: string;
  /** One sentence saying what the threshold achieves. */
  reason: string;
}

/** One distinct cut of the score table: flag the examples at or above `threshold`. */
interface Cut {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  daily: DailyCounts;
}

/** How many cuts the table has: every distinct score, plus "flag nothing" when some threshold <= 1 flags nothing. */
const cutCount = (table: CumulativeTable) => {
  const n = table.scores.length;
  return n === 0 || table.scores[n - 1] < 1 ? n + 1 : n;
};

/** The plainest threshold flagging exactly the examples at or above distinct score i (i = n: none). */
function thresholdOfCut(table: CumulativeTable, i: number): number {
  const n = table.scores.length;
  if (i === 0) return n && table.scores[0] < 0 ? table.scores[0] : 0;
  return niceThresholdBetween(table.scores[i - 1], i < n ? table.scores[i] : 1);
}

function cutAt(table: CumulativeTable, i: number, s: ResolvedSettings): Cut {
  const tp = table.positivesAtOrAbove[i];
  const fp = table.negativesAtOrAbove[i];
  const counts = { tp, fp, fn: table.totalPositives - tp, tn: table.totalNegatives - fp };
  return { threshold: thresholdOfCut(table, i), ...counts, daily: dailyCounts(counts, s) };
}

/**
 * Every distinct flagged set the table allows, from "flag everything" (index 0) to "flag nothing"
 * (last, when some threshold <= 1 flags nothing). Exact counts from the suffix sums.
 */
export function cutsOf(table: CumulativeTable, s: ResolvedSettings): Cut[] {
  return Array.from({ length: cutCount(table) }, (_, i) => cutAt(table, i, s));
}

/**
 * Per-cut daily figures without allocation, for scanning a million cuts: items a day flagged,
 * caught, missed, falsely flagged at cut i (NaN when a class arrives that the evaluation set lacks).
 */
function dailyScale(table: CumulativeTable, s: ResolvedSettings) {
  const { positives: posDay, negatives: negDay } = classVolumes(s);
  const P = table.totalPositives;
  const N = table.totalNegatives;
  const perPositive = posDay === 0 ? 0 : P === 0 ? Number.NaN : posDay / P;
  const perNegative = negDay === 0 ? 0 : N === 0 ? Number.NaN : negDay / N;
  return {
    caught: (i: number) => table.positivesAtOrAbove[i] * perPositive,
    missed: (i: number) => (P - table.positivesAtOrAbove[i]) * perPositive,
    falseAlarms: (i: number) => table.negativesAtOrAbove[i] * perNegative,
    flagged: (i: number) => table.positivesAtOrAbove[i] * perPositive + table.negativesAtOrAbove[i] * perNegative,
  };
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function lowestCost(table: CumulativeTable, s: ResolvedSettings): Recommendation | null {
  if (!hasCosts(s.costs)) return null;
  const d = dailyScale(table, s);
  const { falsePositive, falseNegative, truePositive } = s.costs;
  let best = -1;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let i = cutCount(table) - 1; i >= 0; i--) {
    const cost = d.falseAlarms(i) * falsePositive + d.missed(i) * falseNegative - d.caught(i) * truePositive;
    if (!Number.isFinite(cost)) continue;
    if (best < 0 || (cost < bestCost && !near(cost, bestCost))) [best, bestCost] = [i, cost];
  }
  if (best < 0) return null;
  const cost = expectedCost(cutAt(table, best, s).daily, s.costs) ?? bestCost;
  const money = formatMoney(Math.abs(cost), s.costs.currency);
  return {
    kind: "lowest-cost",
    threshold: thresholdOfCut(table, best),
    label: "lowest cost",
    title: "Lowest expected cost",
    reason: cost < 0 ? `An expected net benefit of ${money} a day, the largest of any threshold.` : `An expected cost of ${money} a day, the least of any threshold.`,
  };
}

/** Catch rate (share of positives flagged) of a cut, null without positives. */
const catchRate = (c: Cut) => (c.tp + c.fn ? c.tp / (c.tp + c.fn) : null);

/** From cut i, the last cut that still catches as many: same catches, fewer false alarms. */
function fewestFlaggedForSameCatch(table: CumulativeTable, i: number): number {
  const last = cutCount(table) - 1;
  while (i < last && table.positivesAtOrAbove[i + 1] === table.positivesAtOrAbove[i]) i++;
  return i;
}

function withinCapacity(table: CumulativeTable, s: ResolvedSettings): Recommendation | null {
  if (s.reviewCapacity === null) return null;
  const capacity = s.reviewCapacity;
  const d = dailyScale(table, s);
  const count = cutCount(table);
  let i = 0;
  while (i < count && !(d.flagged(i) <= capacity || near(d.flagged(i), capacity))) i++;
  if (i === count) return null;
  const c = cutAt(table, fewestFlaggedForSameCatch(table, i), s);
  const v = s.vocabulary;
  const rate = catchRate(c);
  return {
    kind: "review-capacity",
    threshold: c.threshold,
    label: "fits capacity",
    title: "Most caught within review capacity",
    reason: `Catches ${rate === null ? "an unknown share" : formatRate(rate)} of ${v.positive} ${v.itemPlural} while flagging ${formatAverage(c.daily.flagged ?? 0)} a day (capacity ${formatAverage(capacity)}).`,
  };
}

function forTargetFnr(table: CumulativeTable, s: ResolvedSettings): Recommendation | null {
  const target = s.targets.fnr;
  const P = table.totalPositives;
  if (target === null || P === 0) return null;
  let best = -1;
  for (let i = 0; i < cutCount(table); i++) if ((P - table.positivesAtOrAbove[i]) / P <= target + 1e-12) best = i;
  if (best < 0) return null;
  const c = cutAt(table, best, s);
  const v = s.vocabulary;
  return {
    kind: "target-fnr",
    threshold: c.threshold,
    label: `≤${formatRate(target)} missed`,
    title: `Misses at most ${formatRate(target)}`,
    reason: `Misses ${formatRate(c.fn / P)} of ${v.positive} ${v.itemPlural} with the fewest flagged: ${formatAverage(c.daily.flagged ?? 0)} a day.`,
  };
}

function forTargetFpr(table: CumulativeTable, s: ResolvedSettings): Recommendation | null {
  const target = s.targets.fpr;
  const N = table.totalNegatives;
  if (target === null || N === 0) return null;
  const count = cutCount(table);
  let i = 0;
  while (i < count && table.negativesAtOrAbove[i] / N > target + 1e-12) i++;
  if (i === count) return null;
  const c = cutAt(table, fewestFlaggedForSameCatch(table, i), s);
  const v = s.vocabulary;
  const rate = catchRate(c);
  return {
    kind: "target-fpr",
    threshold: c.threshold,
    label: `≤${formatRate(target)} false alarms`,
    title: `At most ${formatRate(target)} false alarms`,
    reason: `Flags ${formatRate(c.fp / N)} of ${v.negative} ${v.itemPlural} and catches ${rate === null ? "an unknown share" : formatRate(rate)} of ${v.positive} ones.`,
  };
}

/**
 * The recommended thresholds for the settings: the lowest expected cost (when costs are set), the
 * most caught within review capacity (when a capacity is set), and the thresholds meeting a target
 * false negative or false positive rate (when set). Exact: computed over every distinct score.
 */
export function recommendThresholds(table: CumulativeTable, s: ResolvedSettings): Recommendation[] {
  return [lowestCost(table, s), withinCapacity(table, s), forTargetFnr(table, s), forTargetFpr(table, s)].filter((r): r is Recommendation => r !== null);
}

/** The recommendations as `{ threshold, label }` markers for the explorer's charts. */
export function recommendationMarkers(table: CumulativeTable, s: ResolvedSettings): { threshold: number; label: string }[] {
  return recommendThresholds(table, s).map(({ threshold, label }) => ({ threshold, label }));
}
