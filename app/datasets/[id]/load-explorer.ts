import { getScoreTable } from "@/lib/db/score-tables";
import { explorerData, type CumulativeTable, type ExplorerData } from "@/lib/metrics";

// Score tables never change after import (and are cached by lib/db), so neither does their grid.
const computed = new WeakMap<CumulativeTable, ExplorerData>();

/** The explorer's compact data for a dataset, or null when it has no score table. */
export async function loadExplorerData(datasetId: number): Promise<ExplorerData | null> {
  const table = await getScoreTable(datasetId);
  if (!table) return null;
  let data = computed.get(table);
  if (!data) computed.set(table, (data = explorerData(table)));
  return data;
}
