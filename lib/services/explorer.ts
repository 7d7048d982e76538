import { cachedByVersion } from "../cache";
import { datasetVersion, getScoreTable } from "../db/score-index";
import type { CurvesReport, ExplorerData } from "../metrics";
import { compute } from "../workers/compute";

/** The explorer's compact data for a dataset (the threshold grid and reliability curve); null without a score table. */
export async function loadExplorerData(datasetId: number): Promise<ExplorerData | null> {
  const [version, table] = await Promise.all([datasetVersion(datasetId), getScoreTable(datasetId)]);
  if (version === null || !table) return null;
  return cachedByVersion("explorer", datasetId, version, () => compute("explorer", table.scores.length, table), { limit: 16 });
}

/** ROC and PR curves (downsampled) and reliability bins of a dataset; null without a score table. */
export async function loadCurves(datasetId: number): Promise<CurvesReport | null> {
  const [version, table] = await Promise.all([datasetVersion(datasetId), getScoreTable(datasetId)]);
  if (version === null || !table) return null;
  return cachedByVersion("curves", datasetId, version, () => compute("curves", table.scores.length, table), { limit: 16 });
}
