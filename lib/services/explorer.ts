import { cachedByVersion } from "../cache";
import { datasetVersion, getScoreTable } from "../db/score-index";
import { curvesReport, explorerData, type CurvesReport, type ExplorerData } from "../metrics";

/** The explorer's compact data for a dataset (the threshold grid and reliability curve); null without a score table. */
export async function loadExplorerData(datasetId: number): Promise<ExplorerData | null> {
  const [version, table] = await Promise.all([datasetVersion(datasetId), getScoreTable(datasetId)]);
  if (version === null || !table) return null;
  return cachedByVersion("explorer", datasetId, version, () => explorerData(table), { limit: 16 });
}

/** ROC and PR curves (downsampled) and reliability bins of a dataset; null without a score table. */
export async function loadCurves(datasetId: number): Promise<CurvesReport | null> {
  const [version, table] = await Promise.all([datasetVersion(datasetId), getScoreTable(datasetId)]);
  if (version === null || !table) return null;
  return cachedByVersion("curves", datasetId, version, () => curvesReport(table), { limit: 16 });
}
