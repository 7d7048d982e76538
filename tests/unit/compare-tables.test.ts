import { describe, expect, test } from "vitest";
import { checkMatchedRows, cohenKappa, pairedCounts, seededRandom, sliceDifferences, tallyCells, type MatchedRows } from "@/lib/compare";

const rowsOf = (scoresA: number[], scoresB: number[], labels: number[], slices?: MatchedRows["slices"]): MatchedRows => ({
  scoresA: Float64Array.from(scoresA),
  scoresB: Float64Array.from(scoresB),
  labels: Uint8Array.from(labels),
  slices,
});

// Eight examples at thresholds A 0.5, B 0.6 (a score equal to the threshold is flagged):
//   positives: (0.9, 0.9) both, (0.5, 0.2) only A, (0.3, 0.6) only B, (0.1, 0.1) neither, (0.7, 0.65) both
//   negatives: (0.55, 0.1) only A, (0.2, 0.3) neither, (0.4, 0.8) only B
const fixture = rowsOf([0.9, 0.5, 0.3, 0.1, 0.7, 0.55, 0.2, 0.4], [0.9, 0.2, 0.6, 0.1, 0.65, 0.1, 0.3, 0.8], [1, 1, 1, 1, 1, 0, 0, 0]);

describe("paired tables at two thresholds", () => {
  test("the fixture's tables, confusion matrices, correctness and agreement", () => {
    const counts = pairedCounts(tallyCells(fixture, 0.5, 0.6));
    expect(counts.positives).toEqual({ both: 2, onlyA: 1, onlyB: 1, neither: 1, pValue: 1 });
    expect(counts.negatives).toEqual({ both: 0, onlyA: 1, onlyB: 1, neither: 1, pValue: 1 });
    expect(counts.a).toEqual({ tp: 3, fp: 1, tn: 2, fn: 2 });
    expect(counts.b).toEqual({ tp: 3, fp: 1, tn: 2, fn: 2 });
    // Right by A only: the positive only A flags + the negative only B flags; and the reverse.
    expect(counts.correctness).toEqual({ onlyA: 2, onlyB: 2, pValue: 1 });
    // Over all rows: both 2, only A 2, only B 2, neither 2; p_A = p_B = ½, pₑ = ½, pₒ = ½ → κ = 0.
    expect(counts.agreement).toEqual({ share: 0.5, kappa: 0 });
  });

  test("an uneven table gets McNemar's mid-p per class", () => {
    // Positives: only A flags all four (0.6 ≥ 0.5, 0.6 < 0.7): onlyA 4, onlyB 0 → p = 1/16.
    const rows = rowsOf([0.6, 0.6, 0.6, 0.6, 0.1], [0.6, 0.6, 0.6, 0.6, 0.9], [1, 1, 1, 1, 0]);
    const counts = pairedCounts(tallyCells(rows, 0.5, 0.7));
    expect(counts.positives).toEqual({ both: 0, onlyA: 4, onlyB: 0, neither: 0, pValue: 0.0625 });
    expect(counts.negatives).toEqual({ both: 0, onlyA: 0, onlyB: 1, neither: 0, pValue: 0.5 });
    // Right by A only: the four positives and the negative B flags; p = P(X = 0) = 1/32.
    expect(counts.correctness).toEqual({ onlyA: 5, onlyB: 0, pValue: 0.03125 });
  });

  test("matches a row-by-row count on random rows", () => {
    const random = seededRandom(3);
    const n = 5000;
    const rows = rowsOf(Array.from({ length: n }, random), Array.from({ length: n }, random), Array.from({ length: n }, () => (random() < 0.2 ? 1 : 0)));
    const [tA, tB] = [0.31, 0.47];
    const counts = pairedCounts(tallyCells(rows, tA, tB));
    let tpA = 0, fpA = 0, onlyBNeg = 0, bothPos = 0;
    for (let i = 0; i < n; i++) {
      const a = rows.scoresA[i] >= tA;
      const b = rows.scoresB[i] >= tB;
      if (rows.labels[i] === 1 && a) tpA++;
      if (rows.labels[i] === 0 && a) fpA++;
      if (rows.labels[i] === 0 && b && !a) onlyBNeg++;
      if (rows.labels[i] === 1 && a && b) bothPos++;
    }
    expect([counts.a.tp, counts.a.fp, counts.negatives.onlyB, counts.positives.both]).toEqual([tpA, fpA, onlyBNeg, bothPos]);
    expect(counts.a.tp + counts.a.fp + counts.a.tn + counts.a.fn).toBe(n);
  });
});

