import { describe, expect, test } from "vitest";
import { confusionAt } from "@/lib/metrics";
import { formatWithRange } from "@/lib/format";
import { dailyCounts, dailyRanges, storyAt, wilsonInterval } from "@/lib/story";
import { demoLike, settingsOf, tableOf } from "./story-fixtures";

describe("dailyCounts scales each class by its own rate", () => {
  test("the demo at 0.5 with 8,280 a day: exactly 200 false alarms, 14 missed, 266 caught", () => {
    expect(dailyCounts(confusionAt(demoLike, 0.5), settingsOf({ volume: 8280 }))).toEqual({
      flagged: 466,
      falsePositives: 200,
      falseNegatives: 14,
      truePositives: 266,
      trueNegatives: 7800,
    });
  });

  test("a prevalence override changes the class volumes, not the rates", () => {
    // 10,000 a day, 1% positive: 100 positives (5% missed), 9,900 negatives (2.5% flagged).
    expect(dailyCounts(confusionAt(demoLike, 0.5), settingsOf({ volume: 10000, prevalence: 0.01 }))).toEqual({
      flagged: 342.5,
      falsePositives: 247.5,
      falseNegatives: 5,
      truePositives: 95,
      trueNegatives: 9652.5,
    });
  });

  test("a week's volume is divided into days", () => {
    expect(dailyCounts(confusionAt(demoLike, 0.5), settingsOf({ volume: 57960, period: "week" })).falsePositives).toBe(200);
  });

  test("one-class data: the absent class's counts are unknown, or 0 when it never arrives", () => {
    const onlyValid = tableOf([[0.1, 0, 90], [0.8, 0, 10]]);
    expect(dailyCounts(confusionAt(onlyValid, 0.5), { volumePerDay: 100, prevalence: 0.1 })).toEqual({
      flagged: null, falsePositives: 9, falseNegatives: null, truePositives: null, trueNegatives: 81,
    });
    expect(dailyCounts(confusionAt(onlyValid, 0.5), { volumePerDay: 100, prevalence: 0 })).toEqual({
      flagged: 10, falsePositives: 10, falseNegatives: 0, truePositives: 0, trueNegatives: 90,
    });
  });
});

describe("95% ranges", () => {
  test.each([
    // Reference values computed independently in Python from Wilson's formula (z = 1.959964).
    [400, 16000, 0.0226924839, 0.027535548],
    [28, 560, 0.0348170869, 0.0713146242],
    [0, 10, 0, 0.2775327999],
    [10, 10, 0.7224672001, 1],
  ])("wilsonInterval(%s, %s)", (k, n, lo, hi) => {
    const [a, b] = wilsonInterval(k, n)!;
    expect(a).toBeCloseTo(lo, 9);
    expect(b).toBeCloseTo(hi, 9);
  });

  test("no sample, no interval", () => expect(wilsonInterval(0, 0)).toBeNull());

  test("the demo's daily counts with their ranges", () => {
    const ranges = dailyRanges(confusionAt(demoLike, 0.5), settingsOf({ volume: 8280 }));
    const daily = dailyCounts(confusionAt(demoLike, 0.5), settingsOf({ volume: 8280 }));
    expect(formatWithRange(daily.falsePositives, ranges.falsePositives)).toBe("200 (182–220)");
    expect(formatWithRange(daily.falseNegatives, ranges.falseNegatives)).toBe("14 (9.7–20)");
    expect(formatWithRange(daily.truePositives, ranges.truePositives)).toBe("266 (260–270)");
    expect(formatWithRange(daily.flagged, ranges.flagged)).toBe("466 (442–491)");
  });

  test("storyAt bundles counts, ranges, sentences and cost", () => {
    const s = settingsOf({ volume: 8280, costs: { falsePositive: 5, falseNegative: 200 } });
    const story = storyAt(demoLike, 0.5, s);
    expect(story.cost).toBe(200 * 5 + 14 * 200);
    expect(story.sentences.at(-2)).toBe("The expected cost is $3,800 a day.");
    expect(story.ranges.trueNegatives?.[0]).toBeLessThan(7800);
  });
});
