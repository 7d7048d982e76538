import { store } from "../db";
import { parseMonitoringSettings, type MonitoringSettings, type ResolvedMonitoringSettings } from "../monitoring/settings";
import { settingsView, type StorySettings, type StorySettingsView } from "../story/settings";

/**
 * The saved and resolved settings of a dataset, with `overrides` (e.g. a volume from the query
 * string) applied over the saved ones; null when the dataset does not exist.
 */
export async function getStorySettings(datasetId: number, overrides: StorySettings = {}): Promise<StorySettingsView | null> {
  const dataset = await store().datasets.get(datasetId);
  return dataset ? settingsView(dataset, overrides) : null;
}

/**
 * Replaces the saved story settings (already validated); the monitoring settings saved beside
 * them are kept. Null when the dataset does not exist.
 */
export async function saveStorySettings(datasetId: number, settings: StorySettings): Promise<StorySettingsView | null> {
  const current = await store().datasets.get(datasetId);
  if (!current) return null;
  const monitoring = current.settings.monitoring;
  const dataset = await store().datasets.saveSettings(datasetId, monitoring === undefined ? settings : { ...settings, monitoring });
  return dataset ? settingsView(dataset) : null;
}

/** A dataset's monitoring settings (reference, threshold in production, alert rules, webhook); null without it. */
export async function getMonitoringSettings(datasetId: number): Promise<ResolvedMonitoringSettings | null> {
  const dataset = await store().datasets.get(datasetId);
  return dataset ? parseMonitoringSettings(dataset.settings) : null;
}

/** Replaces the monitoring settings (already validated), keeping the story's; null without the dataset. */
export async function saveMonitoringSettings(datasetId: number, monitoring: MonitoringSettings): Promise<ResolvedMonitoringSettings | null> {
  const current = await store().datasets.get(datasetId);
  if (!current) return null;
  const dataset = await store().datasets.saveSettings(datasetId, { ...current.settings, monitoring });
  return dataset ? parseMonitoringSettings(dataset.settings) : null;
}
