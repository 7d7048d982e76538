import { parseStoredSettings, type StorySettings } from "./settings";

/**
 * The settings of a shared link: `?s=` holds them as JSON (URL-encoded by URLSearchParams), so a
 * link reproduces the exact view even before the settings are saved. Invalid parts are dropped.
 */
export function settingsFromParam(raw: string | null | undefined): StorySettings | null {
  if (!raw) return null;
  try {
    return parseStoredSettings(JSON.parse(raw));
  } catch {
    return null;
  }
}

/** The `s` parameter for settings; null for empty settings (the link then uses the saved ones). */
export function settingsToParam(settings: StorySettings): string | null {
  return Object.keys(settings).length ? JSON.stringify(settings) : null;
}

/** A threshold from a query parameter, or null when absent or outside [0, 1]. */
export function thresholdFromParam(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || raw.trim() === "") return null;
  const t = Number(raw);
  return Number.isFinite(t) && t >= 0 && t <= 1 ? t : null;
}
