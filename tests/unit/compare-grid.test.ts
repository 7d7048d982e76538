import { describe, expect, test } from "vitest";
import {
  compareAt, compareOnGrid, cumulatePairedGrid, disagreements, gridCellOf, gridCells, pairedGrid, prepareComparison, seededRandom, tallyCells,
  thresholdForLoad, thresholdForLoadTable, type MatchedRows,
} from "@/lib/compare";
import { buildScoreTable, cumulate } from "@/lib/metrics";

/** Scores on a 3-decimal grid (ties, and scores exactly at grid thresholds) and a noisy copy. */
function rowsOf(seed: number, n: number): MatchedRows {
  const random = seededRandom(seed);
  const labels = Uint8Array.from({ length: n }, () => (random() < 0.15 ? 1 : 0));
  const scoresA = Float64Array.from(labels, (l) => Math.round((l ? Math.sqrt(random()) : random() ** 2) * 1000) / 1000);
  const scoresB = Float64Array.from(scoresA, (s) => Math.min(1, Math.max(0, s + Math.round((random() - 0.5) * 60) / 1000)));
  return { scoresA, scoresB, labels };
}

describe("the paired grid", () => {
  const rows = rowsOf(3, 4000);
  const grid = cumulatePairedGrid(pairedGrid(rows));

  test.each([0, 0.0001, 0.1, 0.3, 0.35, 0.5, 0.7071, 0.9999, 1])("at t = %s the cells are tallyCells(rows, t, t) exactly", (t) => {
    const { threshold, cells } = gridCells(grid, t);
    expect(threshold).toBe(t);
    expect(Array.from(cells)).toEqual(Array.from(tallyCells(rows, t, t)));
  });

  test("a threshold between grid points is read at the nearest one", () => {
    expect(gridCells(grid, 0.123456).threshold).toBe(0.1235);
  });

  test.each([
    [0, 0], [1, 10_000], [0.5, 5000], [0.30000000000000004, 3000], [0.29999999999999999, 3000], [0.1 + 0.2, 3000], [0.00009, 0], [0.99999, 9999],
  ])("the grid cell of score %s is %s (the largest k with k / 10000 ≤ score)", (score, cell) => {
    expect(gridCellOf(score)).toBe(cell);
    expect(cell / 10_000 <= score).toBe(true);
  });

  test("compareOnGrid says what compareAt says at the same threshold (slices aside)", () => {
    const prepared = prepareComparison(rows);
    const traffic = { volumePerDay: 4000, prevalence: 0.15 };
    for (const t of [0.25, 0.5, 0.8]) {
      const server = compareAt(prepared, { threshold: t }, traffic, { margins: { missed: 2 } });
      const browser = compareOnGrid(server, grid, t, traffic, { margins: { missed: 2 } });
      expect(browser).toEqual({ ...server, slices: [] });
    }
  });
});

describe("the same load on a dataset's score table (A/B tests)", () => {
  const scores = Float64Array.of(0.1, 0.2, 0.2, 0.4, 0.4, 0.4, 0.9, 1, 1);
  const labels = Uint8Array.of(0, 0, 1, 0, 1, 1, 1, 1, 0);
  const table = cumulate(buildScoreTable(scores, labels));

  test.each([0, 1, 2, 3, 4, 5, 6, 8.7, 9, 20])("K = %s gives what thresholdForLoad gives on the rows", (k) => {
    expect(thresholdForLoadTable(table, k)).toEqual(thresholdForLoad(scores, k));
  });

  test("a top below 1 and a load of 0: a plain threshold above it, nothing flagged", () => {
    const low = cumulate(buildScoreTable(Float64Array.of(0.2, 0.62), Uint8Array.of(0, 1)));
    expect(thresholdForLoadTable(low, 0)).toEqual({ threshold: 0.7, flagged: 0, withinLoad: true });
    expect(() => thresholdForLoadTable(low, -1)).toThrow("the review load must be 0 or more, got -1");
  });
});

describe("disagreements filtered by side and class", () => {
  // Differences |sB − sA|: 0.6, 0.3, 0.5, 0.2 (rows 0–3); row 4 both flag, row 5 neither.
  const rows: MatchedRows = {
    scoresA: Float64Array.of(0.9, 0.3, 0.7, 0.6, 0.8, 0.1),
    scoresB: Float64Array.of(0.3, 0.6, 0.2, 0.4, 0.9, 0.2),
    labels: Uint8Array.of(1, 0, 0, 1, 1, 0),
  };

  test.each([
    [{}, [0, 2, 1, 3]],
    [{ side: "onlyA" as const }, [0, 2, 3]],
    [{ side: "onlyB" as const }, [1]],
    [{ label: 1 as const }, [0, 3]],
    [{ side: "onlyA" as const, label: 0 as const }, [2]],
  ])("%o → rows %o, largest difference first", (filter, expected) => {
    const page = disagreements(rows, 0.5, 0.5, 0, 50, filter);
    expect(page).toEqual({ rows: expected, total: expected.length });
  });
});
