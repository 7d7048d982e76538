/**
 * The comparison in the dataset's words, e.g. "At 200 reviews a day the int8 model catches 0.4
 * fewer fraudulent transactions a day than the float32 model (95% range −1.1 to +0.3), which is
 * within noise, and it is 4× smaller."
 */
import { formatAverage, formatRate, formatThreshold, isOne } from "../format";
import type { Vocabulary } from "../story/settings";
import type { DailyDifference } from "./bootstrap";
import type { NonInferiority } from "./non-inferiority";
import type { CompareReport } from "./report";
import type { UnpairedComparison } from "./unpaired";

/** How the two models are called, and optionally their artefact sizes (any one unit, e.g. MB). */
export interface ModelNames {
  /** e.g. "float32" */
  a: string;
  /** e.g. "int8" */
  b: string;
  sizeA?: number | null;
  sizeB?: number | null;
}

/** What the sentences need of the settings (a ResolvedSettings fits). */
export interface CompareWords {
  vocabulary: Vocabulary;
  /** Items a day (to say a load of K matched rows as reviews a day). */
  volumePerDay: number;
}

const theModel = (name: string) => (/\bmodel$/i.test(name) ? `the ${name}` : `the ${name} model`);
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const items = (v: Vocabulary, shown: string) => (isOne(shown) ? v.itemSingular : v.itemPlural);

/** A signed count a day: "+0.3", "−1.1", "0". */
export function formatSigned(x: number): string {
  const shown = formatAverage(Math.abs(x));
  return shown === "0" ? "0" : `${x < 0 ? "−" : "+"}${shown}`;
}

/**
 * "(95% range −1.1 to +0.3), which is within noise" for a range that holds 0, "more than noise"
 * otherwise; nothing when both ends show as 0 (no example decided differently).
 */
function rangeClause(d: DailyDifference): string {
  if (!d.range) return "";
  const [lo, hi] = d.range;
  if (formatSigned(lo) === "0" && formatSigned(hi) === "0") return "";
  const noise = lo <= 0 && hi >= 0 ? "which is within noise" : "which is more than noise";
  return ` (95% range ${formatSigned(lo)} to ${formatSigned(hi)}), ${noise}`;
}

/**
 * "catches 0.4 fewer fraudulent transactions a day than the float32 model", "… as many … as …";
 * `noun` is the adjective and item noun for the shown number.
 */
function changeOf(d: DailyDifference, verb: string, noun: (shown: string) => string, than: string): string {
  if (d.perDay === null) return `${verb} an unknown number of ${noun("many")} a day compared with ${than}`;
  const shown = formatAverage(Math.abs(d.perDay));
  if (shown === "0") return `${verb} as many ${noun("many")} a day as ${than}`;
  return `${verb} ${shown} ${d.perDay < 0 ? "fewer" : "more"} ${noun(shown)} a day than ${than}`;
}

/** "With the int8 model, 2.1 more valid transactions a day will be flagged as … than with the float32 model". */
function falseAlarmsOf(d: DailyDifference, v: Vocabulary, names: ModelNames): string {
  const start = `With ${theModel(names.b)}, `;
  const action = `will be ${v.flaggedAction}`;
  if (d.perDay === null) return `${start}an unknown number of ${v.negative} ${v.itemPlural} a day ${action}`;
  const shown = formatAverage(Math.abs(d.perDay));
  if (shown === "0") return `${start}as many ${v.negative} ${v.itemPlural} a day ${action} as with ${theModel(names.a)}`;
  return `${start}${shown} ${d.perDay < 0 ? "fewer" : "more"} ${v.negative} ${items(v, shown)} a day ${action} than with ${theModel(names.a)}`;
}

/** ", and it is 4× smaller" from the sizes; "" when a size is missing or they round to the same. */
function sizeClause(names: ModelNames): string {
  const { sizeA, sizeB } = names;
  if (!sizeA || !sizeB || sizeA <= 0 || sizeB <= 0) return "";
  const ratio = sizeA >= sizeB ? sizeA / sizeB : sizeB / sizeA;
  const shown = formatAverage(ratio);
  return shown === "1" ? "" : `, and it is ${shown}× ${sizeA >= sizeB ? "smaller" : "larger"}`;
}

