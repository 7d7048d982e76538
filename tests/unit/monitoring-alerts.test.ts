import { describe, expect, test } from "vitest";
import { alertRulesSchema, DAY_MS, evaluateAlerts, monitoringReport, type AlertRule, type PeriodTable } from "@/lib/monitoring";
import { fraudVocabulary, settingsOf } from "./story-fixtures";
import { periodOf } from "./monitoring-fixtures";

const MONDAY = Date.parse("2026-10-05T00:00:00Z");
const settings = settingsOf({ vocabulary: fraudVocabulary });
const context = { period: "day" as const, vocabulary: settings.vocabulary };

/** Four days at threshold 0.5; day 0 is also the reference. */
function days(lateLabels = 0): PeriodTable[] {
  return [
    // Steady: 12 missed, 100 false alarms, 300 of 7,343 flagged (4.1%).
    periodOf([[0.3, 10, 7000], [0.47, 2, 31], [0.8, 200, 100]], MONDAY),
    // 42 missed, all labelled.
    periodOf([[0.3, 40, 7000], [0.47, 2, 31], [0.8, 200, 100]], MONDAY + DAY_MS),
    // 800 of 7,800 labelled (10.3%): 100 false alarms among them → 100 / 800 × 7,800 = 975 a day;
    // 800 of 7,800 flagged (10.3%).
    periodOf([[0.3, 0, 500 + lateLabels, 6500 - lateLabels], [0.8, 200, 100, 500]], MONDAY + 2 * DAY_MS),
    // The valid scores drift from 0.3 to 0.33: nothing else changes.
    periodOf([[0.33, 10, 7000], [0.47, 2, 31], [0.8, 200, 100]], MONDAY + 3 * DAY_MS),
  ];
}
const periodsOf = (tables: PeriodTable[]) => monitoringReport(tables, tables[0], { period: "day", threshold: 0.5, settings }).periods;

const rules: AlertRule[] = alertRulesSchema.parse([
  { kind: "misses", perDayAbove: 20 },
  { kind: "falseAlarms", perDayAbove: 150 },
  { kind: "flagRate", min: 0.01, max: 0.05 },
  { kind: "drift" },
  { kind: "labeled", shareBelow: 0.5, afterDays: 2 },
]);
const NOW = Date.parse("2026-10-10T00:00:00Z"); // day 2 ended on 8 Oct: 2 days ago

describe("evaluateAlerts", () => {
  const alerts = evaluateAlerts(rules, periodsOf(days()), NOW, context);

  test("each broken rule in each period, with a stable id and a sentence in the dataset's words", () => {
    expect(alerts.map((a) => [a.id, a.message])).toEqual([
      // Wilson(42, 7,373) ≈ [0.00422, 0.00769] × 7,373.
      ["misses>20:day:2026-10-06T00:00:00.000Z", "An average of 42 (31–57) fraudulent transactions a day were missed on 6 Oct 2026, above the limit of 20."],
      // Wilson(100, 800) ≈ [0.1037, 0.1499] × 7,800.
      ["falseAlarms>150:day:2026-10-07T00:00:00.000Z", "An average of 975 (810–1,168) valid transactions a day were flagged as fraudulent and sent for manual review on 7 Oct 2026, above the limit of 150."],
      ["flagRate<0.01>0.05:day:2026-10-07T00:00:00.000Z", "10.3% of transactions were flagged on 7 Oct 2026, outside the expected 1%–5%."],
      // Day 2 drifted too: at 0.47, F = 7,043 / 7,343 in the reference and 7,000 / 7,800 in the day. PSI: all
      // edges are 0.3, so two bins: 0.0572 · ln(0.9547 / 0.8974) + 0.0572 · ln(0.1026 / 0.0453) = 0.050.
      ["drift:day:2026-10-07T00:00:00.000Z", "The scores drifted from the reference on 7 Oct 2026 (KS 0.062, p < 0.001; PSI 0.05)."],
      ["labeled<0.5@2d:day:2026-10-07T00:00:00.000Z", "Only 10.3% of the transactions of 7 Oct 2026 have a label 2 days after it ended, below 50%."],
      // 7,010 of 7,343 rows at 0.3 in the reference, none in the day: D = 0.955; PSI: the day's bin 0
      // is empty (floored at 0.0001): 0.9546 · ln(0.9547 / 0.0001) + 0.9547 · ln(1 / 0.0453) = 11.7.
      ["drift:day:2026-10-08T00:00:00.000Z", "The scores drifted from the reference on 8 Oct 2026 (KS 0.95, p < 0.001; PSI 12)."],
    ]);
  });

  test("the values the rule looked at come with the alert", () => {
    expect(alerts[0]).toMatchObject({ kind: "misses", period: "day", start: "2026-10-06T00:00:00.000Z", values: { perDay: 42, limit: 20 } });
    expect(alerts[alerts.length - 1].values.ks).toBeCloseTo(7010 / 7343, 12);
    expect(alerts[alerts.length - 1].values.psi).toBeCloseTo((7010 / 7343 - 0.0001) * Math.log(7010 / 7343 / 0.0001) + (1 - 333 / 7343) * Math.log(7343 / 333), 12);
  });

  test("late labels change the values and the message, not the id (a webhook is not sent twice)", () => {
    const later = evaluateAlerts(rules, periodsOf(days(2000)), NOW, context);
    const before = alerts.find((a) => a.kind === "falseAlarms")!;
    const after = later.find((a) => a.kind === "falseAlarms")!;
    expect(after.id).toBe(before.id);
    expect(after.values.perDay).not.toBe(before.values.perDay);
  });

  test("share labelled waits D days after the period ended", () => {
    const early = evaluateAlerts(rules, periodsOf(days()), NOW - 1, context);
    expect(early.some((a) => a.kind === "labeled")).toBe(false);
  });

  test.each([
    [{ kind: "flagRate", min: 0.2, max: null }, "below the expected minimum of 20%"],
    [{ kind: "flagRate", min: null, max: 0.08 }, "above the expected maximum of 8%"],
  ] as const)("flag rate bounds: %o", (rule, phrase) => {
    const found = evaluateAlerts([rule], periodsOf(days()), NOW, context);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((a) => a.message.includes(phrase))).toBe(true);
  });

  test("no rules, no periods: no alerts", () => {
    expect(evaluateAlerts([], periodsOf(days()), NOW, context)).toEqual([]);
    expect(evaluateAlerts(rules, [], NOW, context)).toEqual([]);
  });
});

describe("alertRulesSchema", () => {
  test.each([
    [[{ kind: "flagRate", min: null, max: null }], "a flag rate rule needs a lowest or a highest rate"],
    [[{ kind: "flagRate", min: 0.5, max: 0.1 }], "the lowest flag rate must not be above the highest"],
    [[{ kind: "misses", perDayAbove: -1 }], "misses a day must be 0 or more"],
    [[{ kind: "labeled", shareBelow: 1.5, afterDays: 3 }], "labelled share must be between 0 and 1"],
    [[{ kind: "drift", extra: 1 }], "Unrecognized key"],
    [[{ kind: "volume" }], "Invalid discriminator value"],
  ])("refuses %j", (value, message) => {
    const parsed = alertRulesSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message).join("; ")).toContain(message);
  });
});
