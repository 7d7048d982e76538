import { invalidateDataset } from "../cache";
import { store, type DatasetView } from "../db";
import { getDatasetIndex, getScoreTable } from "../db/score-index";
import { removeDatasetImages } from "../images/store";
import { serialized } from "../imports/queue";
import { rowsSince } from "../metrics";
import { compute } from "../workers/compute";

/**
 * A dataset's view with summary figures of its current rows: an append or late labels leave the
 * stored ROC AUC, average precision, Brier score and score range of an older version, so they are
 * computed again (from the merged score table) and stored before the view is answered.
 */
async function fresh(dataset: DatasetView): Promise<DatasetView> {
  if (dataset.summaryVersion === dataset.version) return dataset;
  const table = await getScoreTable(dataset.id);
  if (!table) return dataset;
  const summary = await compute("summary", table.scores.length, table);
  const saved = await store().datasets.saveSummary(dataset.id, dataset.version, summary);
  return saved ?? { ...dataset, ...summary, summaryVersion: dataset.version };
}

/** One dataset with up-to-date summary figures, or null. */
export async function getDataset(datasetId: number): Promise<DatasetView | null> {
  const dataset = await store().datasets.get(datasetId);
  return dataset && fresh(dataset);
}

/** Every dataset (newest first) with up-to-date summary figures. */
export async function listDatasets(): Promise<DatasetView[]> {
  return Promise.all((await store().datasets.list()).map(fresh));
}

/**
 * Deletes a dataset with every row, tag, note and scenario of it (after any import running), then
 * its stored images and everything cached of it; false when it did not exist.
 */
export async function deleteDataset(datasetId: number): Promise<boolean> {
  const deleted = await serialized(() => store().datasets.delete(datasetId));
  invalidateDataset(datasetId);
  removeDatasetImages(datasetId);
  return deleted;
}

/**
 * Reads a dataset's segments into memory right after an import or append has answered, so the
 * first page view finds them ready; after an import (`summary`) its summary figures too (an
 * append leaves them to the next view that shows them: recomputing them over every row after each
 * small batch would cost far more than the batch). Errors are logged, never thrown.
 */
export async function warmDataset(datasetId: number, { summary }: { summary: boolean }): Promise<void> {
  try {
    if (summary) await getDataset(datasetId);
    else await getDatasetIndex(datasetId);
  } catch (error) {
    console.error(`cutoff: reading dataset ${datasetId} ahead failed`, error);
  }
}

/** Days the label delay note looks back over. */
export const RECENT_DAYS = 7;

/**
 * How many of the rows of the last RECENT_DAYS days (counted back from the dataset's latest
 * timestamp) have no label yet: the label delay, made visible. Null without timestamps.
 */
export async function recentUnlabelled(datasetId: number): Promise<{ days: number; rows: number; unlabeled: number } | null> {
  const [dataset, index] = await Promise.all([store().datasets.get(datasetId), getDatasetIndex(datasetId)]);
  if (!dataset?.timestampMax || !index) return null;
  const since = Date.parse(dataset.timestampMax) - RECENT_DAYS * 86_400_000;
  return { days: RECENT_DAYS, ...rowsSince(index.segments, since) };
}