function whereOf(report: CompareReport, words: CompareWords, names: ModelNames): string {
  if (report.mode === "load" && report.load !== null) {
    const reviews = report.matched ? (report.load / report.matched) * words.volumePerDay : 0;
    const shown = formatAverage(reviews);
    return `At ${shown} ${isOne(shown) ? "review" : "reviews"} a day`;
  }
  if (report.thresholdA === report.thresholdB) return `At threshold ${formatThreshold(report.thresholdA)}`;
  return `At thresholds ${formatThreshold(report.thresholdA)} (${names.a}) and ${formatThreshold(report.thresholdB)} (${names.b})`;
}

/** κ with 2 decimals, more when 2 would round a κ short of ±1 to "1.00" (0.9954 → "0.995"). */
export function formatKappa(kappa: number): string {
  for (let digits = 2; digits < 6; digits++) {
    const shown = kappa.toFixed(digits);
    if (Math.abs(kappa) >= 1 || Math.abs(Number(shown)) < 1) return shown.replace("-", "−");
  }
  return kappa.toFixed(6).replace("-", "−");
}

/** One sentence per non-inferiority verdict. */
export function describeVerdicts(verdicts: readonly NonInferiority[], v: Vocabulary, names: ModelNames): string[] {
  return verdicts.map(({ measure, margin, upperBound, nonInferior }) => {
    const shown = formatAverage(margin);
    const what = measure === "missed" ? `misses at most ${shown} more ${v.positive} ${items(v, shown)}` : `wrongly flags at most ${shown} more ${v.negative} ${items(v, shown)}`;
    const claim = `${theModel(names.b)} ${what} a day than ${theModel(names.a)}`;
    if (nonInferior === null || upperBound === null) return `Whether ${claim} cannot be told from these ${v.itemPlural}.`;
    if (nonInferior) return `${capitalize(claim)} (95% confidence).`;
    const bound = formatAverage(upperBound);
    const verb = measure === "missed" ? "miss" : "wrongly flag";
    return `It is not shown that ${claim}: it may ${verb} up to ${bound} more a day (95% confidence).`;
  });
}

/**
 * The comparison's sentences: the headline (caught a day, its range, noise, size), false alarms a
 * day, the review load a day (when the thresholds are set, not the load), the verdicts and the agreement.
 */
export function describeComparison(report: CompareReport, words: CompareWords, names: ModelNames): string[] {
  const v = words.vocabulary;
  const than = theModel(names.a);
  const { caught, falseAlarms, flagged } = report.daily;
  const positives = (shown: string) => `${v.positive} ${items(v, shown)}`;
  const out = [
    `${whereOf(report, words, names)} ${theModel(names.b)} ${changeOf(caught, "catches", positives, than)}${rangeClause(caught)}${sizeClause(names)}.`,
    `${falseAlarmsOf(falseAlarms, v, names)}${rangeClause(falseAlarms)}.`,
  ];
  if (report.mode === "threshold") out.push(`In all, ${theModel(names.b)} ${changeOf(flagged, "flags", (shown) => items(v, shown), than)}${rangeClause(flagged)}.`);
  out.push(...describeVerdicts(report.nonInferiority, v, names));
  const { share, kappa } = report.agreement;
  if (share !== null) {
    const matched = formatAverage(report.matched);
    out.push(`The two models decide alike on ${formatRate(share)} of the ${matched} matched ${items(v, matched)}${kappa === null ? "" : ` (Cohen's κ ${formatKappa(kappa)})`}.`);
  }
  return out;
}

/** The A/B test in words: caught and false alarms a day with Newcombe ranges, the split warning, the verdicts. */
export function describeUnpaired(comparison: UnpairedComparison, v: Vocabulary, names: ModelNames): string[] {
  const than = theModel(names.a);
  const { caught, falseAlarms } = comparison.daily;
  const out: string[] = [];
  const split = comparison.sampleRatio;
  if (split.mismatch && split.observedShareA !== null) {
    out.push(`Warning: ${formatRate(split.intendedShareA)} of the ${v.itemPlural} were meant to go to ${names.a} but ${formatRate(split.observedShareA)} did (p < 0.001): the split may be broken, so the differences below may not be the models'.`);
  }
  const positives = (shown: string) => `${v.positive} ${items(v, shown)}`;
  out.push(`In the A/B test ${theModel(names.b)} ${changeOf(caught, "catches", positives, than)}${rangeClause(caught)}${sizeClause(names)}.`);
  out.push(`${falseAlarmsOf(falseAlarms, v, names)}${rangeClause(falseAlarms)}.`);
  out.push(...describeVerdicts(comparison.nonInferiority, v, names));
  return out;
}
