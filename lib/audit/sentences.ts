import { clean, formatAverage, formatRate, formatWithRange, isOne } from "../format";
import { PERIOD_DAYS, type Period, type Vocabulary } from "../story/settings";
import type { AuditEstimate, Figure } from "./types";

/** Average counts a day, each with its 95% range, from an audit's estimate of the frame. */
export interface AuditDailyCounts {
  flagged: Figure;
  falsePositives: Figure;
  falseNegatives: Figure;
  truePositives: Figure;
  /** What the figures rest on: labelled rows of the rows drawn. */
  labeled: number;
  size: number;
}

/** What the audit sentences need: the words, the period to speak in, and the frame's rows a day. */
export interface AuditStorySettings {
  vocabulary: Vocabulary;
  period: Period;
  /** Rows of the audit's frame a day (frame rows / days the frame covers). */
  frameRowsPerDay: number;
}

const scale = (f: Figure, by: number): Figure => ({ estimate: f.estimate === null ? null : clean(f.estimate * by), lower: clean(f.lower * by), upper: clean(f.upper * by) });

/** The frame counts of an estimate as counts a day: each figure × frameRowsPerDay / frame rows. */
export function auditDailyCounts(estimate: AuditEstimate, frameRowsPerDay: number): AuditDailyCounts {
  const by = estimate.rows > 0 ? frameRowsPerDay / estimate.rows : 0;
  return {
    flagged: scale(estimate.flagged, by),
    falsePositives: scale(estimate.falsePositives, by),
    falseNegatives: scale(estimate.falseNegatives, by),
    truePositives: scale(estimate.truePositives, by),
    labeled: estimate.labeled,
    size: estimate.size,
  };
}

/**
 * "about 14 (6–31) fraudulent transactions" for a count a day, spoken per `period`; "no …" when
 * the range is 0–0; "at most 20 …" when the estimate rounds to 0 but the range does not; "an
 * unknown number of … (up to 31)" without an estimate.
 */
export function countPhrase(perDay: Figure, adjective: string, v: Vocabulary, period: Period): string {
  const f = scale(perDay, PERIOD_DAYS[period]);
  if (f.estimate === null) return `an unknown number of ${adjective} ${v.itemPlural} (up to ${formatAverage(f.upper)})`;
  if (f.upper === 0) return `no ${adjective} ${v.itemPlural}`;
  // None among the labels: the range's top is the news, not "about 0".
  if (formatAverage(f.estimate) === "0") return `at most ${formatAverage(f.upper)} ${adjective} ${isOne(formatAverage(f.upper)) ? v.itemSingular : v.itemPlural}`;
  const shown = formatWithRange(f.estimate, [f.lower, f.upper]);
  return `about ${shown} ${adjective} ${isOne(formatAverage(f.estimate)) && shown === "1" ? v.itemSingular : v.itemPlural}`;
}

/** "estimated from 800 audited transactions", or "… from 312 of 800 audited transactions labelled so far". */
export function auditBasis(labeled: number, size: number, v: Vocabulary): string {
  const noun = size === 1 ? v.itemSingular : v.itemPlural;
  const sizeShown = size.toLocaleString("en-US");
  return labeled >= size ? `estimated from ${sizeShown} audited ${noun}` : `estimated from ${labeled.toLocaleString("en-US")} of ${sizeShown} audited ${noun} labelled so far`;
}

/** "about 14 (6–31) fraudulent transactions missed a day, estimated from 800 audited transactions". */
export function auditMissedPhrase(daily: AuditDailyCounts, s: AuditStorySettings): string {
  const v = s.vocabulary;
  return `${countPhrase(daily.falseNegatives, v.positive, v, s.period)} missed a ${s.period}, ${auditBasis(daily.labeled, daily.size, v)}`;
}

/** "57% (49–64%)"; "unknown" without an estimate. */
export function rateWithRange(f: Figure): string {
  if (f.estimate === null) return "unknown";
  const [shown, lo, hi] = [formatRate(f.estimate), formatRate(f.lower), formatRate(f.upper)];
  return lo === hi ? shown : `${shown} (${lo.replace("%", "")}–${hi})`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * What an audit says at a threshold, in words, e.g. "About 14 (6–31) fraudulent transactions
 * missed a day, estimated from 800 audited transactions." / "Every day about 200 (182–220) valid
 * transactions are flagged as fraudulent and sent for manual review, and about 266 (240–290)
 * fraudulent transactions are correctly caught." / the rates / a sentence saying the figures are
 * weighted (the audited rows are a stratified sample, so their raw counts would be biased).
 */
export function auditSentences(estimate: AuditEstimate, s: AuditStorySettings): string[] {
  const v = s.vocabulary;
  const daily = auditDailyCounts(estimate, s.frameRowsPerDay);
  if (estimate.labeled === 0) return [`No audited ${v.itemPlural} are labelled yet, so the audit cannot say how many ${v.positive} ${v.itemPlural} are missed.`];
  const every = s.period === "day" ? "Every day" : `Every ${s.period}`;
  return [
    `${capitalize(auditMissedPhrase(daily, s))}.`,
    `${every} ${countPhrase(daily.falsePositives, v.negative, v, s.period)} are ${v.flaggedAction}, and ${countPhrase(daily.truePositives, v.positive, v, s.period)} are correctly caught.`,
    `Of the flagged ${v.itemPlural}, ${rateWithRange(estimate.precision)} are ${v.positive}; ${rateWithRange(estimate.recall)} of the ${v.positive} ${v.itemPlural} are flagged.`,
    `Each audited ${v.itemSingular} counts for the ${v.itemPlural} it was drawn to represent (a stratified sample, more often near the threshold), so these figures are weighted estimates, not counts of the labels; the ranges are 95% intervals.`,
  ];
}
