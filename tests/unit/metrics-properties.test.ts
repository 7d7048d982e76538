import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  averagePrecision, brierScore, buildScoreTable, buildThresholdGrid, calibrationCurve, confusionAt, cumulate, cumulateGrid,
  downsampleCurve, gridConfusionAt, histogramFromGrid, metricsAt, precisionRecallCurve, rocAuc, rocCurve, thresholdSeries,
} from "@/lib/metrics";
import { pairAuc, scanAveragePrecision, scanConfusion, sklearnCalibration, sklearnRocCurve, type Example } from "./metrics-reference";

// Few distinct values so ties are heavy; grid points, float-noise neighbours of grid points
// (0.1 * 3 = 0.30000000000000004), and edges 0 and 1.
const tiedScore = fc.constantFrom(0, 0.1, 0.2, 0.3, 0.1 * 3, 0.5, 0.5000001, 0.49999999, 0.7, 0.7001, 0.9999, 1);
const anyScore = fc.oneof(tiedScore, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 10_000 }).map((k) => k / 10_000));
const example = fc.record({ score: anyScore, label: fc.constantFrom<0 | 1>(0, 1) });
const dataset = fc.array(example, { maxLength: 60 });
const RUNS = { numRuns: 3000, seed: 20261127 };

const tableOf = (examples: Example[]) =>
  cumulate(buildScoreTable(Float64Array.from(examples, (e) => e.score), Uint8Array.from(examples, (e) => e.label)));

// Thousands of datasets per property: generous limits so a busy machine does not fail them.
describe("metrics agree with brute force on random datasets with heavy ties", { timeout: 120_000 }, () => {
  test("confusion matrix at any threshold, including thresholds equal to a score", () => {
    fc.assert(
      fc.property(dataset, anyScore, (examples, threshold) => {
        const table = tableOf(examples);
        const thresholds = [threshold, ...examples.map((e) => e.score)];
        for (const t of thresholds) expect(confusionAt(table, t)).toEqual(scanConfusion(examples, t));
      }),
      RUNS,
    );
  });

  test("the browser's grid gives the server's exact counts at every grid threshold", () => {
    fc.assert(
      fc.property(dataset, fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 20 }), (examples, ks) => {
        const table = tableOf(examples);
        const grid = cumulateGrid(buildThresholdGrid(table));
        for (const k of [0, 10_000, 5000, ...ks]) {
          const t = Math.round((k / 10_000) * 10_000) / 10_000; // what the threshold state holds
          expect(gridConfusionAt(grid, t)).toEqual(scanConfusion(examples, t));
          expect(gridConfusionAt(grid, t)).toEqual(confusionAt(table, t));
        }
      }),
      { ...RUNS, numRuns: 400 },
    );
  });

  test("ROC AUC equals pair counting with ties as one half", () => {
    fc.assert(
      fc.property(dataset, (examples) => {
        const auc = rocAuc(tableOf(examples));
        const expected = pairAuc(examples);
        if (expected === null) expect(auc).toBeNull();
        else expect(Math.abs((auc as number) - expected)).toBeLessThan(1e-9);
      }),
      RUNS,
    );
  });

  test("average precision equals scikit-learn's sum over distinct thresholds", () => {
    fc.assert(
      fc.property(dataset, (examples) => {
        const ap = averagePrecision(tableOf(examples));
        const expected = scanAveragePrecision(examples);
        if (expected === null) expect(ap).toBeNull();
        else expect(Math.abs((ap as number) - expected)).toBeLessThan(1e-9);
      }),
      RUNS,
    );
  });

  test.each([true, false])("ROC curve equals scikit-learn's roc_curve (drop_intermediate=%s)", (drop) => {
    fc.assert(
      fc.property(dataset, (examples) => {
        const curve = rocCurve(tableOf(examples), { dropIntermediate: drop });
        const hasBoth = examples.some((e) => e.label === 1) && examples.some((e) => e.label === 0);
        if (!hasBoth) {
          expect(curve).toBeNull();
          return;
        }
        expect(curve).toEqual(sklearnRocCurve(examples, drop));
      }),
      { ...RUNS, numRuns: 1000 },
    );
  });

  test("PR curve: precision and recall at each distinct score ascending, then (recall 0, precision 1)", () => {
    fc.assert(
      fc.property(dataset, (examples) => {
        const curve = precisionRecallCurve(tableOf(examples));
        const P = examples.filter((e) => e.label === 1).length;
        if (!P) {
          expect(curve).toBeNull();
          return;
        }
        const ascending = [...new Set(examples.map((e) => e.score))].sort((a, b) => a - b);
        const expected = ascending.map((t) => {
          const { tp, fp } = scanConfusion(examples, t);
          return { precision: tp / (tp + fp), recall: tp / P, threshold: t };
        });
        expect(curve).toEqual([...expected, { precision: 1, recall: 0, threshold: null }]);
      }),
      { ...RUNS, numRuns: 1000 },
    );
  });

  test("calibration curve equals scikit-learn's uniform bins (a, b], first bin closed", () => {
    fc.assert(
      fc.property(dataset, fc.integer({ min: 1, max: 12 }), (examples, bins) => {
        const got = calibrationCurve(tableOf(examples), bins);
        const expected = sklearnCalibration(examples, bins);
        expect(got.map((b) => b.count)).toEqual(expected.map((b) => b.count));
        got.forEach((b, i) => {
          expect(Math.abs(b.meanScore - expected[i].meanScore)).toBeLessThan(1e-12);
          expect(b.positiveShare).toBe(expected[i].positiveShare);
        });
      }),
      { ...RUNS, numRuns: 1000 },
    );
  });

  test("histograms and series account for every example and never produce NaN", () => {
    fc.assert(
      fc.property(dataset, (examples) => {
        const table = tableOf(examples);
        const grid = cumulateGrid(buildThresholdGrid(table));
        const bins = histogramFromGrid(grid, 50);
        expect(bins.reduce((s, b) => s + b.positives, 0)).toBe(table.totalPositives);
        expect(bins.reduce((s, b) => s + b.negatives, 0)).toBe(table.totalNegatives);
        for (const b of bins) {
          const inBin = examples.filter((e) => e.score >= b.lower && (b.upper === 1 || e.score < b.upper));
          if (b.lower > 0) expect(b.positives).toBe(inBin.filter((e) => e.label === 1).length);
        }
        const values = [
          ...thresholdSeries(grid, 101).flatMap((p) => [p.precision, p.recall, p.f1, p.flagRate]),
          ...Object.values(metricsAt(table, 0.5)),
          rocAuc(table), averagePrecision(table), brierScore(table),
        ];
        for (const v of values) if (v !== null) expect(Number.isNaN(v)).toBe(false);
      }),
      { ...RUNS, numRuns: 300 },
    );
  });
});

