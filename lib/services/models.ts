/**
 * The Models page and GET /api/models: datasets grouped by model and version, each dataset with
 * its ROC AUC, flag rate and daily counts at its version's threshold; setting a version's facts
 * and a dataset's model.
 */
import { store, type DatasetView } from "../db";
import { getCounts } from "../db/score-index";
import { confusionAt } from "../metrics";
import { modelCatalog, thresholdOf, type CatalogModel, type ModelFacts } from "../models";
import { dailyCounts, type DailyCounts } from "../story/daily";
import { parseStoredSettings, resolveSettings, type StorySettings, type Vocabulary } from "../story/settings";
import { listDatasets } from "./datasets";

/** One dataset of a version, at the version's threshold. */
export interface VersionDataset {
  id: number;
  name: string;
  createdAt: string;
  rows: number;
  /** ROC AUC over the dataset's labelled rows (scikit-learn's roc_auc_score); null with one class. */
  rocAuc: number | null;
  /** The version's threshold (0.5 when it has none): flagged when score >= threshold. */
  threshold: number;
  /** Share of labelled rows flagged at the threshold; null without labelled rows. */
  flagRate: number | null;
  /** Average items a day in each outcome at the threshold, with the dataset's settings. */
  daily: DailyCounts;
  vocabulary: Vocabulary;
  /** Whether the dataset's rows carry example ids (needed to pair it with another version). */
  hasIds: boolean;
}

export interface ModelsList {
  models: CatalogModel<VersionDataset>[];
  /** Datasets not under any model yet. */
  ungrouped: { id: number; name: string; createdAt: string }[];
}

async function atThreshold(d: DatasetView, facts: ModelFacts | null, words: StorySettings["vocabulary"]): Promise<VersionDataset> {
  const threshold = thresholdOf(facts);
  const counts = await getCounts(d.id);
  const saved = parseStoredSettings(d.settings);
  const resolved = resolveSettings({ ...saved, ...(saved.vocabulary || !words ? {} : { vocabulary: words }) }, d);
  const c = counts ? confusionAt(counts, threshold) : { tp: 0, fp: 0, tn: 0, fn: 0 };
  const labelled = c.tp + c.fp + c.tn + c.fn;
  return {
    id: d.id, name: d.name, createdAt: d.createdAt, rows: d.rows, rocAuc: d.rocAuc, threshold,
    flagRate: labelled ? (c.tp + c.fp) / labelled : null,
    daily: dailyCounts(c, { volumePerDay: resolved.volumePerDay, prevalence: resolved.prevalence }),
    vocabulary: resolved.vocabulary,
    hasIds: typeof d.mapping.id === "string" && d.mapping.id !== "",
  };
}

/** Every model with its versions (facts and datasets with their figures), and the datasets under none. */
export async function listModels(): Promise<ModelsList> {
  const [datasets, facts] = await Promise.all([listDatasets(), store().models.list()]);
  const { models, ungrouped } = modelCatalog(datasets, facts);
  const withFigures = await Promise.all(
    models.map(async (m) => {
      // The datasets of one model count the same items: those without words of their own borrow the first one's.
      const words = m.versions.flatMap((v) => v.datasets).map((d) => parseStoredSettings(d.settings).vocabulary).find(Boolean);
      return {
        name: m.name,
        versions: await Promise.all(m.versions.map(async (v) => ({ ...v, datasets: await Promise.all(v.datasets.map((d) => atThreshold(d, v.facts, words))) }))),
      };
    }),
  );
  return { models: withFigures, ungrouped: ungrouped.map(({ id, name, createdAt }) => ({ id, name, createdAt })) };
}
