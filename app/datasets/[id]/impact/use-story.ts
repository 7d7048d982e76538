"use client";

import { useMemo } from "react";
import { confusionAt } from "@/lib/metrics/confusion";
import type { ThresholdGrid } from "@/lib/metrics/grid";
import { costCurve, hasCosts } from "@/lib/story/costs";
import { tableFromGrid } from "@/lib/story/grid-table";
import { recommendThresholds } from "@/lib/story/recommend";
import { describeTradeOff } from "@/lib/story/sentences";
import { resolveSettings, type DatasetFacts, type StorySettings } from "@/lib/story/settings";
import { storyAt } from "@/lib/story/story";

/**
 * Everything the impact page shows, recomputed in the browser from the threshold grid whenever the
 * threshold or a parameter changes (the same lib/story functions the API and the brief call).
 */
export function useStory(grid: ThresholdGrid, facts: DatasetFacts, settings: StorySettings, threshold: number, reference: number) {
  const table = useMemo(() => tableFromGrid(grid), [grid]);
  const resolved = useMemo(() => resolveSettings(settings, facts), [settings, facts]);
  const story = useMemo(() => storyAt(table, threshold, resolved), [table, threshold, resolved]);
  const tradeOff = useMemo(
    () => (reference === threshold ? null : describeTradeOff(confusionAt(table, reference), confusionAt(table, threshold), resolved)),
    [table, reference, threshold, resolved],
  );
  const curve = useMemo(() => (hasCosts(resolved.costs) ? costCurve(table, resolved, resolved.costs) : []), [table, resolved]);
  const recommendations = useMemo(() => recommendThresholds(table, resolved), [table, resolved]);
  return { table, resolved, story, tradeOff, curve, recommendations };
}
