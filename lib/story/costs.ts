import type { CumulativeTable } from "../metrics/score-table";
import { confusionAt } from "../metrics/confusion";
import { dailyCounts, type DailyCounts, type Traffic } from "./daily";
import { clean } from "../format";
import type { Costs } from "./settings";

/** True when at least one cost or value is set (non-zero). */
export const hasCosts = (c: Costs) => c.falsePositive > 0 || c.falseNegative > 0 || c.truePositive > 0;

/**
 * Expected cost a day: false alarms × their cost + misses × their cost − catches × their value.
 * Negative means a net benefit. Null when a needed daily count is unknown.
 */
export function expectedCost(daily: DailyCounts, costs: Costs): number | null {
  const { falsePositives: fp, falseNegatives: fn, truePositives: tp } = daily;
  if (fp === null || fn === null || tp === null) return null;
  return clean(fp * costs.falsePositive + fn * costs.falseNegative - tp * costs.truePositive);
}

/** One point of the cost curve: the expected cost a day at `threshold`. */
export interface CostPoint {
  threshold: number;
  /** Expected cost a day at this threshold. */
  cost: number;
}

/**
 * Expected daily cost on a grid of `steps + 1` thresholds from 0 to 1 (exact counts at each), for
 * the cost chart. Points whose cost is unknown are left out.
 */
export function costCurve(table: CumulativeTable, traffic: Traffic, costs: Costs, steps = 400): CostPoint[] {
  const points: CostPoint[] = [];
  for (let i = 0; i <= steps; i++) {
    const threshold = i / steps;
    const cost = expectedCost(dailyCounts(confusionAt(table, threshold), traffic), costs);
    if (cost !== null) points.push({ threshold, cost });
  }
  return points;
}
