import { parseStoredSettings, resolveSettings, type ResolvedSettings, type StorySettings } from "../story/settings";
import { getDataset, saveDatasetSettings, type DatasetView } from "./datasets";

/** A dataset's stakeholder settings: what the user saved and what the story uses (gaps filled). */
export interface StorySettingsView {
  saved: StorySettings;
  resolved: ResolvedSettings;
}

const viewOf = (d: DatasetView, overrides: StorySettings = {}): StorySettingsView => {
  const saved = parseStoredSettings(d.settings);
  return { saved, resolved: resolveSettings({ ...saved, ...overrides }, d) };
};

/**
 * The saved and resolved settings of a dataset, with `overrides` (e.g. a volume from the query
 * string) applied over the saved ones; null when the dataset does not exist.
 */
export async function getStorySettings(datasetId: number, overrides: StorySettings = {}): Promise<StorySettingsView | null> {
  const d = await getDataset(datasetId);
  return d ? viewOf(d, overrides) : null;
}

/** Replaces the saved settings (already validated); null when the dataset does not exist. */
export async function saveStorySettings(datasetId: number, settings: StorySettings): Promise<StorySettingsView | null> {
  const d = await saveDatasetSettings(datasetId, settings);
  return d ? viewOf(d) : null;
}
