import type { DatasetView } from "@/lib/db";
import type { ThresholdGrid } from "@/lib/metrics/grid";
import { tableFromGrid } from "@/lib/story/grid-table";
import { recommendationMarkers } from "@/lib/story/recommend";
import { parseStoredSettings, resolveSettings } from "@/lib/story/settings";
import type { ThresholdMarker } from "@/app/ui/charts/types";

/**
 * The recommended thresholds (lowest cost, within review capacity, target rates) of a dataset's
 * saved settings as chart markers, computed from the same grid as the Daily impact page so both
 * pages show the same thresholds. Empty until costs, a capacity or a target are saved.
 */
export function recommendedMarkers(grid: ThresholdGrid, dataset: DatasetView): ThresholdMarker[] {
  return recommendationMarkers(tableFromGrid(grid), resolveSettings(parseStoredSettings(dataset.settings), dataset));
}
