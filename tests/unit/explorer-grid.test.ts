import { describe, expect, test } from "vitest";
import {
  buildScoreTable, buildThresholdGrid, cumulate, cumulateGrid, explorerData, gridConfusionAt, gridCurve, histogramFromGrid, metricsAt, thresholdSeries,
} from "@/lib/metrics";
import { seededRandom } from "@/lib/demo/random";
import { keyStep } from "@/app/ui/charts/threshold-control";

const gridOf = (labels: number[], scores: number[]) => cumulateGrid(buildThresholdGrid(cumulate(buildScoreTable(Float64Array.from(scores), Uint8Array.from(labels)))));

describe("the browser's threshold grid", () => {
  const grid = gridOf([1, 0, 1, 0, 0, 1], [0.9, 0.5, 0.5, 0.2, 0.7, 0.1]);

  test.each([
    { t: 0, tp: 3, fp: 3 },
    { t: 0.1, tp: 3, fp: 3 },
    { t: 0.1001, tp: 2, fp: 3 },
    { t: 0.5, tp: 2, fp: 2 },
    { t: 0.5001, tp: 1, fp: 1 },
    { t: 0.9, tp: 1, fp: 0 },
    { t: 1, tp: 0, fp: 0 },
  ])("at $t: $tp caught, $fp false alarms", ({ t, tp, fp }) => {
    expect(gridConfusionAt(grid, t)).toEqual({ threshold: t, tp, fp, tn: 3 - fp, fn: 3 - tp });
  });

  test("a threshold between grid points snaps to the nearest and says so", () => {
    expect(gridConfusionAt(grid, 0.50004).threshold).toBe(0.5);
    expect(gridConfusionAt(grid, 2).threshold).toBe(1);
    expect(gridConfusionAt(grid, -1).threshold).toBe(0);
  });

  test("histogram bins are [lower, upper): a score on an edge belongs to the bin above", () => {
    const bins = histogramFromGrid(grid, 10);
    expect(bins).toHaveLength(10);
    expect(bins[5]).toEqual({ lower: 0.5, upper: 0.6, positives: 1, negatives: 1 });
    expect(bins[4]).toEqual({ lower: 0.4, upper: 0.5, positives: 0, negatives: 0 });
    expect(bins[1]).toMatchObject({ positives: 1, negatives: 0 });
    expect(bins[9]).toMatchObject({ positives: 1, negatives: 0 });
    expect(() => histogramFromGrid(grid, 7)).toThrow(/do not split/);
  });

  test("metrics by threshold: null (not NaN) where nothing is flagged", () => {
    const series = thresholdSeries(grid, 11);
    expect(series.map((p) => p.threshold)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(series[5]).toEqual({ threshold: 0.5, precision: 0.5, recall: 2 / 3, f1: 4 / 7, flagRate: 4 / 6 });
    expect(series[10]).toEqual({ threshold: 1, precision: null, recall: 0, f1: 0, flagRate: 0 });
  });

  test("ROC and PR points from threshold 1 down, equal neighbours merged", () => {
    const roc = gridCurve(grid, "roc");
    expect(roc[0]).toEqual({ x: 0, y: 0, threshold: 1 });
    expect(roc.at(-1)).toMatchObject({ x: 1, y: 1 });
    expect(roc.map((p) => [p.x, p.y])).toEqual([[0, 0], [0, 1 / 3], [1 / 3, 1 / 3], [2 / 3, 2 / 3], [1, 2 / 3], [1, 1]]);
    const pr = gridCurve(grid, "pr");
    expect(pr[0]).toEqual({ x: 1 / 3, y: 1, threshold: 0.9 });
    expect(gridCurve(gridOf([0, 0], [0.1, 0.2]), "roc")).toEqual([]);
    expect(gridCurve(gridOf([1, 1], [0.1, 0.2]), "roc")).toEqual([]);
    expect(gridCurve(gridOf([1, 1], [0.1, 0.2]), "pr").map((p) => [p.x, p.y])).toEqual([[0.5, 1], [1, 1]]);
  });
});

describe("metricsAt and the explorer payload", { timeout: 120_000 }, () => {
  test.each([
    { what: "empty", labels: [] as number[], scores: [] as number[] },
    { what: "one class", labels: [0, 0], scores: [0.3, 0.8] },
  ])("$what dataset: nulls, never NaN", ({ labels, scores }) => {
    const report = metricsAt(cumulate(buildScoreTable(Float64Array.from(scores), Uint8Array.from(labels))), 0.5);
    for (const value of Object.values(report)) expect(Number.isNaN(value)).toBe(false);
    expect(report.recall).toBeNull();
  });

  test("1,000,000 rows of arbitrary float scores fit in well under 300 KB and stay exact", () => {
    const random = seededRandom(3);
    const n = 1_000_000;
    const scores = new Float64Array(n);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = random() < 0.03 ? 1 : 0;
      const u = random();
      scores[i] = labels[i] ? 1 - u * u * u : u * u * u;
    }
    const table = cumulate(buildScoreTable(scores, labels));
    const data = explorerData(table);
    expect(JSON.stringify(data).length).toBeLessThan(300 * 1024);
    const grid = cumulateGrid(data.grid);
    for (const t of [0, 0.0001, 0.1234, 0.5, 0.9999, 1]) {
      let tp = 0;
      let fp = 0;
      for (let i = 0; i < n; i++) if (scores[i] >= t) {
          if (labels[i]) tp++;
          else fp++;
        }
      expect(gridConfusionAt(grid, t)).toMatchObject({ tp, fp });
    }
  });
});

describe("slider keys", () => {
  test.each([
    { key: "ArrowRight", shiftKey: false, to: 0.51 },
    { key: "ArrowUp", shiftKey: true, to: 0.6 },
    { key: "ArrowLeft", shiftKey: false, to: 0.49 },
    { key: "ArrowDown", shiftKey: true, to: 0.4 },
    { key: "Home", shiftKey: false, to: 0 },
    { key: "End", shiftKey: false, to: 1 },
    { key: "a", shiftKey: false, to: null },
  ])("$key (shift $shiftKey) from 0.5", ({ key, shiftKey, to }) => {
    const next = keyStep({ key, shiftKey }, 0.5);
    if (to === null) expect(next).toBeNull();
    else expect(next).toBeCloseTo(to, 12);
  });
});