describe("downsampling keeps the curve's shape", { timeout: 120_000 }, () => {
  const distanceToSegment = (p: number[], a: number[], b: number[]) => {
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const len = dx * dx + dy * dy;
    const u = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
    return Math.hypot(p[0] - a[0] - u * dx, p[1] - a[1] - u * dy);
  };

  test("first and last kept, at most maxPoints, every dropped point within the tolerance", () => {
    const walk = fc.array(fc.tuple(fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: -0.05, max: 0.05, noNaN: true })), { minLength: 1, maxLength: 400 });
    fc.assert(
      fc.property(walk, fc.integer({ min: 3, max: 100 }), (steps, maxPoints) => {
        const points: number[][] = [];
        let x = 0, y = 0;
        for (const [a, b] of steps) points.push([(x += a), (y += b)]);
        const { points: kept, tolerance } = downsampleCurve(points, (p) => p[0], (p) => p[1], maxPoints);
        expect(kept.length).toBeLessThanOrEqual(Math.max(maxPoints, 2));
        expect(kept[0]).toBe(points[0]);
        expect(kept[kept.length - 1]).toBe(points[points.length - 1]);
        let segment = 0;
        for (const p of points) {
          while (segment < kept.length - 1 && points.indexOf(kept[segment + 1]) < points.indexOf(p)) segment++;
          if (kept.includes(p)) continue;
          expect(distanceToSegment(p, kept[segment], kept[segment + 1])).toBeLessThanOrEqual(tolerance + 1e-12);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
