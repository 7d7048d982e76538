import { dailyCounts, type DailyCounts, type OutcomeCounts } from "./daily";
import { expectedCost, hasCosts } from "./costs";
import { capitalize, formatAverage, formatMoney, formatRate, formatThreshold, isOne } from "../format";
import { PERIOD_DAYS, type Period, type ResolvedSettings, type Vocabulary } from "./settings";


/** "valid transaction" or "valid transactions", as the shown number needs. */
function itemsOf(adjective: string, shown: string, v: Vocabulary): string {
  return `${adjective} ${isOne(shown) ? v.itemSingular : v.itemPlural}`;
}

/** "about 3 a week" for a count too small to picture per period, else "". */
function smallCountHint(perDay: number, period: Period): string {
  if (perDay * PERIOD_DAYS[period] >= 0.95) return "";
  for (const wider of ["week", "month"] as const) {
    const shown = formatAverage(perDay * PERIOD_DAYS[wider]);
    if (PERIOD_DAYS[wider] > PERIOD_DAYS[period] && perDay * PERIOD_DAYS[wider] >= 0.95) return ` (about ${shown} a ${wider})`;
  }
  return ` (about one every ${formatAverage(1 / perDay)} days)`;
}

/**
 * "an average of 200 valid transactions", "no valid transactions", "an average of 0.4 valid
 * transactions (about 3 a week)"; `perDay` is converted to the period.
 */
export function averagePhrase(perDay: number | null, adjective: string, v: Vocabulary, period: Period): string {
  if (perDay === null) return `an unknown number of ${adjective} ${v.itemPlural}`;
  if (perDay === 0) return `no ${adjective} ${v.itemPlural}`;
  const shown = formatAverage(perDay * PERIOD_DAYS[period]);
  return `an average of ${shown} ${itemsOf(adjective, shown, v)}${smallCountHint(perDay, period)}`;
}

/**
 * The evaluation set's error rates, last, for those who want them: in words first, the ML names in
 * brackets, e.g. "In rates: it misses 5% of fraudulent transactions and flags 2.5% of valid ones
 * (the false negative and false positive rates)." A rate whose class is absent is said to be unknown.
 */
function ratesSentence(counts: OutcomeCounts, v: Vocabulary): string {
  const P = counts.tp + counts.fn;
  const N = counts.fp + counts.tn;
  const fnr = P ? formatRate(counts.fn / P) : null;
  const fpr = N ? formatRate(counts.fp / N) : null;
  const positives = `${v.positive} ${v.itemPlural}`;
  const negatives = `${v.negative} ${v.itemPlural}`;
  if (fnr !== null && fpr !== null) return `In rates: it misses ${fnr} of ${positives} and flags ${fpr} of ${v.negative} ones (the false negative and false positive rates).`;
  if (fpr !== null) return `In rates: it flags ${fpr} of ${negatives} (the false positive rate); the evaluation set has no ${positives}, so the miss rate is unknown.`;
  if (fnr !== null) return `In rates: it misses ${fnr} of ${positives} (the false negative rate); the evaluation set has no ${negatives}, so the false alarm rate is unknown.`;
  return `The evaluation set has no labelled ${v.itemPlural}, so the model's error rates are unknown.`;
}

/** Says that the volume is a guess when it is the file's row count (no timestamps, nothing entered). */
function volumeGuessSentence(s: ResolvedSettings): string[] {
  if (s.volumeSource !== "rows") return [];
  const shown = formatAverage(s.volume);
  return [`These numbers are a guess until the real volume is entered: the file has no timestamps, so its ${shown} ${isOne(shown) ? s.vocabulary.itemSingular : s.vocabulary.itemPlural} are counted as one ${s.period}.`];
}

