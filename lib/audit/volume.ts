import { PERIOD_DAYS, volumeFromTimestamps, type ResolvedSettings } from "../story/settings";

/** Rows of an audit's frame a day, and where the figure came from. */
export interface FrameVolume {
  perDay: number;
  /**
   * "saved": the volume entered on Daily impact (the frame taken as a sample of that traffic);
   * "timestamps": the frame's rows over the days its timestamps span; "rows": neither is known,
   * so the frame's rows count as one period (a guess, said so on the page).
   */
  source: "saved" | "timestamps" | "rows";
}

/**
 * How many of the frame's rows there are a day, to turn an audit's counts over its frame into
 * counts a day: the saved volume when there is one, else the frame's own rows per day
 * (`volumeFromTimestamps` of its first and last timestamp, epoch ms), else its rows per period.
 */
export function frameRowsPerDay(frame: { rows: number; timeMin: number | null; timeMax: number | null }, s: Pick<ResolvedSettings, "volumePerDay" | "volumeSource" | "period">): FrameVolume {
  if (s.volumeSource === "saved") return { perDay: s.volumePerDay, source: "saved" };
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const fromTimes = volumeFromTimestamps(frame.rows, iso(frame.timeMin), iso(frame.timeMax));
  if (fromTimes !== null) return { perDay: fromTimes, source: "timestamps" };
  return { perDay: Math.max(1, frame.rows) / PERIOD_DAYS[s.period], source: "rows" };
}
