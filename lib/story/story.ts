import type { CountTable } from "../metrics/confusion";
import { confusionAt } from "../metrics/confusion";
import { dailyCounts, dailyRanges, type DailyCounts, type DailyRanges, type OutcomeCounts } from "./daily";
import { expectedCost } from "./costs";
import { describeThreshold } from "./sentences";
import type { ResolvedSettings } from "./settings";

/** What the story says at one threshold: average counts a day, their 95% ranges, the sentences, the cost. */
export interface StoryAt {
  threshold: number;
  /** Average items a day in each outcome (not rounded). */
  daily: DailyCounts;
  /** 95% range of each daily count. */
  ranges: DailyRanges;
  sentences: string[];
  /** Expected cost a day (negative = net benefit); null when a count is unknown. */
  cost: number | null;
}

/** The story at `threshold` (flagged when score >= threshold), exact from the cumulative table. */
export function storyAt(table: CountTable, threshold: number, s: ResolvedSettings): StoryAt {
  const counts = confusionAt(table, threshold);
  const daily = dailyCounts(counts, s);
  return { threshold, daily, ranges: dailyRanges(counts, s), sentences: describeThreshold(counts, s), cost: expectedCost(daily, s.costs) };
}

/** The story fields of the metrics API: average counts a day (not rounded) and the sentences. */
export function dailyReport(counts: OutcomeCounts, s: ResolvedSettings): { daily: DailyCounts; sentences: string[] } {
  return { daily: dailyCounts(counts, s), sentences: describeThreshold(counts, s) };
}
