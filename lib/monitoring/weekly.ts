import { formatAverage, formatMoney, formatRate, formatThreshold } from "../format";
import type { ResolvedSettings } from "../story/settings";
import { DAY_MS } from "./periods";
import type { MonitoringPeriod, MonitoringReport, ReferenceSummary } from "./report";
import { countWithRange, driftFigures, formatDay, itemsOf, rateWithRange, were } from "./sentences";

/** The weekly report: one ISO week against the reference, as figures and sentences (the page renders it). */
export interface WeeklyReport {
  /** ISO instants of the week's Monday 00:00 UTC and of its last day (Sunday 00:00 UTC). */
  start: string;
  lastDay: string;
  threshold: number;
  week: MonitoringPeriod;
  reference: ReferenceSummary;
  /** What the reference's rates would give at this week's volume, a day. */
  expectedAtReference: { falseAlarmsPerDay: number | null; missesPerDay: number | null };
  sentences: string[];
}

const scaled = (share: number | null, rowsPerDay: number | null) => (share === null || rowsPerDay === null ? null : share * rowsPerDay);

function volumeSentence(w: MonitoringPeriod, ref: ReferenceSummary, s: ResolvedSettings): string {
  const v = s.vocabulary;
  const shown = formatAverage(w.rows);
  const reference = ref.rowsPerDay === null ? "" : ` (the reference: ${formatAverage(ref.rowsPerDay)} a day)`;
  const perDay = w.rowsPerDay === null ? "" : `, ${formatAverage(w.rowsPerDay)} a day${reference}`;
  const labelled = w.labeledShare === null ? "" : `; ${formatRate(w.labeledShare)} of them have a label so far`;
  return `${shown} ${shown === "1" ? v.itemSingular : v.itemPlural} came in${perDay}${labelled}.`;
}

function errorSentences(w: MonitoringPeriod, ref: ReferenceSummary, expected: WeeklyReport["expectedAtReference"], s: ResolvedSettings): string[] {
  const v = s.vocabulary;
  if (w.labeled === 0) return [`None of the week's ${v.itemPlural} has a label yet, so its false alarms and misses are unknown.`];
  const fa = countWithRange(w.falseAlarmsPerDay, w.falseAlarmsPerDayRange);
  const missed = countWithRange(w.missesPerDay, w.missesPerDayRange);
  const [faShown, missedShown] = [formatAverage(w.falseAlarmsPerDay ?? 0), formatAverage(w.missesPerDay ?? 0)];
  const atRef =
    expected.falseAlarmsPerDay === null || expected.missesPerDay === null
      ? ""
      : `; at the reference's rates it would have been ${formatAverage(expected.falseAlarmsPerDay)} and ${formatAverage(expected.missesPerDay)}`;
  const falseAlarms = `${fa} ${itemsOf(v.negative, faShown, v)} ${were(faShown)} ${v.flaggedAction}`;
  const misses = `${missed} ${itemsOf(v.positive, missedShown, v)} ${were(missedShown)} missed`;
  const out = [`Every day an average of ${falseAlarms}, and ${misses}${atRef}.`];
  if (w.precision !== null && w.recall !== null) {
    const atReference = ref.precision !== null && ref.recall !== null ? ` (the reference: ${formatRate(ref.precision)} and ${formatRate(ref.recall)})` : "";
    const precision = `${rateWithRange(w.precision, w.precisionRange)} of the flagged ${v.itemPlural} with a label were ${v.positive}`;
    out.push(`${precision}, and ${rateWithRange(w.recall, w.recallRange)} of the ${v.positive} ones were caught${atReference}.`);
  }
  return out;
}

function driftSentence(w: MonitoringPeriod): string {
  if (w.ks === null) return "There is nothing to compare the week's scores with.";
  if (w.drift) return `The scores have drifted from the reference's ${driftFigures(w)}: time to check the model.`;
  return `The scores are in line with the reference's ${driftFigures(w)}.`;
}

function costSentence(w: MonitoringPeriod, s: ResolvedSettings): string[] {
  if (w.costPerDay === null) return [];
  const c = s.costs.currency;
  const total = w.costPerDay * w.days;
  return w.costPerDay < 0
    ? [`The expected net benefit was ${formatMoney(-w.costPerDay, c)} a day, ${formatMoney(-total, c)} for the week.`]
    : [`The expected cost was ${formatMoney(w.costPerDay, c)} a day, ${formatMoney(total, c)} for the week.`];
}

/**
 * The weekly report of the week starting at `weekStart` (ISO instant of a Monday; default the last
 * week of the report), from a monitoring report computed by week at the threshold in production.
 */
export function weeklyReport(report: MonitoringReport, s: ResolvedSettings, weekStart?: string): WeeklyReport {
  if (report.period !== "week") throw new Error("a weekly report needs a monitoring report by week");
  const week = weekStart === undefined ? report.periods[report.periods.length - 1] : report.periods.find((p) => p.start === weekStart);
  if (!week) throw new Error(weekStart === undefined ? "the monitoring report has no weeks" : `no week starts at ${weekStart}`);
  const ref = report.reference;
  const expectedAtReference = { falseAlarmsPerDay: scaled(ref.falseAlarmShare, week.rowsPerDay), missesPerDay: scaled(ref.missShare, week.rowsPerDay) };
  const lastDay = new Date(Date.parse(week.start) + 6 * DAY_MS).toISOString();
  const flagRate =
    week.flagRate === null
      ? []
      : [`At ${formatThreshold(report.threshold)}, ${formatRate(week.flagRate)} were flagged${ref.flagRate === null ? "" : ` (the reference: ${formatRate(ref.flagRate)})`}.`];
  return {
    start: week.start,
    lastDay,
    threshold: report.threshold,
    week,
    reference: ref,
    expectedAtReference,
    sentences: [
      `The week of ${formatDay(week.start)} to ${formatDay(lastDay)}.`,
      volumeSentence(week, ref, s),
      ...flagRate,
      ...errorSentences(week, ref, expectedAtReference, s),
      driftSentence(week),
      ...costSentence(week, s),
    ],
  };
}
