import { describe, expect, test } from "vitest";
import { resolveSettings } from "@/lib/story";
import {
  chooseReplaySteps,
  countsAt,
  DAY_MS,
  decodeCells,
  encodeCells,
  gridsBytes,
  monitoringAt,
  preparedFromGrid,
  prepareMonitoring,
  prepareTable,
  replayGrid,
  snapToGrid,
  type PreparedMonitoring,
} from "@/lib/monitoring";
import { fourDecimalSampler, fullPrecisionSample, periodOf, seededRandom } from "./monitoring-fixtures";

describe("run-length cells", () => {
  test.each([
    [[], []],
    [[0, 0, 0], []],
    [[5], [5]],
    [[0, 0, 0, 5, 2, 0, 0], [-3, 5, 2]],
    [[1, 0, 0, 0, 0, 7, 0, 3], [1, -4, 7, -1, 3]],
  ])("%j ⇄ %j", (cells, coded) => {
    expect(encodeCells(cells)).toEqual(coded);
    expect(Array.from(decodeCells(coded, cells.length))).toEqual(cells);
  });
});

describe("replay grids", () => {
  // A period with a score exactly on grid thresholds, between them, at 0 and at 1, with unlabelled rows.
  const period = prepareTable(periodOf([[0, 1, 4, 2], [0.25, 2, 3, 0], [0.2537, 1, 1, 1], [0.5, 3, 0, 0], [0.74999, 0, 2, 0], [1, 4, 0, 3]], Date.parse("2026-10-05T00:00:00Z")));

  test.each([100, 200, 1000, 10_000])("counts at every grid threshold equal the exact counts (%s steps)", (steps) => {
    const fromGrid = preparedFromGrid(replayGrid(period, steps), steps);
    for (let k = 0; k <= steps; k++) expect(countsAt(fromGrid, k / steps)).toEqual(countsAt(period, k / steps));
  });

  test("a fully labelled period carries no unlabelled cells", () => {
    expect(replayGrid(prepareTable(periodOf([[0.3, 1, 2]])), 100).u).toBeUndefined();
    // Unlabelled rows at 0 (2), 0.2537 (1, in the cell of 0.25) and 1 (3).
    expect(replayGrid(period, 100).u).toEqual([2, -24, 1, -74, 3]);
  });

  test("the whole monitoring answer from grids equals the server's at grid thresholds", () => {
    const sample = fourDecimalSampler(0);
    const random = seededRandom(3);
    const start = Date.parse("2026-10-05T00:00:00Z");
    const days = Array.from({ length: 10 }, (_, d) => sample(500 + 100 * d, random, start + d * DAY_MS));
    const settings = resolveSettings({ costs: { falsePositive: 3, falseNegative: 200 } }, { rows: 1, positives: 0, negatives: 0, positiveLabel: "1", negativeLabel: "0", timestampMin: null, timestampMax: null });
    const server = prepareMonitoring(days, sample(2000, random), { period: "day", referenceDays: 2 });
    const steps = 1000;
    const browser: PreparedMonitoring = {
      ...server,
      periods: server.periods.map((p) => preparedFromGrid(replayGrid(p, steps), steps)),
      reference: { ...server.reference, table: preparedFromGrid(replayGrid(server.reference.table, steps), steps) },
    };
    for (const t of [0, 0.05, 0.3, 0.451, 0.5, 0.999, 1]) {
      const o = { threshold: t, settings, deployedThreshold: 0.4 };
      const a = monitoringAt(server, o);
      const b = monitoringAt(browser, o);
      expect(b.periods).toEqual(a.periods);
      expect(b.replay).toEqual(a.replay);
      const { edges: _e, shares: _s, ...ref } = a.reference;
      expect(b.reference).toMatchObject(ref);
    }
  });

  test("the finest grid that fits the budget: 4 decimals for a small stream, coarser for a large one", () => {
    const random = seededRandom(9);
    const small = Array.from({ length: 28 }, () => prepareTable(fourDecimalSampler(0)(300, random)));
    const chosen = chooseReplaySteps(small, small[0], 200_000);
    expect(chosen.steps).toBe(10_000);
    expect(gridsBytes([...chosen.periods, chosen.reference])).toBeLessThanOrEqual(200_000);
    const large = Array.from({ length: 20 }, () => prepareTable(fullPrecisionSample(20_000, random)));
    const coarse = chooseReplaySteps(large, large[0], 40_000);
    expect(coarse.steps).toBeLessThan(10_000);
    expect(gridsBytes([...coarse.periods, coarse.reference])).toBeLessThanOrEqual(40_000);
    // The next finer grid would not have fitted.
    const finer = [10_000, 5_000, 2_000, 1_000, 500, 200, 100][[10_000, 5_000, 2_000, 1_000, 500, 200, 100].indexOf(coarse.steps) - 1];
    expect(gridsBytes([...large.map((p) => replayGrid(p, finer)), replayGrid(large[0], finer)])).toBeGreaterThan(40_000);
  });

  test.each([
    [0.4537, 1000, 0.454],
    [0.4537, 200, 0.455],
    [0.4537, 10_000, 0.4537],
    [1, 200, 1],
    [0, 100, 0],
  ])("%s snaps to the grid of %s steps as %s", (t, steps, snapped) => {
    expect(snapToGrid(t, steps)).toBe(snapped);
  });
});
