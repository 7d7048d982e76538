import { z } from "zod";
import { formatAverage, formatRate } from "../format";
import type { Vocabulary } from "../story/settings";
import { DAY_MS, PERIOD_LENGTH_DAYS } from "./periods";
import type { MonitoringPeriod } from "./report";
import { countWithRange, driftFigures, formatDay, itemsOf, periodPhrase, were } from "./sentences";
import type { PeriodKind } from "./types";

const perDay = (what: string) => z.number({ error: `${what} must be a number` }).finite().min(0, `${what} must be 0 or more`);
const share = (what: string) => z.number({ error: `${what} must be a number` }).min(0, `${what} must be between 0 and 1`).max(1, `${what} must be between 0 and 1`);

/**
 * One alert rule of a dataset (saved in its settings). Every rule is checked against each period at
 * the threshold in production:
 * - `misses` / `falseAlarms`: the period's estimate a day (see `periodEstimates`) above `perDayAbove`;
 * - `flagRate`: the share of rows flagged below `min` or above `max` (either may be null);
 * - `drift`: the period's scores drifted from the reference (the drift rule of `DriftRule`);
 * - `labeled`: less than `shareBelow` of the period's rows have a label `afterDays` days after it ended.
 */
export const alertRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("misses"), perDayAbove: perDay("misses a day") }).strict(),
  z.object({ kind: z.literal("falseAlarms"), perDayAbove: perDay("false alarms a day") }).strict(),
  z
    .object({ kind: z.literal("flagRate"), min: share("lowest flag rate").nullable(), max: share("highest flag rate").nullable() })
    .strict()
    .refine((r) => r.min !== null || r.max !== null, "a flag rate rule needs a lowest or a highest rate")
    .refine((r) => r.min === null || r.max === null || r.min <= r.max, "the lowest flag rate must not be above the highest"),
  z.object({ kind: z.literal("drift") }).strict(),
  z
    .object({ kind: z.literal("labeled"), shareBelow: share("labelled share"), afterDays: z.number().int("days must be a whole number").min(0).max(365) })
    .strict(),
]);
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const alertRulesSchema = z.array(alertRuleSchema).max(50, "at most 50 alert rules");

/** One rule broken in one period. */
export interface Alert {
  /**
   * Stable for the same rule and period ("misses>10:day:2026-10-15T00:00:00.000Z"): the values may
   * change as labels arrive, the id does not, so a webhook is sent once per id.
   */
  id: string;
  kind: AlertRule["kind"];
  rule: AlertRule;
  period: PeriodKind;
  /** ISO instant of the period's start. */
  start: string;
  /** One sentence in the dataset's words. */
  message: string;
  /** The figures the rule looked at. */
  values: Record<string, number | [number, number] | null>;
}

/** The rule's part of the alert id: its kind and limits. */
export function ruleKey(r: AlertRule): string {
  switch (r.kind) {
    case "misses":
    case "falseAlarms":
      return `${r.kind}>${r.perDayAbove}`;
    case "flagRate":
      return ["flagRate", r.min === null ? "" : `<${r.min}`, r.max === null ? "" : `>${r.max}`].join("");
    case "drift":
      return "drift";
    case "labeled":
      return `labeled<${r.shareBelow}@${r.afterDays}d`;
  }
}

interface Context {
  period: PeriodKind;
  vocabulary: Vocabulary;
  now: number;
}

/** The message and values when `rule` is broken in period `p`, else null. */
function check(rule: AlertRule, p: MonitoringPeriod, c: Context): Pick<Alert, "message" | "values"> | null {
  const v = c.vocabulary;
  const when = periodPhrase(p.start, c.period);
  switch (rule.kind) {
    case "misses":
    case "falseAlarms": {
      const misses = rule.kind === "misses";
      const [value, range] = misses ? [p.missesPerDay, p.missesPerDayRange] : [p.falseAlarmsPerDay, p.falseAlarmsPerDayRange];
      if (value === null || value <= rule.perDayAbove) return null;
      const shown = countWithRange(value, range);
      const items = itemsOf(misses ? v.positive : v.negative, formatAverage(value), v);
      const what = misses ? `${items} a day ${were(formatAverage(value))} missed` : `${items} a day ${were(formatAverage(value))} ${v.flaggedAction}`;
      return {
        message: `An average of ${shown} ${what} ${when}, above the limit of ${formatAverage(rule.perDayAbove)}.`,
        values: { perDay: value, range, limit: rule.perDayAbove },
      };
    }
    case "flagRate": {
      const rate = p.flagRate;
      if (rate === null) return null;
      const low = rule.min !== null && rate < rule.min;
      const high = rule.max !== null && rate > rule.max;
      if (!low && !high) return null;
      const bound =
        rule.min !== null && rule.max !== null
          ? `outside the expected ${formatRate(rule.min)}–${formatRate(rule.max)}`
          : low
            ? `below the expected minimum of ${formatRate(rule.min as number)}`
            : `above the expected maximum of ${formatRate(rule.max as number)}`;
      return { message: `${formatRate(rate)} of ${v.itemPlural} were flagged ${when}, ${bound}.`, values: { flagRate: rate, min: rule.min, max: rule.max } };
    }
    case "drift":
      if (!p.drift) return null;
      return {
        message: `The scores drifted from the reference ${when} ${driftFigures(p)}.`,
        values: { ks: p.ks, ksPValue: p.ksPValue, psi: p.psi },
      };
    case "labeled": {
      const end = Date.parse(p.start) + PERIOD_LENGTH_DAYS[c.period] * DAY_MS;
      if (p.labeledShare === null || c.now < end + rule.afterDays * DAY_MS || p.labeledShare >= rule.shareBelow) return null;
      const of = c.period === "day" ? formatDay(p.start) : `the week of ${formatDay(p.start)}`;
      return {
        message: `Only ${formatRate(p.labeledShare)} of the ${v.itemPlural} of ${of} have a label ${rule.afterDays} days after it ended, below ${formatRate(rule.shareBelow)}.`,
        values: { labeledShare: p.labeledShare, limit: rule.shareBelow, afterDays: rule.afterDays },
      };
    }
  }
}

/**
 * Every rule broken in every period, oldest period first. Pure: `now` (epoch ms) only decides
 * whether a period is old enough for a `labeled` rule. Pass periods computed at the threshold in
 * production; the caller decides which periods to check (e.g. only the last few on an append) and
 * sends each new alert id once.
 */
export function evaluateAlerts(rules: readonly AlertRule[], periods: readonly MonitoringPeriod[], now: number, context: Omit<Context, "now">): Alert[] {
  const alerts: Alert[] = [];
  for (const p of periods) {
    for (const rule of rules) {
      const found = check(rule, p, { ...context, now });
      if (found) alerts.push({ id: `${ruleKey(rule)}:${context.period}:${p.start}`, kind: rule.kind, rule, period: context.period, start: p.start, ...found });
    }
  }
  return alerts;
}
