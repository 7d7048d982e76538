import { describe, expect, test } from "vitest";
import { averagePrecision, brierScore, buildScoreTable, rocAuc } from "@/lib/metrics";

const table = (labels: number[], scores: number[]) => buildScoreTable(Float64Array.from(scores), Uint8Array.from(labels));

describe("rocAuc and averagePrecision match scikit-learn", () => {
  // Values from scikit-learn's documentation and hand-checked trapezoids.
  test.each([
    { labels: [0, 0, 1, 1], scores: [0.1, 0.4, 0.35, 0.8], auc: 0.75, ap: 0.8333333333333333 },
    { labels: [0, 1, 0, 1], scores: [0.5, 0.5, 0.5, 0.5], auc: 0.5, ap: 0.5 },
    { labels: [1, 0, 1, 0, 1], scores: [0.9, 0.9, 0.3, 0.3, 0.1], auc: 1 / 3, ap: (1 / 3) * 0.5 + (1 / 3) * 0.5 + (1 / 3) * 0.6 },
    { labels: [0, 0, 1, 1], scores: [0.1, 0.2, 0.3, 0.4], auc: 1, ap: 1 },
    { labels: [1, 1, 0, 0], scores: [0.1, 0.2, 0.3, 0.4], auc: 0, ap: (0.5 * 1) / 3 + (0.5 * 2) / 4 },
  ])("labels $labels scores $scores", ({ labels, scores, auc, ap }) => {
    const t = table(labels, scores);
    expect(rocAuc(t)).toBeCloseTo(auc, 12);
    expect(averagePrecision(t)).toBeCloseTo(ap, 12);
  });

  test("one class has no ROC AUC; no positive has no average precision", () => {
    expect(rocAuc(table([1, 1], [0.2, 0.7]))).toBeNull();
    expect(rocAuc(table([0, 0], [0.2, 0.7]))).toBeNull();
    expect(averagePrecision(table([0, 0], [0.2, 0.7]))).toBeNull();
    expect(averagePrecision(table([1, 1], [0.2, 0.7]))).toBe(1);
  });

  test("brier score is the mean squared error", () => {
    expect(brierScore(table([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]))).toBeCloseTo(0.0375, 12);
    expect(brierScore(table([], []))).toBeNull();
  });
});
