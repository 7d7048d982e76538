import { describe, expect, test } from "vitest";
import { buildScoreTable, calibrationCurve, cumulate, downsampleCurve, precisionRecallCurve, rocCurve } from "@/lib/metrics";

const table = (labels: number[], scores: number[]) => cumulate(buildScoreTable(Float64Array.from(scores), Uint8Array.from(labels)));

describe("curves match scikit-learn's documented examples", () => {
  test("roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])", () => {
    const curve = rocCurve(table([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]));
    expect(curve?.map((p) => p.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(curve?.map((p) => p.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(curve?.map((p) => p.threshold)).toEqual([null, 0.8, 0.4, 0.35, 0.1]);
  });

  test("precision_recall_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])", () => {
    const curve = precisionRecallCurve(table([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]));
    expect(curve?.map((p) => p.precision)).toEqual([0.5, 2 / 3, 0.5, 1, 1]);
    expect(curve?.map((p) => p.recall)).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(curve?.map((p) => p.threshold)).toEqual([0.1, 0.35, 0.4, 0.8, null]);
  });

  test("drop_intermediate drops the collinear middle of a straight run", () => {
    // Descending: 0.9 (+1 neg), 0.8 (+1 neg), 0.7 (+1 neg), 0.6 (+1 pos): 0.8 is on a straight run.
    const curve = rocCurve(table([0, 0, 0, 1], [0.9, 0.8, 0.7, 0.6]));
    expect(curve?.map((p) => p.threshold)).toEqual([null, 0.9, 0.7, 0.6]);
    expect(rocCurve(table([0, 0, 0, 1], [0.9, 0.8, 0.7, 0.6]), { dropIntermediate: false })).toHaveLength(5);
  });

  test("calibration_curve([0, 0, 0, 0, 1, 1, 1, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0], n_bins=3)", () => {
    const bins = calibrationCurve(table([0, 0, 0, 0, 1, 1, 1, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1]), 3);
    expect(bins.map((b) => b.positiveShare)).toEqual([0, 0.5, 1]);
    expect(bins[0].meanScore).toBeCloseTo(0.2, 12);
    expect(bins[1].meanScore).toBeCloseTo(0.525, 12);
    expect(bins[2].meanScore).toBeCloseTo(0.85, 12);
  });

  test.each([
    { what: "empty", labels: [], scores: [] },
    { what: "only positives", labels: [1, 1], scores: [0.2, 0.9] },
    { what: "only negatives", labels: [0, 0], scores: [0.2, 0.9] },
  ])("$what: no ROC curve rather than NaN", ({ labels, scores }) => {
    expect(rocCurve(table(labels, scores))).toBeNull();
  });

  test("no positives: no PR curve; empty dataset: no calibration bins", () => {
    expect(precisionRecallCurve(table([0, 0], [0.1, 0.2]))).toBeNull();
    expect(calibrationCurve(table([], []))).toEqual([]);
  });
});

describe("downsampleCurve", () => {
  test("leaves short curves alone and shrinks a 100k-point curve to its shape", () => {
    const few = [{ x: 0, y: 0 }, { x: 1, y: 1 }];
    expect(downsampleCurve(few, (p) => p.x, (p) => p.y).points).toBe(few);
    const many = Array.from({ length: 100_001 }, (_, i) => ({ x: i / 100_000, y: Math.sqrt(i / 100_000) }));
    const { points, tolerance, originalCount } = downsampleCurve(many, (p) => p.x, (p) => p.y, 500);
    expect(originalCount).toBe(100_001);
    expect(points.length).toBeLessThanOrEqual(500);
    expect(points.length).toBeGreaterThan(10);
    expect(tolerance).toBeLessThanOrEqual(0.002);
    expect(points[0]).toBe(many[0]);
    expect(points.at(-1)).toBe(many.at(-1));
  });
});
