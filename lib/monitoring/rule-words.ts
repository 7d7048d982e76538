import { formatAverage, formatRate } from "../format";
import type { Vocabulary } from "../story/settings";
import type { AlertRule } from "./alerts";

/** What an alert rule watches, in the dataset's words: "more than 10 fraudulent transactions missed a day". */
export function ruleWords(rule: AlertRule, v: Vocabulary): string {
  switch (rule.kind) {
    case "misses":
      return `more than ${formatAverage(rule.perDayAbove)} ${v.positive} ${v.itemPlural} missed a day`;
    case "falseAlarms":
      return `more than ${formatAverage(rule.perDayAbove)} ${v.negative} ${v.itemPlural} flagged a day`;
    case "flagRate":
      if (rule.min !== null && rule.max !== null) return `a flag rate outside ${formatRate(rule.min)}–${formatRate(rule.max)}`;
      return rule.min !== null ? `a flag rate below ${formatRate(rule.min)}` : `a flag rate above ${formatRate(rule.max as number)}`;
    case "drift":
      return "scores that drifted from the reference";
    case "labeled":
      return `less than ${formatRate(rule.shareBelow)} of a day's ${v.itemPlural} labelled ${rule.afterDays} ${rule.afterDays === 1 ? "day" : "days"} after it`;
  }
}

/** The kinds of rule, as the form offers them. */
export const RULE_KINDS: { kind: AlertRule["kind"]; label: string }[] = [
  { kind: "misses", label: "Misses a day above" },
  { kind: "falseAlarms", label: "False alarms a day above" },
  { kind: "flagRate", label: "Flag rate outside a range" },
  { kind: "drift", label: "Scores drifted" },
  { kind: "labeled", label: "Share labelled too low after some days" },
];
