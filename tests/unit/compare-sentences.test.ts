import { describe, expect, test } from "vitest";
import { compareMatched, compareUnpaired, describeComparison, describeUnpaired, formatKappa, formatSigned, type CompareReport, type DailyDifference } from "@/lib/compare";

const vocabulary = { itemSingular: "transaction", itemPlural: "transactions", positive: "fraudulent", negative: "valid", flaggedAction: "flagged as fraudulent and sent for manual review" };
const words = { vocabulary, volumePerDay: 8280 };
const names = { a: "float32", b: "int8", sizeA: 40, sizeB: 10 };

const difference = (perDay: number | null, range: [number, number] | null = null): DailyDifference => ({ perDay, range, upper: range ? range[1] : null });

// 16,560 matched rows (two demo days); a load of 400 of them is 200 reviews a day at 8,280 a day.
const rows = {
  scoresA: Float64Array.from({ length: 16560 }, (_, i) => (i % 100) / 100),
  scoresB: Float64Array.from({ length: 16560 }, (_, i) => ((i * 7) % 100) / 100),
  labels: Uint8Array.from({ length: 16560 }, (_, i) => (i % 30 === 0 ? 1 : 0)),
};
const base = compareMatched(rows, { flagged: 400 }, { volumePerDay: 8280, prevalence: 280 / 8280 });
const withDaily = (report: CompareReport, daily: Partial<CompareReport["daily"]>, more: Partial<CompareReport> = {}): CompareReport => ({ ...report, ...more, daily: { ...report.daily, ...daily } });

describe("describeComparison", () => {
  test("the issue's sentence, at the same load", () => {
    const report = withDaily(base, { caught: difference(-0.4, [-1.1, 0.3]), falseAlarms: difference(2.1, [0.3, 3.9]) }, { agreement: { share: 0.992, kappa: 0.9312 } });
    expect(describeComparison(report, words, names)).toEqual([
      "At 200 reviews a day the int8 model catches 0.4 fewer fraudulent transactions a day than the float32 model (95% range −1.1 to +0.3), which is within noise, and it is 4× smaller.",
      "With the int8 model, 2.1 more valid transactions a day will be flagged as fraudulent and sent for manual review than with the float32 model (95% range +0.3 to +3.9), which is more than noise.",
      "The two models decide alike on 99.2% of the 16,560 matched transactions (Cohen's κ 0.93).",
    ]);
  });

  test("at a threshold, with the load a day and verdicts", () => {
    const report = withDaily(
      base,
      { caught: difference(0, [0, 0]), falseAlarms: difference(-1, [-2, 0]), flagged: difference(-1, [-2, 0]) },
      {
        mode: "threshold", load: null, thresholdA: 0.5, thresholdB: 0.5, agreement: { share: 0.9995, kappa: 0.9954 },
        nonInferiority: [
          { measure: "missed", margin: 1, upperBound: 0.6, nonInferior: true, method: "paired bootstrap" },
          { measure: "falseAlarms", margin: 2, upperBound: 3.24, nonInferior: false, method: "paired bootstrap" },
        ],
      },
    );
    expect(describeComparison(report, words, { a: "fraud v3 model", b: "fraud v4 model" })).toEqual([
      "At threshold 0.50 the fraud v4 model catches as many fraudulent transactions a day as the fraud v3 model.",
      "With the fraud v4 model, 1 fewer valid transaction a day will be flagged as fraudulent and sent for manual review than with the fraud v3 model (95% range −2 to 0), which is within noise.",
      "In all, the fraud v4 model flags 1 fewer transaction a day than the fraud v3 model (95% range −2 to 0), which is within noise.",
      "The fraud v4 model misses at most 1 more fraudulent transaction a day than the fraud v3 model (95% confidence).",
      "It is not shown that the fraud v4 model wrongly flags at most 2 more valid transactions a day than the fraud v3 model: it may wrongly flag up to 3.2 more a day (95% confidence).",
      "The two models decide alike on 99.95% of the 16,560 matched transactions (Cohen's κ 0.995).",
    ]);
  });

  test("thresholds of their own, a larger model, an unknown difference", () => {
    const report = withDaily(base, { caught: difference(null), falseAlarms: difference(12.04, [3, 21]) }, { mode: "threshold", load: null, thresholdA: 0.5, thresholdB: 0.425, agreement: { share: null, kappa: null } });
    const [headline, falseAlarms] = describeComparison(report, words, { a: "small", b: "large", sizeA: 1, sizeB: 2.5 });
    expect(headline).toBe("At thresholds 0.50 (small) and 0.425 (large) the large model catches an unknown number of fraudulent transactions a day compared with the small model, and it is 2.5× larger.");
    expect(falseAlarms).toBe("With the large model, 12 more valid transactions a day will be flagged as fraudulent and sent for manual review than with the small model (95% range +3 to +21), which is more than noise.");
  });
});

describe("describeUnpaired", () => {
  test("an A/B test with a broken split", () => {
    const comparison = compareUnpaired({ tp: 300, fn: 20, fp: 5000, tn: 50000 }, { tp: 280, fn: 30, fp: 4600, tn: 47000 }, { volumePerDay: 8280, prevalence: 280 / 8280 }, { margins: { missed: 1 } });
    const [warning, headline, , verdict] = describeUnpaired(comparison, vocabulary, { a: "float32", b: "int8" });
    expect(warning).toBe("Warning: 50% of the transactions were meant to go to float32 but 51.6% did (p < 0.001): the split may be broken, so the differences below may not be the models'.");
    const [lo, hi] = comparison.daily.caught.range as [number, number];
    expect(headline).toBe(`In the A/B test the int8 model catches 9.6 fewer fraudulent transactions a day than the float32 model (95% range ${formatSigned(lo)} to ${formatSigned(hi)}), which is within noise.`);
    expect([lo < 0, hi > 0]).toEqual([true, true]);
    expect(verdict).toMatch(/^It is not shown that the int8 model misses at most 1 more fraudulent transaction a day than the float32 model: it may miss up to [\d.]+ more a day \(95% confidence\)\.$/);
  });
});

describe("number formats", () => {
  test.each([[0.3, "+0.3"], [-1.1, "−1.1"], [0, "0"], [-0.0001, "−0.0001"], [1234.4, "+1,234"], [-0.00001, "−0.00001"]])("formatSigned(%s) = %s", (x, shown) => {
    expect(formatSigned(x)).toBe(shown);
  });
  test.each([[0.9312, "0.93"], [0.9954, "0.995"], [0.99996, "0.99996"], [1, "1.00"], [-0.2, "−0.20"], [0, "0.00"]])("formatKappa(%s) = %s", (k, shown) => {
    expect(formatKappa(k)).toBe(shown);
  });
});
