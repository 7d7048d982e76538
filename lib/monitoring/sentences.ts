import { formatAverage, formatRate, formatThreshold, formatWithRange, isOne } from "../format";
import type { Vocabulary } from "../story/settings";
import type { WindowPerDay } from "./estimates";
import { DAY_MS } from "./periods";
import type { PeriodKind, Range } from "./types";

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "15 Oct 2026" for a UTC instant (ISO string or epoch ms). */
export const formatDay = (instant: string | number) => dateFormat.format(new Date(instant));

/** "on 15 Oct 2026" for a day, "in the week of 12 Oct 2026" for a week. */
export const periodPhrase = (start: string | number, kind: PeriodKind) =>
  kind === "day" ? `on ${formatDay(start)}` : `in the week of ${formatDay(start)}`;

/** "valid transaction(s)" as the shown number needs. */
export const itemsOf = (adjective: string, shown: string, v: Vocabulary) => `${adjective} ${isOne(shown) ? v.itemSingular : v.itemPlural}`;

/** "was" for a shown "1", else "were". */
export const were = (shown: string) => (isOne(shown) ? "was" : "were");

/** "210 (190–231)" for a count a day with its range. */
export const countWithRange = (value: number | null, range: Range | null) => formatWithRange(value, range);

/** "57% (52%–61%)" for a rate with its range; "unknown" without it. */
export function rateWithRange(value: number | null, range: Range | null): string {
  if (value === null) return "unknown";
  if (!range) return formatRate(value);
  const [lo, hi] = [formatRate(range[0]), formatRate(range[1])];
  return lo === hi ? formatRate(value) : `${formatRate(value)} (${lo}–${hi})`;
}

/** "the last 4 weeks", "the last 28 days", "the last week". */
export function windowPhrase(periods: number, kind: PeriodKind): string {
  return periods === 1 ? `the last ${kind}` : `the last ${periods.toLocaleString("en-US")} ${kind}s`;
}

/** "about 31 more valid transactions flagged", "1 fewer fraudulent one missed", "the same number of … flagged". */
function change(delta: number, plural: string, singular: string, verb: string): string {
  const shown = formatAverage(Math.abs(delta));
  if (shown === "0") return `the same number of ${plural} ${verb}`;
  return `${shown} ${delta > 0 ? "more" : "fewer"} ${isOne(shown) ? singular : plural} ${verb}`;
}

/** What the replay compares: the window's averages a day at the deployed and at the new threshold. */
export interface ReplayInput {
  threshold: number;
  deployedThreshold: number;
  /** Averages a day over the window at the deployed threshold. */
  deployed: WindowPerDay;
  /** Averages a day over the window at the new threshold. */
  candidate: WindowPerDay;
  /** Periods in the window and their kind, for "over the last 4 weeks". */
  periods: number;
  kind: PeriodKind;
}

/**
 * One sentence on what a threshold would have done against the deployed one over a window, in the
 * dataset's words, e.g. "With 0.45 instead of 0.50 over the last 4 weeks: about 31 more valid
 * transactions flagged a day and 2.1 fewer fraudulent ones missed." The counts are the window's
 * averages a day (`windowPerDay`: each period scaled from its labelled rows to all its rows).
 */
export function replaySentence(r: ReplayInput, v: Vocabulary): string {
  if (r.threshold === r.deployedThreshold) return `${formatThreshold(r.threshold)} is the threshold in production.`;
  const head = `With ${formatThreshold(r.threshold)} instead of ${formatThreshold(r.deployedThreshold)} over ${windowPhrase(r.periods, r.kind)}`;
  const { deployed: a, candidate: b } = r;
  if (a.days === 0) return `${head}: there are no ${v.itemPlural} to compare.`;
  const dFlagged = (b.flagged ?? 0) - (a.flagged ?? 0);
  if (formatAverage(Math.abs(dFlagged)) === "0" && a.falseAlarms === b.falseAlarms && a.misses === b.misses) {
    return `${head}: the same ${v.itemPlural} would have been flagged.`;
  }
  if (a.falseAlarms === null || b.falseAlarms === null || a.misses === null || b.misses === null) {
    const flagged = change(dFlagged, v.itemPlural, v.itemSingular, "flagged");
    return `${head}: about ${flagged} a day; none has a label yet, so how many are ${v.positive} is unknown.`;
  }
  const falseAlarms = change(b.falseAlarms - a.falseAlarms, `${v.negative} ${v.itemPlural}`, `${v.negative} ${v.itemSingular}`, "flagged");
  const misses = change(b.misses - a.misses, `${v.positive} ones`, `${v.positive} one`, "missed");
  const about = falseAlarms.startsWith("the same") ? "" : "about ";
  return `${head}: ${about}${falseAlarms} a day and ${misses}.`;
}

/** "p < 0.001", "p = 0.034". */
export const formatPValue = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${Number(p.toPrecision(2))}`);

/** A KS statistic or PSI: 2 significant digits, at most 4 decimals ("0.16", "0.012", "0.0003"). */
export const formatStatistic = (x: number) => String(Number(x < 0.0001 ? x.toFixed(4) : x.toPrecision(2)));

/** "(KS 0.16, p < 0.001; PSI 0.77)". */
export function driftFigures(d: { ks: number | null; ksPValue: number | null; psi: number | null }): string {
  if (d.ks === null || d.ksPValue === null) return "";
  const psi = d.psi === null ? "" : `; PSI ${formatStatistic(d.psi)}`;
  return `(KS ${formatStatistic(d.ks)}, ${formatPValue(d.ksPValue)}${psi})`;
}

/** "15 Oct 2026 (UTC)" for one whole UTC day, else "15 Oct 2026 to 21 Oct 2026 (UTC)" (the window's last day included); ISO instants. */
export function formatWindow(from: string, to: string): string {
  const [a, b] = [Date.parse(from), Date.parse(to)];
  const wholeDays = a % DAY_MS === 0 && b % DAY_MS === 0;
  if (wholeDays && b - a === DAY_MS) return `${formatDay(a)} (UTC)`;
  return `${formatDay(a)} to ${formatDay(wholeDays ? b - DAY_MS : b)} (UTC)`;
}
