import { expect, test } from "vitest";
import { fraudDemoCsvLines, generateFraudDemo } from "@/lib/demo/fraud-demo";
import { buildScoreTable, confusionAt, cumulate, ratesOf } from "@/lib/metrics";

test("the demo set has the stakeholder example's exact numbers at threshold 0.5", () => {
  const rows = [...generateFraudDemo()];
  expect(rows).toHaveLength(16_560);
  const table = cumulate(buildScoreTable(rows.map((r) => r.fraudProbability), rows.map((r) => r.isFraud)));
  const m = confusionAt(table, 0.5);
  expect(m).toEqual({ threshold: 0.5, tp: 532, fp: 400, tn: 15_600, fn: 28 });
  const rates = ratesOf(m);
  expect(rates.fnr).toBe(0.05);
  expect(rates.fpr).toBe(0.025);
  // Per day: 8,280 transactions of which 280 fraudulent.
  const firstDay = rows.filter((r) => r.timestamp < Date.parse("2026-11-03T00:00:00Z"));
  expect(firstDay).toHaveLength(8280);
  expect(firstDay.filter((r) => r.isFraud).length).toBe(280);
});

test("the demo is deterministic", () => {
  const a = [...fraudDemoCsvLines({ days: 1, perDay: 500, fraudPerDay: 20, missedPerDay: 1, falseAlarmsPerDay: 12 })];
  const b = [...fraudDemoCsvLines({ days: 1, perDay: 500, fraudPerDay: 20, missedPerDay: 1, falseAlarmsPerDay: 12 })];
  expect(a).toEqual(b);
  expect(a[0]).toBe("transaction_id,timestamp,amount,merchant_category,country,is_fraud,fraud_probability\n");
  expect(a).toHaveLength(501);
});
