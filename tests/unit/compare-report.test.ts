import { describe, expect, test } from "vitest";
import {
  compareAt, compareMatched, disagreements, pairedBootstrap, pairedCounts, prepareComparison, scoreDensityGrid, scoreDifferenceHistogram,
  seededRandom, tallyCells, thresholdForLoad, type MatchedRows,
} from "@/lib/compare";
import { dailyCounts } from "@/lib/story";

const rowsOf = (scoresA: number[], scoresB: number[], labels: number[]): MatchedRows => ({
  scoresA: Float64Array.from(scoresA),
  scoresB: Float64Array.from(scoresB),
  labels: Uint8Array.from(labels),
});

/** A float model and a noisy copy: 3,000 rows, 10% positive, one slice column. */
function syntheticRows(seed: number, n = 3000): MatchedRows {
  const random = seededRandom(seed);
  const labels = Uint8Array.from({ length: n }, () => (random() < 0.1 ? 1 : 0));
  const scoresA = Float64Array.from(labels, (l) => (l ? Math.sqrt(random()) : random() ** 2));
  const scoresB = Float64Array.from(scoresA, (s) => Math.min(1, Math.max(0, Math.round(s * 64) / 64 + (random() - 0.5) * 0.05)));
  const codes = Uint16Array.from(labels, () => Math.floor(random() * 3));
  return { scoresA, scoresB, labels, slices: [{ column: "region", codes, values: ["north", "south", "west"] }] };
}

const traffic = { volumePerDay: 6000, prevalence: 0.1 };

describe("compareMatched and compareAt", () => {
  const rows = syntheticRows(1);
  const prepared = prepareComparison(rows);

  test("at one threshold: the tables, each model's counts and daily counts, the AUCs", () => {
    const report = compareMatched(rows, { threshold: 0.5 }, traffic);
    const counts = pairedCounts(tallyCells(rows, 0.5, 0.5));
    expect(report).toMatchObject({ matched: 3000, mode: "threshold", load: null, thresholdA: 0.5, thresholdB: 0.5 });
    expect(report.positives).toEqual(counts.positives);
    expect(report.negatives).toEqual(counts.negatives);
    expect(report.a).toEqual({ threshold: 0.5, ...counts.a, rocAuc: report.auc.aucA, flagged: counts.a.tp + counts.a.fp, daily: dailyCounts(counts.a, traffic), withinLoad: null });
    expect(report.classTotals.positives).toBe(counts.a.tp + counts.a.fn);
    expect(report.daily).toEqual(pairedBootstrap(tallyCells(rows, 0.5, 0.5), traffic));
    expect(report.nonInferiority).toEqual([]);
  });

  test("at the same load each model gets its own threshold for K flagged rows", () => {
    const report = compareAt(prepared, { flagged: 300 }, traffic);
    const a = thresholdForLoad(rows.scoresA, 300);
    const b = thresholdForLoad(rows.scoresB, 300);
    expect(report).toMatchObject({ mode: "load", load: 300, thresholdA: a.threshold, thresholdB: b.threshold });
    expect(report.a.flagged).toBe(a.flagged);
    expect(report.b.flagged).toBe(b.flagged);
    expect(report.a.withinLoad).toBe(true);
    expect(report.thresholdA).not.toBe(report.thresholdB);
  });

  test("compareAt on a prepared comparison answers exactly as a fresh compareMatched", () => {
    compareAt(prepared, { threshold: 0.2 }, traffic); // earlier queries leave nothing behind
    for (const point of [{ threshold: 0.35 }, { thresholdA: 0.3, thresholdB: 0.6 }, { flagged: 120 }]) {
      expect(compareAt(prepared, point, traffic, { seed: 4 })).toEqual(compareMatched(rows, point, traffic, { seed: 4 }));
    }
  });

  test("per-slice differences add up to the whole", () => {
    const report = compareAt(prepared, { thresholdA: 0.4, thresholdB: 0.45 }, traffic);
    const [region] = report.slices;
    expect(region.values.map((v) => v.value)).toEqual(["north", "south", "west"]);
    const total = (pick: (v: (typeof region.values)[number]) => number) => region.values.reduce((s, v) => s + pick(v), 0);
    expect(total((v) => v.rows)).toBe(3000);
    expect(total((v) => v.a.tp)).toBe(report.a.tp);
    expect(total((v) => v.difference.fn)).toBe(report.b.fn - report.a.fn);
    expect(total((v) => v.difference.fp)).toBe(report.b.fp - report.a.fp);
  });

  test("non-inferiority verdicts from the bootstrap's one-sided bound", () => {
    const report = compareAt(prepared, { threshold: 0.5 }, traffic, { margins: { missed: 0, falseAlarms: 1000 } });
    const [missed, falseAlarms] = report.nonInferiority;
    expect(missed).toEqual({ measure: "missed", margin: 0, upperBound: report.daily.missed.upper, nonInferior: (report.daily.missed.upper as number) <= 0, method: "paired bootstrap" });
    expect(falseAlarms.nonInferior).toBe(true);
    expect(() => compareAt(prepared, { threshold: 0.5 }, traffic, { margins: { missed: -1 } })).toThrow("the non-inferiority margin must be 0 or more, got -1");
  });

  test("bad input is refused with the row", () => {
    expect(() => compareMatched(rowsOf([0.1, 0.2], [0.3, 0.4], [0, 7]), { threshold: 0.5 }, traffic)).toThrow("row 1: label 7 is not 0 or 1");
    expect(() => compareAt(prepared, { threshold: Number.NaN }, traffic)).toThrow("threshold NaN is not a number");
  });

  test("no rows at all: empty tables, unknown AUCs and differences", () => {
    const report = compareMatched(rowsOf([], [], []), { flagged: 10 }, traffic);
    expect(report.positives).toEqual({ both: 0, onlyA: 0, onlyB: 0, neither: 0, pValue: 1 });
    expect(report.auc.aucA).toBeNull();
    expect(report.agreement).toEqual({ share: null, kappa: null });
    expect(report.daily.caught).toEqual({ perDay: null, range: null, upper: null });
  });
});