/** The capacity and cost sentences, only for the settings the user filled in. */
function extraSentences(daily: DailyCounts, s: ResolvedSettings): string[] {
  const out: string[] = [];
  const v = s.vocabulary;
  if (s.reviewCapacity !== null && daily.flagged !== null) {
    const shown = formatAverage(daily.flagged);
    const flagged = `That is ${shown} flagged ${isOne(shown) ? v.itemSingular : v.itemPlural} a day`;
    const over = daily.flagged - s.reviewCapacity;
    out.push(
      over > 1e-9
        ? `${flagged}, ${formatAverage(over)} more than the review capacity of ${formatAverage(s.reviewCapacity)} a day.`
        : `${flagged}, within the review capacity of ${formatAverage(s.reviewCapacity)} a day.`,
    );
  }
  const cost = expectedCost(daily, s.costs);
  if (hasCosts(s.costs) && cost !== null) {
    const perPeriod = cost * PERIOD_DAYS[s.period];
    out.push(
      perPeriod < 0
        ? `The expected net benefit is ${formatMoney(-perPeriod, s.costs.currency)} a ${s.period}.`
        : `The expected cost is ${formatMoney(perPeriod, s.costs.currency)} a ${s.period}.`,
    );
  }
  return out;
}

/**
 * What a threshold means, in words, daily counts first, e.g. for the demo at 0.5 with 8,280
 * transactions a day: "Every day an average of 200 valid transactions will be flagged as fraudulent
 * and sent for manual review, and an average of 14 fraudulent transactions will be missed." / "An
 * average of 266 fraudulent transactions will be correctly caught." Then, when they apply: that the
 * volume is a guess (no timestamps, none entered), the capacity and cost sentences; last the rates
 * ("In rates: it misses 5% of fraudulent transactions and flags 2.5% of valid ones (the false negative and false positive rates).").
 */
export function describeThreshold(counts: OutcomeCounts, s: ResolvedSettings): string[] {
  const v = s.vocabulary;
  const daily = dailyCounts(counts, s);
  const falseAlarms = averagePhrase(daily.falsePositives, v.negative, v, s.period);
  const missed = averagePhrase(daily.falseNegatives, v.positive, v, s.period);
  const caught = averagePhrase(daily.truePositives, v.positive, v, s.period);
  return [
    `Every ${s.period} ${falseAlarms} will be ${v.flaggedAction}, and ${missed} will be missed.`,
    `${capitalize(caught)} will be correctly caught.`,
    ...volumeGuessSentence(s),
    ...extraSentences(daily, s),
    ratesSentence(counts, v),
  ];
}

function changePhrase(delta: number | null, verb: string, what: string, one: string): string {
  if (delta === null) return `${verb} an unknown number of ${what}`;
  const shown = formatAverage(Math.abs(delta));
  if (shown === "0") return `${verb} the same number of ${what}`;
  return `${verb} about ${shown} ${delta > 0 ? "more" : "fewer"} ${isOne(shown) ? one : what}`;
}

const difference = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

/**
 * The trade-off of moving the threshold, e.g. "Moving the threshold from 0.50 to 0.40 flags about
 * 120 more valid transactions a day and catches about 6 more fraudulent ones."
 */
export function describeTradeOff(from: OutcomeCounts & { threshold: number }, to: OutcomeCounts & { threshold: number }, s: ResolvedSettings): string {
  const v = s.vocabulary;
  const days = PERIOD_DAYS[s.period];
  const a = dailyCounts(from, s);
  const b = dailyCounts(to, s);
  const move = `Moving the threshold from ${formatThreshold(from.threshold)} to ${formatThreshold(to.threshold)}`;
  if (from.tp === to.tp && from.fp === to.fp) return `${move} changes nothing: no ${v.itemSingular} of the evaluation set scores between them.`;
  const dFp = difference(a.falsePositives, b.falsePositives);
  const dTp = difference(a.truePositives, b.truePositives);
  const flags = changePhrase(dFp === null ? null : dFp * days, "flags", `${v.negative} ${v.itemPlural}`, `${v.negative} ${v.itemSingular}`);
  const catches = changePhrase(dTp === null ? null : dTp * days, "catches", `${v.positive} ones`, `${v.positive} one`);
  return `${move} ${flags} a ${s.period} and ${catches}.`;
}