describe("Cohen's κ of the flag decisions", () => {
  test.each([
    // A flags 3 of 5, B 2 of 5, agreeing on 4: pₑ = 0.6·0.4 + 0.4·0.6 = 0.48, κ = (0.8 − 0.48) / 0.52.
    { both: 2, onlyA: 1, onlyB: 0, neither: 2, kappa: 0.32 / 0.52 },
    { both: 3, onlyA: 0, onlyB: 0, neither: 7, kappa: 1 },
    { both: 0, onlyA: 5, onlyB: 5, neither: 0, kappa: -1 },
    { both: 0, onlyA: 4, onlyB: 0, neither: 0, kappa: 0 }, // A flags all, B none: scikit-learn gives 0
    { both: 0, onlyA: 0, onlyB: 0, neither: 6, kappa: null }, // pₑ = 1: undefined (scikit-learn: NaN)
    { both: 0, onlyA: 0, onlyB: 0, neither: 0, kappa: null },
  ])("$both / $onlyA / $onlyB / $neither → $kappa", ({ both, onlyA, onlyB, neither, kappa }) => {
    const result = cohenKappa(both, onlyA, onlyB, neither);
    if (kappa === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(kappa, 15);
  });
});

describe("per-slice differences", () => {
  test("each value's tp / fp / fn of both models and B − A", () => {
    // The fixture with a slice: rows 0–3 "FR", rows 4–7 "DE"; "IT" has no rows and is left out.
    const slices = [{ column: "country", codes: Uint16Array.from([0, 0, 0, 0, 1, 1, 1, 1]), values: ["FR", "DE", "IT"] }];
    const rows = { ...fixture, slices };
    const codes = new Uint8Array(8);
    tallyCells(rows, 0.5, 0.6, codes);
    expect(sliceDifferences(rows, codes)).toEqual([
      {
        column: "country",
        values: [
          { value: "FR", rows: 4, positives: 4, negatives: 0, a: { tp: 2, fp: 0, fn: 2 }, b: { tp: 2, fp: 0, fn: 2 }, difference: { tp: 0, fp: 0, fn: 0 } },
          { value: "DE", rows: 4, positives: 1, negatives: 3, a: { tp: 1, fp: 1, fn: 0 }, b: { tp: 1, fp: 1, fn: 0 }, difference: { tp: 0, fp: 0, fn: 0 } },
        ],
      },
    ]);
    tallyCells(rows, 0.5, 0.95, codes); // B now flags nothing
    const [fr, de] = sliceDifferences(rows, codes)[0].values;
    expect(fr.difference).toEqual({ tp: -2, fp: 0, fn: 2 });
    expect(de.difference).toEqual({ tp: -1, fp: -1, fn: 1 });
  });
});

describe("checking the matched rows", () => {
  test.each([
    [rowsOf([0.1], [0.2, 0.3], [1]), "matched rows differ in length: 1 scores of A, 2 of B, 1 labels"],
    [rowsOf([0.1, 0.2], [0.2, 0.3], [1, 2]), "row 1: label 2 is not 0 or 1"],
    [rowsOf([0.1, 1.2], [0.2, 0.3], [1, 0]), "row 1: score of A 1.2 is not in [0, 1]"],
    [rowsOf([0.1, 0.2], [Number.NaN, 0.3], [1, 0]), "row 0: score of B NaN is not in [0, 1]"],
    [rowsOf([0.1], [0.2], [1], [{ column: "c", codes: Uint16Array.from([3]), values: ["x"] }]), 'row 0: slice "c" code 3 has no value'],
  ])("%#: %s", (rows, message) => {
    expect(() => checkMatchedRows(rows)).toThrow(message);
  });

  test("counts the classes", () => {
    expect(checkMatchedRows(fixture)).toEqual({ positives: 5, negatives: 3 });
  });
});
