import { describe, expect, test } from "vitest";
import { countsAtAll, DAY_MS, mergeTables, monitoringAt, monitoringReport, prepareMonitoring, type PeriodTable } from "@/lib/monitoring";
import { fraudVocabulary, settingsOf } from "./story-fixtures";
import { periodOf } from "./monitoring-fixtures";

const MONDAY = Date.parse("2026-10-05T00:00:00Z");
const settings = settingsOf({ vocabulary: fraudVocabulary, costs: { falsePositive: 5, falseNegative: 250 } });

/**
 * 28 days from Monday 5 Oct 2026, all labelled. Each day: 7,000 valid and 10 fraudulent at 0.3
 * (`low` from day 14 on: the valid ones drift there), 31 valid and 2 fraudulent at 0.47 (3 on the
 * first three days: 59 in all), 100 valid and 200 fraudulent at 0.8.
 */
function days(low = 0.3): PeriodTable[] {
  return Array.from({ length: 28 }, (_, d) =>
    periodOf(
      [
        [d >= 14 ? low : 0.3, 10, 7000],
        [0.47, d < 3 ? 3 : 2, 31],
        [0.8, 200, 100],
      ],
      MONDAY + d * DAY_MS,
    ),
  );
}

describe("monitoringReport", () => {
  const steady = days();
  const reference = mergeTables(steady.slice(0, 14)); // the first 14 days
  const report = monitoringReport(steady, reference, { period: "day", threshold: 0.5, settings, referenceDays: 14 });

  test("one period a day, oldest first, with counts at the threshold (flagged = score >= 0.5)", () => {
    expect(report.periods.length).toBe(28);
    expect(report.periods[0]).toMatchObject({
      start: "2026-10-05T00:00:00.000Z",
      days: 1,
      rows: 7344,
      labeled: 7344,
      positives: 213,
      negatives: 7131,
      flagged: 300,
      tp: 200,
      fp: 100,
      fn: 13,
      tn: 7031,
      falseAlarmsPerDay: 100,
      missesPerDay: 13,
      costPerDay: 100 * 5 + 13 * 250,
    });
    expect(report.periods[27]).toMatchObject({ start: "2026-11-01T00:00:00.000Z", rows: 7343, fn: 12 });
  });

  test("the reference at the threshold: the 14 days' counts, rows a day", () => {
    expect(report.reference).toMatchObject({ rows: 14 * 7343 + 3, flagged: 14 * 300, fp: 1400, fn: 14 * 12 + 3, rowsPerDay: (14 * 7343 + 3) / 14 });
    expect(report.reference.edges).toEqual(Array(9).fill(0.3));
  });

  test("no drift in a steady stream; the valid scores moving from 0.3 to 0.33 on day 14 is drift", () => {
    expect(report.periods.every((p) => !p.drift && (p.ks as number) < 0.001)).toBe(true);
    const drifting = monitoringReport(days(0.33), reference, { period: "day", threshold: 0.5, settings });
    expect(drifting.periods.map((p) => p.drift)).toEqual([...Array(14).fill(false), ...Array(14).fill(true)]);
    // From day 14 all 7,010 rows at 0.3 are at 0.33 instead: F(0.3) = 7,010/7,343 in the reference, 0 in the day.
    expect(drifting.periods[20].ks).toBeCloseTo((14 * 7010) / (14 * 7343 + 3), 12);
  });

  test("a new threshold reuses the prepared KS and PSI and gives the same answer as a fresh report", () => {
    const prepared = prepareMonitoring(steady, reference, { period: "day", referenceDays: 14 });
    const again = monitoringAt(prepared, { threshold: 0.45, settings });
    expect(again).toEqual(monitoringReport(steady, reference, { period: "day", threshold: 0.45, settings, referenceDays: 14 }));
    expect(again.periods[0].ks).toBe(prepared.drift[0].ks);
    expect(countsAtAll(prepared.periods, 0.45)[0]).toMatchObject({ flagged: 334, fp: 131, fn: 10 });
  });

  test("by week: days merge into 4 ISO weeks", () => {
    const weekly = monitoringReport(steady, reference, { period: "week", threshold: 0.5, settings });
    expect(weekly.periods.map((p) => [p.start, p.days, p.rows])).toEqual([
      ["2026-10-05T00:00:00.000Z", 7, 7 * 7343 + 3],
      ["2026-10-12T00:00:00.000Z", 7, 7 * 7343],
      ["2026-10-19T00:00:00.000Z", 7, 7 * 7343],
      ["2026-10-26T00:00:00.000Z", 7, 7 * 7343],
    ]);
    expect(weekly.periods[1].falseAlarmsPerDay).toBe(100);
  });
});

describe("replay against the threshold in production", () => {
  const steady = days();
  const reference = mergeTables(steady);
  const replayAt = (threshold: number, extra: object = {}) =>
    monitoringReport(steady, reference, { period: "week", threshold, settings, deployedThreshold: 0.5, ...extra }).replay;

  test("the issue's sentence: 31 more valid flagged a day and 59 / 28 = 2.1 fewer fraudulent missed", () => {
    const replay = replayAt(0.45)!;
    expect(replay.sentence).toBe("With 0.45 instead of 0.50 over the last 4 weeks: about 31 more valid transactions flagged a day and 2.1 fewer fraudulent ones missed.");
    expect(replay.candidate.falseAlarms! - replay.deployed.falseAlarms!).toBeCloseTo(31, 9);
    expect(replay.deployed.misses! - replay.candidate.misses!).toBeCloseTo(59 / 28, 9);
  });

  test("over the last 7 days only: 2 fewer missed (no 3-fraud day in the window)", () => {
    const replay = monitoringReport(steady, reference, { period: "day", threshold: 0.45, settings, deployedThreshold: 0.5, replayPeriods: 7 }).replay!;
    expect(replay.sentence).toBe("With 0.45 instead of 0.50 over the last 7 days: about 31 more valid transactions flagged a day and 2 fewer fraudulent ones missed.");
  });

  test.each([
    [0.6, "With 0.60 instead of 0.50 over the last 4 weeks: the same transactions would have been flagged."],
    [0.5, "0.50 is the threshold in production."],
    [0.2, "With 0.20 instead of 0.50 over the last 4 weeks: about 7,031 more valid transactions flagged a day and 12 fewer fraudulent ones missed."],
  ])("at %s", (threshold, sentence) => expect(replayAt(threshold)!.sentence).toBe(sentence));

  test("no deployed threshold, no replay", () => {
    expect(monitoringReport(steady, reference, { period: "week", threshold: 0.45, settings }).replay).toBeNull();
  });

  test("without labels only the flagged rows can be compared", () => {
    const unlabeled = steady.map((t) => ({ ...t, unlabeled: t.positives.map((p, i) => p + t.negatives[i]), positives: new Float64Array(3), negatives: new Float64Array(3) }));
    const replay = monitoringReport(unlabeled, reference, { period: "week", threshold: 0.45, settings, deployedThreshold: 0.5 }).replay!;
    expect(replay.sentence).toBe("With 0.45 instead of 0.50 over the last 4 weeks: about 33 more transactions flagged a day; none has a label yet, so how many are fraudulent is unknown.");
  });

  test("one more, singular", () => {
    const one = [periodOf([[0.47, 0, 1], [0.9, 5, 5]], MONDAY)];
    const replay = monitoringReport(one, one[0], { period: "day", threshold: 0.45, settings, deployedThreshold: 0.5 }).replay!;
    expect(replay.sentence).toBe("With 0.45 instead of 0.50 over the last day: about 1 more valid transaction flagged a day and the same number of fraudulent ones missed.");
  });
});
