/**
 * The Models page's list: datasets grouped under their model name and version, with each
 * version's facts. Pure: datasets and facts in, groups out.
 */
import type { ModelFacts, ModelVersionView } from "./facts";

/** What the catalog needs of a dataset (a DatasetView fits). */
export interface CatalogDataset {
  id: number;
  name: string;
  modelName: string | null;
  modelVersion: string | null;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** One version of a model: its datasets (oldest first) and its facts (null when none are stored). */
export interface CatalogVersion<D> {
  version: string;
  facts: ModelFacts | null;
  datasets: D[];
}

export interface CatalogModel<D> {
  name: string;
  /** In the order their first dataset arrived; versions with facts but no dataset last. */
  versions: CatalogVersion<D>[];
}

const byCreation = (a: CatalogDataset, b: CatalogDataset) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id;

/**
 * Groups datasets by model (names in alphabetical order) and version. Datasets without a model
 * name are left out (`ungrouped` lists them); a dataset with a model but no version falls under
 * version "" (shown as "no version"). Facts without datasets still list their version.
 */
export function modelCatalog<D extends CatalogDataset>(datasets: readonly D[], facts: readonly ModelVersionView[]): { models: CatalogModel<D>[]; ungrouped: D[] } {
  const models = new Map<string, Map<string, CatalogVersion<D>>>();
  const versionOf = (name: string, version: string) => {
    let versions = models.get(name);
    if (!versions) models.set(name, (versions = new Map()));
    let entry = versions.get(version);
    if (!entry) versions.set(version, (entry = { version, facts: null, datasets: [] }));
    return entry;
  };
  const ungrouped: D[] = [];
  for (const d of [...datasets].sort(byCreation)) {
    if (d.modelName === null || d.modelName.trim() === "") ungrouped.push(d);
    else versionOf(d.modelName, d.modelVersion ?? "").datasets.push(d);
  }
  for (const f of facts) {
    const { modelName, version, updatedAt: _updatedAt, ...rest } = f;
    versionOf(modelName, version).facts = rest;
  }
  return {
    models: [...models.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, versions]) => ({ name, versions: [...versions.values()].sort((a, b) => (a.datasets.length === 0 ? 1 : 0) - (b.datasets.length === 0 ? 1 : 0)) })),
    ungrouped,
  };
}

/** How a version is called in sentences: its version ("int8"), or the model's name when it has none. */
export const versionLabel = (modelName: string | null, version: string | null, fallback: string) => (version?.trim() ? version.trim() : modelName?.trim() ? modelName.trim() : fallback);
