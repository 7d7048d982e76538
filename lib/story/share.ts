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

/** What is wrong with a typed threshold, said with the threshold still in use; null when it is fine (or empty). */
export function typedThresholdProblem(text: string, current: number): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const t = Number(trimmed);
  if (!Number.isFinite(t)) return `“${trimmed}” is not a number: the threshold stays at ${current}.`;
  if (t < 0 || t > 1) return `${trimmed} is outside 0 to 1: the threshold stays at ${current}.`;
  return null;
}

/**
 * The threshold of a page's `?t=`, and a notice when the link's value could not be used (the page
 * then shows `fallback`): a missing `?t=` needs no notice.
 */
export function thresholdFromLink(raw: string | null | undefined, fallback = 0.5): { threshold: number; notice: string | null } {
  const t = thresholdFromParam(raw);
  if (t !== null) return { threshold: t, notice: null };
  if (raw === null || raw === undefined || raw.trim() === "") return { threshold: fallback, notice: null };
  const shown = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
  return { threshold: fallback, notice: `The link’s threshold “${shown}” is not a number from 0 to 1, so ${fallback} is shown instead.` };
}
