import { capitalize, formatAverage, formatWithRange } from "../format";
import { PERIOD_DAYS, type Period, type Vocabulary } from "../story/settings";
import type { AuditDailyCounts } from "./sentences";
import type { Figure } from "./types";

/** What a brief says from an audit (the page and the Markdown render the same thing). */
export interface BriefAudit {
  name: string;
  /** auditSentences at the brief's threshold. */
  sentences: string[];
  /** Label and "about 14 (6–31)" per outcome, per `period`. */
  rows: [string, string][];
  /** Why these figures are weighted, in one sentence. */
  note: string;
  /** The weighted positive share of the audited rows, e.g. "2.1% (1.5–2.9%)". */
  prevalence: string;
}

/** "14 (6–31)"; "unknown (up to 31)" without an estimate. */
export const figureWithRange = (f: Figure) => (f.estimate === null ? `unknown (up to ${formatAverage(f.upper)})` : formatWithRange(f.estimate, [f.lower, f.upper]));

const perPeriod = (f: Figure, days: number): Figure => ({ estimate: f.estimate === null ? null : f.estimate * days, lower: f.lower * days, upper: f.upper * days });

/** The outcome rows of an audit's counts a day, per period, in the dataset's words. */
export function auditDailyRows(daily: AuditDailyCounts, v: Vocabulary, period: Period): [string, string][] {
  const days = PERIOD_DAYS[period];
  return [
    [`All flagged (${v.flaggedAction})`, figureWithRange(perPeriod(daily.flagged, days))],
    [capitalize(`${v.negative} ${v.itemPlural} flagged (false alarms)`), figureWithRange(perPeriod(daily.falsePositives, days))],
    [capitalize(`${v.positive} ${v.itemPlural} caught`), figureWithRange(perPeriod(daily.truePositives, days))],
    [capitalize(`${v.positive} ${v.itemPlural} missed`), figureWithRange(perPeriod(daily.falseNegatives, days))],
  ];
}

/** The note of a brief whose dataset's labels come from an audit. */
export function auditBriefNote(name: string, labeled: number, v: Vocabulary): string {
  return `These figures come from the audit “${name}” (${labeled.toLocaleString("en-US")} labelled ${labeled === 1 ? v.itemSingular : v.itemPlural}), a weighted sample; the matrix of the labelled ${v.itemPlural} counts them as they are, which is not the mix of ${v.itemPlural} the model sees.`;
}
