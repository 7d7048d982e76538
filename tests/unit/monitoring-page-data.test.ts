import { describe, expect, test } from "vitest";
import {
  DAY_MS,
  monitoringAt,
  pageDataOf,
  periodWindow,
  preparedFromPage,
  prepareMonitoring,
  replayGrid,
  ruleWords,
  shareHistogram,
  prepareTable,
  type AlertRule,
} from "@/lib/monitoring";
import { fraudVocabulary, settingsOf } from "./story-fixtures";
import { periodOf } from "./monitoring-fixtures";

const MONDAY = Date.parse("2026-10-05T00:00:00Z");

describe("the Monitoring page's data", () => {
  const days = [0, 1, 2].map((d) => periodOf([[0.1, 1, 50, 5], [0.35, 2, 10], [0.9, 8, 1, 2]], MONDAY + d * DAY_MS));
  const reference = periodOf([[0.1, 2, 100], [0.35, 3, 20], [0.9, 16, 2]]);
  const m = prepareMonitoring(days, reference, { period: "day", referenceDays: 2 });
  const steps = 100;
  const data = pageDataOf(m, { steps, periods: m.periods.map((p) => replayGrid(p, steps)), reference: replayGrid(m.reference.table, steps) });
  const settings = settingsOf({ vocabulary: fraudVocabulary });

  test("survives JSON (what the page carries) and answers as the server at grid thresholds", () => {
    const browser = preparedFromPage(JSON.parse(JSON.stringify(data)));
    for (const threshold of [0, 0.1, 0.35, 0.36, 0.9, 1]) {
      const o = { threshold, settings, deployedThreshold: 0.5 };
      expect(monitoringAt(browser, o).periods).toEqual(monitoringAt(m, o).periods);
      expect(monitoringAt(browser, o).replay).toEqual(monitoringAt(m, o).replay);
    }
  });

  test("a period's score histogram: shares of all its rows, labelled or not, in equal bins", () => {
    const bins = shareHistogram(data.periods[0], steps, 10);
    expect(bins.map((b) => b.lower)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    // 56 rows at 0.1, 12 at 0.35, 11 at 0.9: 79 in all.
    expect(bins.map((b) => b.share)).toEqual([0, 56 / 79, 0, 12 / 79, 0, 0, 0, 0, 0, 11 / 79]);
    const one = shareHistogram(replayGrid(prepareTable(periodOf([[1, 1, 0]])), steps), steps, 50);
    expect(one[49].share).toBe(1);
  });

  test.each([
    ["day", "2026-10-05T00:00:00.000Z", "2026-10-06T00:00:00.000Z"],
    ["week", "2026-10-05T00:00:00.000Z", "2026-10-12T00:00:00.000Z"],
  ] as const)("a %s as a gallery window", (kind, from, to) => {
    expect(periodWindow(MONDAY, kind)).toEqual({ from, to });
  });
});

describe("alert rules in words", () => {
  test.each([
    [{ kind: "misses", perDayAbove: 10 }, "more than 10 fraudulent transactions missed a day"],
    [{ kind: "falseAlarms", perDayAbove: 2.5 }, "more than 2.5 valid transactions flagged a day"],
    [{ kind: "flagRate", min: 0.01, max: 0.05 }, "a flag rate outside 1%–5%"],
    [{ kind: "flagRate", min: null, max: 0.05 }, "a flag rate above 5%"],
    [{ kind: "flagRate", min: 0.02, max: null }, "a flag rate below 2%"],
    [{ kind: "drift" }, "scores that drifted from the reference"],
    [{ kind: "labeled", shareBelow: 0.8, afterDays: 1 }, "less than 80% of a day's transactions labelled 1 day after it"],
    [{ kind: "labeled", shareBelow: 0.5, afterDays: 14 }, "less than 50% of a day's transactions labelled 14 days after it"],
  ] as [AlertRule, string][])("%j: %s", (rule, words) => {
    expect(ruleWords(rule, settingsOf({ vocabulary: fraudVocabulary }).vocabulary)).toBe(words);
  });
});
