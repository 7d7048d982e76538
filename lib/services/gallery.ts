import { store } from "../db";
import { getCounts, getSliceCounts } from "../db/score-index";
import { failureModesReport, sliceReport, type FailureModes, type SliceReport } from "../reports";

/** Errors and daily counts per slice value at a threshold, worst first; null when there is no dataset. */
export async function sliceErrors(datasetId: number, threshold: number): Promise<SliceReport | null> {
  const [dataset, whole, counts] = await Promise.all([store().datasets.get(datasetId), getCounts(datasetId), getSliceCounts(datasetId, threshold)]);
  if (!dataset || !whole || !counts) return null;
  return sliceReport(dataset, whole, counts, threshold);
}

/** Each tag's count among the errors at a threshold, with its share and daily estimate; null when there is no dataset. */
export async function countFailureModes(datasetId: number, threshold: number): Promise<FailureModes | null> {
  const [dataset, table, tags, counts] = await Promise.all([
    store().datasets.get(datasetId),
    getCounts(datasetId),
    store().tags.list(datasetId),
    store().tags.errorCounts(datasetId, threshold),
  ]);
  if (!dataset || !table) return null;
  return failureModesReport(dataset, table, tags, counts, threshold);
}
