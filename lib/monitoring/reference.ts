import { z } from "zod";
import { DAY_MS } from "./periods";
import { formatDay } from "./sentences";

/**
 * What a dataset's periods are compared with (KS, PSI, drift), written as one string so it fits a
 * query parameter and the saved settings:
 * - `window:first-14-days`: the dataset's own first N UTC days (from the day of its first row);
 * - `window:2026-10-01..2026-10-14`: the dataset's own rows from the first to the last UTC day given, both included;
 * - `dataset:7`: every row of another dataset (typically the evaluation set), dated or not.
 */
export type ReferenceSpec = { kind: "first-days"; days: number } | { kind: "dates"; from: string; to: string } | { kind: "dataset"; datasetId: number };

/** Without a saved reference: the first 14 days, or the first half of data spanning less than 4 weeks. */
export const DEFAULT_REFERENCE_DAYS = 14;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const validDate = (date: string) => DATE.test(date) && Number.isFinite(dayOf(date)) && new Date(dayOf(date)).toISOString().slice(0, 10) === date;

/** The spec of a reference string; throws a message saying what is expected. */
export function parseReference(raw: string): ReferenceSpec {
  const text = raw.trim();
  let m = /^window:first-(\d{1,3})-days?$/.exec(text);
  if (m) {
    const days = Number(m[1]);
    if (days < 1 || days > 366) throw new Error(`a reference window covers 1 to 366 days, not ${days}`);
    return { kind: "first-days", days };
  }
  m = /^window:(\S+)\.\.(\S+)$/.exec(text);
  if (m) {
    const [from, to] = [m[1], m[2]];
    if (!validDate(from) || !validDate(to)) throw new Error(`a reference window's dates are UTC days like 2026-10-01, not “${from}” and “${to}”`);
    if (dayOf(from) > dayOf(to)) throw new Error(`a reference window starts before it ends: ${from} is after ${to}`);
    return { kind: "dates", from, to };
  }
  m = /^(?:dataset:)?(\d{1,15})$/.exec(text);
  if (m && Number(m[1]) > 0) return { kind: "dataset", datasetId: Number(m[1]) };
  throw new Error(`reference must be dataset:<id>, window:first-<N>-days or window:<from>..<to> (UTC days), not “${text.slice(0, 40)}”`);
}

/** The canonical string of a spec (what is saved and answered). */
export function formatReference(spec: ReferenceSpec): string {
  switch (spec.kind) {
    case "first-days":
      return `window:first-${spec.days}-days`;
    case "dates":
      return `window:${spec.from}..${spec.to}`;
    case "dataset":
      return `dataset:${spec.datasetId}`;
  }
}

/** A reference string, checked and made canonical (zod at the boundaries). */
export const referenceParam = z
  .string({ error: "reference must be a string" })
  .max(80, "reference must be at most 80 characters")
  .transform((raw, ctx) => {
    try {
      return formatReference(parseReference(raw));
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });

/**
 * The default reference of a dataset whose dated rows start on `firstDay` and end on `lastDay`
 * (epoch ms of UTC days): its first 14 days, or its first half when it covers less than 28 days
 * (at least one day), so that there are always days after the reference to compare.
 */
export function defaultReference(firstDay: number | null, lastDay: number | null): ReferenceSpec {
  if (firstDay === null || lastDay === null) return { kind: "first-days", days: DEFAULT_REFERENCE_DAYS };
  const covered = Math.round((lastDay - firstDay) / DAY_MS) + 1;
  return { kind: "first-days", days: Math.max(1, Math.min(DEFAULT_REFERENCE_DAYS, Math.floor(covered / 2))) };
}

/** A window of the dataset's own days: [from, to) in epoch ms of UTC midnights. */
export interface ReferenceWindow {
  from: number;
  to: number;
}

/** The days a window spec covers, for data whose first dated row is on UTC day `firstDay` (epoch ms). */
export function windowOf(spec: Exclude<ReferenceSpec, { kind: "dataset" }>, firstDay: number): ReferenceWindow {
  if (spec.kind === "first-days") return { from: firstDay, to: firstDay + spec.days * DAY_MS };
  return { from: dayOf(spec.from), to: dayOf(spec.to) + DAY_MS };
}

/** "the first 14 days (1–14 Oct 2026)", "1 Oct 2026 to 14 Oct 2026", for a window of the dataset's own rows. */
export function windowLabel(spec: Exclude<ReferenceSpec, { kind: "dataset" }>, w: ReferenceWindow): string {
  const span = `${formatDay(w.from)} to ${formatDay(w.to - DAY_MS)}`;
  if (spec.kind === "first-days") return spec.days === 1 ? `the first day (${formatDay(w.from)})` : `the first ${spec.days} days (${span})`;
  return w.to - w.from === DAY_MS ? formatDay(w.from) : span;
}
