import { describe, expect, test } from "vitest";
import { confusionAt, cumulate } from "@/lib/metrics";
import { asScoreTable, coveredDays, groupPeriods, mergeTables, periodStart, periodTableOf } from "@/lib/monitoring";
import { periodOf } from "./monitoring-fixtures";
import { seededRandom } from "@/lib/demo/random";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("periodStart (UTC; ISO weeks start on Monday)", () => {
  test.each([
    ["2026-10-15T13:45:00Z", "day", "2026-10-15T00:00:00.000Z"],
    ["2026-10-15T13:45:00Z", "week", "2026-10-12T00:00:00.000Z"], // a Thursday → its Monday
    ["2026-10-12T00:00:00Z", "week", "2026-10-12T00:00:00.000Z"], // Monday 00:00 starts its own week
    ["2026-10-18T23:59:59.999Z", "week", "2026-10-12T00:00:00.000Z"], // the Sunday's last instant
    ["2026-10-19T00:00:00Z", "week", "2026-10-19T00:00:00.000Z"],
    ["2027-01-01T08:00:00Z", "week", "2026-12-28T00:00:00.000Z"], // ISO weeks cross the year
    ["1969-12-31T12:00:00Z", "day", "1969-12-31T00:00:00.000Z"], // before the epoch
    ["1969-12-31T12:00:00Z", "week", "1969-12-29T00:00:00.000Z"],
    ["2026-10-15T23:30:00+02:00", "day", "2026-10-15T00:00:00.000Z"], // 21:30 UTC
  ] as const)("%s by %s → %s", (instant, kind, start) => expect(iso(periodStart(at(instant), kind))).toBe(start));
});

describe("mergeTables", () => {
  test("adds the counts of shared scores and keeps the others, ascending", () => {
    const a = periodOf([[0.1, 1, 2, 0], [0.5, 0, 1, 3]], at("2026-10-13"));
    const b = periodOf([[0.2, 0, 1, 1], [0.5, 2, 0, 1], [0.9, 1, 0, 0]], at("2026-10-12"));
    const c = periodOf([[0.05, 0, 0, 1]], at("2026-10-14"));
    expect(mergeTables([a, b, c])).toEqual(periodOf([[0.05, 0, 0, 1], [0.1, 1, 2, 0], [0.2, 0, 1, 1], [0.5, 2, 1, 4], [0.9, 1, 0, 0]], at("2026-10-12")));
  });

  test.each([2, 3, 5, 6, 7, 14, 33])("%i tables with scores shared between them: the same as adding up every row's counts by score", (count) => {
    const random = seededRandom(count);
    const tables = Array.from({ length: count }, (_, t) => {
      const scores = [...new Set(Array.from({ length: Math.floor(random() * 200) + (t === 1 ? 0 : 1) }, () => Math.round(random() * 300) / 300))].sort((x, y) => x - y);
      return periodOf(scores.map((score) => [score, Math.floor(random() * 3), Math.floor(random() * 3), Math.floor(random() * 3)] as [number, number, number, number]), at("2026-10-12") + t * 86_400_000);
    });
    const sums = new Map<number, [number, number, number]>();
    for (const t of tables) t.scores.forEach((score, i) => {
      const old = sums.get(score) ?? [0, 0, 0];
      sums.set(score, [old[0] + t.positives[i], old[1] + t.negatives[i], old[2] + t.unlabeled[i]]);
    });
    const expected = [...sums.entries()].sort((x, y) => x[0] - y[0]);
    const merged = mergeTables(tables);
    expect(Array.from(merged.scores)).toEqual(expected.map((e) => e[0]));
    expect(Array.from(merged.positives)).toEqual(expected.map((e) => e[1][0]));
    expect(Array.from(merged.negatives)).toEqual(expected.map((e) => e[1][1]));
    expect(Array.from(merged.unlabeled)).toEqual(expected.map((e) => e[1][2]));
    expect(merged.start).toBe(at("2026-10-12"));
    // The tables given are left as they were.
    expect(tables[0].scores.length).toBeGreaterThan(0);
  });

  test("one table or none", () => {
    const a = { ...periodOf([[0.3, 1, 0, 0]], 5), days: 0.5 };
    expect(mergeTables([a])).toEqual(periodOf([[0.3, 1, 0, 0]], 5));
    expect(mergeTables([])).toEqual(periodOf([], 0));
  });
});

describe("groupPeriods", () => {
  const days = [
    periodOf([[0.2, 1, 0, 0]], at("2026-10-10")), // Saturday: week of 5 Oct
    periodOf([[0.2, 0, 1, 0]], at("2026-10-12")), // Monday
    periodOf([[0.4, 0, 0, 2]], at("2026-10-15")),
    periodOf([[0.2, 0, 0, 1]], at("2026-10-27")), // two weeks later
  ];

  test("days merge into ISO weeks; a week with no rows between two is kept, empty", () => {
    const weeks = groupPeriods(days, "week");
    expect(weeks.map((w) => iso(w.start))).toEqual(["2026-10-05T00:00:00.000Z", "2026-10-12T00:00:00.000Z", "2026-10-19T00:00:00.000Z", "2026-10-26T00:00:00.000Z"]);
    expect(weeks[1]).toEqual({ ...periodOf([[0.2, 0, 1, 0], [0.4, 0, 0, 2]], at("2026-10-12")), days: undefined });
    expect(weeks[2].scores.length).toBe(0);
  });

  test("by day, every day from the first to the last is there (18 days)", () => {
    const byDay = groupPeriods(days, "day");
    expect(byDay.length).toBe(18);
    expect(byDay.filter((d) => d.scores.length > 0).length).toBe(4);
  });

  test("the span clips the first week to the days with data and the running period to the time elapsed", () => {
    const weeks = groupPeriods(days, "week", { from: at("2026-10-10T09:00:00Z"), now: at("2026-10-28T12:00:00Z") });
    expect(weeks.map((w) => w.days)).toEqual([2, undefined, undefined, 2.5]);
    expect(coveredDays(at("2026-10-26"), "day", { now: at("2026-10-25") })).toBe(0);
  });

  test("a table of the period that covers less keeps its days; merged days do not carry theirs", () => {
    const today = { ...periodOf([[0.5, 0, 0, 1]], at("2026-10-15")), days: 0.25 };
    expect(groupPeriods([today], "day")[0].days).toBe(0.25);
    expect(groupPeriods([today], "week")[0].days).toBeUndefined();
  });

  test("nothing in, nothing out", () => expect(groupPeriods([], "week")).toEqual([]));
});

describe("compatibility with lib/metrics ScoreTable", () => {
  test("asScoreTable gives the labelled rows, whose confusion matrix lib/metrics computes", () => {
    const period = periodOf([[0.2, 1, 5, 3], [0.6, 2, 1, 7], [0.8, 4, 0, 0]]);
    const table = asScoreTable(period);
    expect(table.totalPositives).toBe(7);
    expect(table.totalNegatives).toBe(6);
    expect(confusionAt(cumulate(table), 0.6)).toEqual({ threshold: 0.6, tp: 6, fp: 1, tn: 5, fn: 1 });
  });

  test("periodTableOf turns a stored ScoreTable (e.g. the evaluation set) into a reference", () => {
    const table = asScoreTable(periodOf([[0.2, 1, 5, 0], [0.6, 2, 1, 0]]));
    expect(periodTableOf(table)).toEqual(periodOf([[0.2, 1, 5, 0], [0.6, 2, 1, 0]]));
  });
});