describe("the pictures' data", () => {
  // Differences B − A: +0.5 and 0 (positives), −0.25, 0, +1 (negatives).
  const rows = rowsOf([0.25, 0.5, 0.75, 0.1, 0], [0.75, 0.5, 0.5, 0.1, 1], [1, 1, 0, 0, 0]);

  test("histogram of score differences: round bins centred on 0", () => {
    expect(scoreDifferenceHistogram(rows, 2)).toEqual({
      binWidth: 0.5,
      centers: [-1, -0.5, 0, 0.5, 1],
      // −0.25 lies in [−0.25, 0.25), the bin of 0.
      positives: [0, 0, 1, 1, 0],
      negatives: [0, 0, 2, 0, 1],
      identical: { positives: 1, negatives: 1 },
    });
    const fine = scoreDifferenceHistogram(rows);
    expect(fine.binWidth).toBe(0.05);
    expect(fine.centers).toHaveLength(41);
    expect(fine.negatives[fine.centers.indexOf(-0.25)]).toBe(1);
    expect(fine.positives[fine.centers.indexOf(0.5)]).toBe(1);
  });

  test("identical models: one bin", () => {
    expect(scoreDifferenceHistogram(rowsOf([0.2, 0.9], [0.2, 0.9], [1, 0]))).toEqual({
      binWidth: 0.01, centers: [0], positives: [1], negatives: [1], identical: { positives: 1, negatives: 1 },
    });
  });

  test("density grid: cell y·bins + x, x from A's score, a score of 1 in the last cell", () => {
    // Positives (0.25, 0.75) → x 0, y 1 → 2; (0.5, 0.5) → 3. Negatives (0.75, 0.5) → 3, (0.1, 0.1) → 0, (0, 1) → 2.
    expect(scoreDensityGrid(rows, 2)).toEqual({ bins: 2, positives: [0, 0, 1, 1], negatives: [1, 0, 1, 1] });
    const big = scoreDensityGrid(syntheticRows(2));
    expect(big.positives).toHaveLength(10_000);
    expect(big.positives.reduce((s, c) => s + c, 0) + big.negatives.reduce((s, c) => s + c, 0)).toBe(3000);
  });

  test("disagreements: rows only one model flags, largest score difference first", () => {
    // At 0.5 / 0.5: row 0 (0.25 → 0.75) only B, row 2 (0.75 → 0.5) flagged by both, row 4 (0 → 1) only B.
    const flagsDiffer = rowsOf([0.25, 0.5, 0.75, 0.1, 0, 0.6], [0.75, 0.5, 0.5, 0.1, 1, 0.45], [1, 1, 0, 0, 0, 1]);
    expect(disagreements(flagsDiffer, 0.5, 0.5)).toEqual({ rows: [4, 0, 5], total: 3 });
    expect(disagreements(flagsDiffer, 0.5, 0.5, 1, 1)).toEqual({ rows: [0], total: 3 });
  });
});
