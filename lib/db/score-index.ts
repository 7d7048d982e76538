/**
 * The score indexes of a dataset as the app reads them: cached in memory by (dataset id, version)
 * (lib/cache.ts), so a threshold is a binary search and a second process, or an append, never
 * serves a stale table.
 */
import { cachedByVersion } from "../cache";
import { buildSliceTables, cumulate, type CumulativeTable, type ScoreOrder, type SliceTables } from "../metrics";
import { store } from "./index";

/** The dataset's version, or null when it does not exist. */
export const datasetVersion = (datasetId: number) => store().datasets.version(datasetId);

/** The score table of a dataset with suffix sums, ready for binary searches; null when there is none. */
export async function getScoreTable(datasetId: number): Promise<CumulativeTable | null> {
  const version = await datasetVersion(datasetId);
  if (version === null) return null;
  return cachedByVersion("score-table", datasetId, version, async () => {
    const stored = await store().scores.table(datasetId);
    return stored && cumulate(stored);
  }, { limit: 64 });
}

/** Every row of a dataset in (score, id) order; null when the dataset does not exist. */
export async function getScoreOrder(datasetId: number, table?: CumulativeTable): Promise<ScoreOrder | null> {
  const version = await datasetVersion(datasetId);
  if (version === null) return null;
  // 17 MB per million rows in memory: a few datasets' worth.
  return cachedByVersion("score-order", datasetId, version, () => store().scores.order(datasetId, table), { limit: 6 });
}

/** The score table of each value of each slice column (one scan of the rows on first use); null without the dataset. */
export async function getSliceTables(datasetId: number): Promise<SliceTables | null> {
  const [version, layout] = await Promise.all([datasetVersion(datasetId), store().datasets.columnLayout(datasetId)]);
  if (version === null || !layout) return null;
  return cachedByVersion("slice-tables", datasetId, version, async () => {
    let built: SliceTables | null = null;
    const builder = buildSliceTables(layout.slices);
    if (await store().rows.visitSliceRows(datasetId, builder.add)) built = builder.finish();
    return built;
  });
}
