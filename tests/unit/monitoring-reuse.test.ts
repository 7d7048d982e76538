import { describe, expect, test } from "vitest";
import { DAY_MS, mergeTables, planPreparation, prepareMonitoring, prepareMonitoringReusing, preparePeriods, splitJobs, type PeriodTable } from "@/lib/monitoring";
import { fourDecimalSampler, seededRandom } from "./monitoring-fixtures";

const WEDNESDAY = Date.parse("2026-10-07T00:00:00Z");

/** 20 days from a Wednesday with a missing day (day 9), the last one cut short. */
function stream(seed: number): PeriodTable[] {
  const random = seededRandom(seed);
  const sample = fourDecimalSampler(0);
  const shifted = fourDecimalSampler(0.03);
  return Array.from({ length: 20 }, (_, d) => d)
    .filter((d) => d !== 9)
    .map((d) => ({ ...(d >= 12 ? shifted : sample)(300 + 20 * d, random, WEDNESDAY + d * DAY_MS), ...(d === 19 ? { days: 0.5 } : {}) }));
}

describe("a preparation reusing the last one's unchanged periods", () => {
  const days = stream(4);
  const reference = mergeTables(days.slice(0, 7), 0);
  test.each(["day", "week"] as const)("equals prepareMonitoring, by %s, with and without a memo", (period) => {
    const o = { period, span: { from: WEDNESDAY, now: WEDNESDAY + 19.5 * DAY_MS }, referenceDays: 7 };
    const expected = prepareMonitoring(days, reference, o);
    const first = prepareMonitoringReusing(days, reference, o);
    expect(first.prepared).toEqual(expected);
    expect(prepareMonitoringReusing(days, reference, o, first.memo).prepared).toEqual(expected);
  });

  test("a changed day is prepared again; the others are the same objects, KS and PSI kept", () => {
    const o = { period: "day" as const };
    const first = prepareMonitoringReusing(days, reference, o);
    const changed = [...days.slice(0, -1), stream(5)[18]];
    const again = prepareMonitoringReusing(changed, reference, o, first.memo);
    expect(again.prepared).toEqual(prepareMonitoring(changed, reference, o));
    expect(again.prepared.periods.slice(0, -1).every((p, i) => p === first.prepared.periods[i])).toBe(true);
    expect(again.prepared.drift.slice(0, -1).every((d, i) => d === first.prepared.drift[i])).toBe(true);
    expect(again.prepared.periods.at(-1)).not.toBe(first.prepared.periods.at(-1));
  });

  test("another reference keeps the prepared periods but computes KS and PSI again", () => {
    const o = { period: "day" as const };
    const first = prepareMonitoringReusing(days, reference, o);
    const other = mergeTables(days.slice(10, 14), 0);
    const again = prepareMonitoringReusing(days, other, o, first.memo);
    expect(again.prepared).toEqual(prepareMonitoring(days, other, o));
    expect(again.prepared.periods.every((p, i) => p === first.prepared.periods[i])).toBe(true);
  });
});

test("jobs split in runs of about equal rows, prepared run by run, give the preparation of all of them", () => {
  const days = stream(9);
  const reference = mergeTables(days.slice(0, 7), 0);
  const o = { period: "day" as const };
  const { jobs } = planPreparation(days, reference, o);
  const all = preparePeriods(reference, null, jobs, o);
  for (const parts of [1, 2, 3, 4]) {
    const runs = splitJobs(jobs, parts);
    expect(runs.length).toBe(Math.min(parts, jobs.length));
    expect(runs.flat()).toEqual(jobs);
    const rows = runs.map((run) => run.reduce((sum, j) => sum + j.sources.reduce((s, t) => s + t.scores.length, 0), 0));
    // No run holds more than its share and one more period.
    expect(Math.max(...rows)).toBeLessThanOrEqual(rows.reduce((a, b) => a + b, 0) / parts + 700);
    const joined = runs.map((run) => preparePeriods(reference, null, run, o));
    expect({ reference: joined[0].reference, done: joined.flatMap((r) => r.done) }).toEqual(all);
  }
  expect(splitJobs([], 2)).toEqual([[]]);
});
