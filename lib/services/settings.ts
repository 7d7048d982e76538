import { store } from "../db";
import { settingsView, type StorySettings, type StorySettingsView } from "../story/settings";

/**
 * The saved and resolved settings of a dataset, with `overrides` (e.g. a volume from the query
 * string) applied over the saved ones; null when the dataset does not exist.
 */
export async function getStorySettings(datasetId: number, overrides: StorySettings = {}): Promise<StorySettingsView | null> {
  const dataset = await store().datasets.get(datasetId);
  return dataset ? settingsView(dataset, overrides) : null;
}

/** Replaces the saved settings (already validated); null when the dataset does not exist. */
export async function saveStorySettings(datasetId: number, settings: StorySettings): Promise<StorySettingsView | null> {
  const dataset = await store().datasets.saveSettings(datasetId, settings);
  return dataset ? settingsView(dataset) : null;
}
