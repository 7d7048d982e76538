import type { CumulativeTable } from "../metrics/score-table";
import { dailyCounts, type DailyCounts } from "./daily";
import { expectedCost, hasCosts } from "./costs";
import { formatAverage, formatMoney, formatRate, niceThresholdBetween } from "./numbers";
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

/**
 * Every distinct flagged set the table allows, from "flag everything" (index 0) to "flag nothing"
 * (last, when some threshold <= 1 flags nothing). Exact counts from the suffix sums.
 */
export function cutsOf(table: CumulativeTable, s: ResolvedSettings): Cut[] {
  const n = table.scores.length;
  const cuts: Cut[] = [];
  for (let i = 0; i <= n; i++) {
    let threshold: number;
    if (i === 0) threshold = n && table.scores[0] < 0 ? table.scores[0] : 0;
    else if (i < n) threshold = niceThresholdBetween(table.scores[i - 1], table.scores[i]);
    else if (table.scores[n - 1] < 1) threshold = niceThresholdBetween(table.scores[n - 1], 1);
    else break;
    const tp = table.positivesAtOrAbove[i];
    const fp = table.negativesAtOrAbove[i];
    const counts = { tp, fp, fn: table.totalPositives - tp, tn: table.totalNegatives - fp };
    cuts.push({ threshold, ...counts, daily: dailyCounts(counts, s) });
  }
  return cuts;
}

function lowestCost(cuts: Cut[], s: ResolvedSettings): Recommendation | null {
  if (!hasCosts(s.costs)) return null;
  let best: { cut: Cut; cost: number } | null = null;
  for (let i = cuts.length - 1; i >= 0; i--) {
    const cost = expectedCost(cuts[i].daily, s.costs);
    if (cost !== null && (best === null || cost < best.cost - 1e-9)) best = { cut: cuts[i], cost };
  }
  if (!best) return null;
  const money = formatMoney(Math.abs(best.cost), s.costs.currency);
  return {
    kind: "lowest-cost",
    threshold: best.cut.threshold,
    label: "lowest cost",
    title: "Lowest expected cost",
    reason: best.cost < 0 ? `The largest expected net benefit: ${money} a day.` : `The lowest expected cost: ${money} a day.`,
  };
}

/** Catch rate (share of positives flagged) of a cut, null without positives. */
const catchRate = (c: Cut) => (c.tp + c.fn ? c.tp / (c.tp + c.fn) : null);

function withinCapacity(cuts: Cut[], s: ResolvedSettings): Recommendation | null {
  if (s.reviewCapacity === null) return null;
  const capacity = s.reviewCapacity;
  let i = cuts.findIndex((c) => c.daily.flagged !== null && c.daily.flagged <= capacity + 1e-9);
  if (i < 0) return null;
  while (i + 1 < cuts.length && cuts[i + 1].tp === cuts[i].tp) i++;
  const c = cuts[i];
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

function forTargetFnr(cuts: Cut[], s: ResolvedSettings): Recommendation | null {
  const target = s.targets.fnr;
  const P = cuts.length ? cuts[0].tp + cuts[0].fn : 0;
  if (target === null || P === 0) return null;
  let best = -1;
  cuts.forEach((c, i) => {
    if (c.fn / P <= target + 1e-12) best = i;
  });
  if (best < 0) return null;
  const c = cuts[best];
  const v = s.vocabulary;
  return {
    kind: "target-fnr",
    threshold: c.threshold,
    label: `≤${formatRate(target)} missed`,
    title: `Misses at most ${formatRate(target)}`,
    reason: `Misses ${formatRate(c.fn / P)} of ${v.positive} ${v.itemPlural} with the fewest flagged: ${formatAverage(c.daily.flagged ?? 0)} a day.`,
  };
}

function forTargetFpr(cuts: Cut[], s: ResolvedSettings): Recommendation | null {
  const target = s.targets.fpr;
  const N = cuts.length ? cuts[0].fp + cuts[0].tn : 0;
  if (target === null || N === 0) return null;
  let i = cuts.findIndex((c) => c.fp / N <= target + 1e-12);
  if (i < 0) return null;
  while (i + 1 < cuts.length && cuts[i + 1].tp === cuts[i].tp) i++;
  const c = cuts[i];
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
  const cuts = cutsOf(table, s);
  return [lowestCost(cuts, s), withinCapacity(cuts, s), forTargetFnr(cuts, s), forTargetFpr(cuts, s)].filter((r): r is Recommendation => r !== null);
}

/** The recommendations as `{ threshold, label }` markers for the explorer's charts. */
export function recommendationMarkers(table: CumulativeTable, s: ResolvedSettings): { threshold: number; label: string }[] {
  return recommendThresholds(table, s).map(({ threshold, label }) => ({ threshold, label }));
}
