import { describe, expect, test } from "vitest";
import { DAY_MS, monitoringReport, weeklyReport } from "@/lib/monitoring";
import { fraudVocabulary, settingsOf } from "./story-fixtures";
import { periodOf } from "./monitoring-fixtures";

const MONDAY = Date.parse("2026-10-12T00:00:00Z");
const settings = settingsOf({ vocabulary: fraudVocabulary, costs: { falsePositive: 5, falseNegative: 250 } });

// The demo's evaluation set over 2 days (8,280 transactions a day): at 0.5, 400 of 16,560 rows
// are false alarms and 28 are missed.
const reference = periodOf([[0.2, 16, 15360], [0.45, 12, 240], [0.7, 532, 400]]);
// A week of 57,960 transactions (8,280 a day), 54,400 labelled; 3,560 have no label yet.
const week = periodOf([[0.2, 112, 46000, 3000], [0.45, 84, 1680], [0.7, 3724, 2800, 560]], MONDAY);
const report = (tables = [week]) => monitoringReport(tables, reference, { period: "week", threshold: 0.5, settings, referenceDays: 2 });

describe("weeklyReport", () => {
  test("the week against the reference, in sentences", () => {
    const r = weeklyReport(report(), settings);
    expect(r.sentences).toEqual([
      "The week of 12 Oct 2026 to 18 Oct 2026.",
      // 54,400 / 57,960 = 93.9% labelled.
      "57,960 transactions came in, 8,280 a day (the reference: 8,280 a day); 93.9% of them have a label so far.",
      // 7,084 / 57,960 = 12.2% against 932 / 16,560 = 5.6%.
      "At 0.50, 12.2% were flagged (the reference: 5.6%).",
      // 2,800 / 54,400 × 8,280 = 426 a day, Wilson ≈ [0.04965, 0.05336] × 8,280; 196 / 54,400 × 8,280 = 29.8,
      // Wilson ≈ [0.00313, 0.00414] × 8,280. The reference's shares at this volume: 400 / 16,560 × 8,280 = 200, 28 / 16,560 × 8,280 = 14.
      "Every day an average of 426 (411–442) valid transactions were flagged as fraudulent and sent for manual review, and 30 (26–34) fraudulent transactions were missed; at the reference's rates it would have been 200 and 14.",
      // Precision 3,724 / 6,524 = 57.1%, Wilson ≈ 55.9%–58.3%; recall 3,724 / 3,920 = 95%, Wilson ≈ 94.3%–95.6%.
      "57.1% (55.9%–58.3%) of the flagged transactions with a label were fraudulent, and 95% (94.3%–95.6%) of the fraudulent ones were caught (the reference: 57.1% and 95%).",
      // D at 0.2: 15,376 / 16,560 − 49,112 / 57,960 = 0.0812. All 9 edges are 0.2 (92.9% of the
      // reference scores 0.2), so PSI has two bins: 0.0812 · ln(0.9285 / 0.8473) + 0.0812 · ln(0.1527 / 0.0715) = 0.069.
      "The scores have drifted from the reference's (KS 0.081, p < 0.001; PSI 0.069): time to check the model.",
      // 426.18 × $5 + 29.83 × $250 = $9,589 a day.
      "The expected cost was $9,589 a day, $67,123 for the week.",
    ]);
    expect(r).toMatchObject({ start: "2026-10-12T00:00:00.000Z", lastDay: "2026-10-18T00:00:00.000Z", threshold: 0.5, expectedAtReference: { falseAlarmsPerDay: 200, missesPerDay: 14 } });
  });

  test("a week that matches the reference and has no labels yet", () => {
    const unlabeled = periodOf([[0.2, 0, 0, 15376 * 3], [0.45, 0, 0, 252 * 3], [0.7, 0, 0, 932 * 3]], MONDAY);
    const r = weeklyReport(report([unlabeled]), settingsOf({ vocabulary: fraudVocabulary }));
    expect(r.sentences.slice(1)).toEqual([
      "49,680 transactions came in, 7,097 a day (the reference: 8,280 a day); 0% of them have a label so far.",
      "At 0.50, 5.6% were flagged (the reference: 5.6%).",
      "None of the week's transactions has a label yet, so its false alarms and misses are unknown.",
      "The scores are in line with the reference's (KS 0, p = 1; PSI 0).",
    ]);
  });

  test("picks a week by its start; refuses a day report or an unknown week", () => {
    const two = report([periodOf([[0.5, 1, 1]], MONDAY - 7 * DAY_MS), week]);
    expect(weeklyReport(two, settings, "2026-10-05T00:00:00.000Z").week.rows).toBe(2);
    expect(weeklyReport(two, settings).week.rows).toBe(57960);
    expect(() => weeklyReport(two, settings, "2026-10-06T00:00:00.000Z")).toThrow("no week starts at 2026-10-06T00:00:00.000Z");
    const byDay = monitoringReport([week], reference, { period: "day", threshold: 0.5, settings });
    expect(() => weeklyReport(byDay, settings)).toThrow("a weekly report needs a monitoring report by week");
  });
});
