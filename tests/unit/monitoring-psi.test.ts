import { describe, expect, test } from "vitest";
import { binShares, decileEdges, prepareTable, psi, psiOfShares, quantileLinear } from "@/lib/monitoring";
import { periodOf, seededRandom, unlabeledOf } from "./monitoring-fixtures";

const prepared = (scores: number[]) => prepareTable(unlabeledOf(scores));

/** numpy's np.quantile(x, q) (method "linear") written out on the sorted rows themselves. */
function numpyQuantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h);
  const a = sorted[i];
  const b = sorted[Math.min(i + 1, sorted.length - 1)];
  const t = h - i;
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

describe("decile edges: numpy's default quantile", () => {
  test("1..10: h = 9q, so edge k is 1 + 0.9k (np.quantile(np.arange(1, 11), [.1, …, .9]))", () => {
    const edges = decileEdges(prepared([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))!;
    [1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1].forEach((e, k) => expect(edges[k]).toBeCloseTo(e, 12));
  });

  test("ties are order statistics repeated: 0.1×3, 0.2, 0.4×2, 0.9×4", () => {
    // x = [.1 .1 .1 .2 .4 .4 .9 .9 .9 .9], h = 0.9, 1.8, …, 8.1:
    // q=.3: h=2.7 between x2=.1 and x3=.2 → .17; q=.4: 3.6 → .2 + .6·.2 = .32; q=.6: 5.4 → .4 + .4·.5 = .6.
    const table = prepareTable(periodOf([[0.1, 1, 1, 1], [0.2, 0, 1, 0], [0.4, 0, 0, 2], [0.9, 2, 1, 1]]));
    const edges = decileEdges(table)!;
    [0.1, 0.1, 0.17, 0.32, 0.4, 0.6, 0.9, 0.9, 0.9].forEach((e, k) => expect(edges[k]).toBeCloseTo(e, 12));
    // To the bit as numpy: (n − 1)·q = 9 × 0.6 = 5.3999999999999995, so the 6th edge sits just below
    // 0.6 (0.5999999999999998) and a score of exactly 0.6 falls in the bin above it.
    expect(9 * 0.6).toBe(5.3999999999999995);
    expect(edges[5]).toBe(0.4 + (0.9 - 0.4) * (9 * 0.6 - 5));
    expect(edges[5]).toBeLessThan(0.6);
  });

  test.each([
    ["one row", [0.42], Array(9).fill(0.42)],
    ["two rows 0 and 1: h = q", [0, 1], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]],
    ["all tied", [0.3, 0.3, 0.3], Array(9).fill(0.3)],
  ])("%s", (_name, scores, edges) => {
    decileEdges(prepared(scores))!.forEach((e, k) => expect(e).toBeCloseTo(edges[k], 12));
  });

  test("no rows, no edges", () => expect(decileEdges(prepared([]))).toBeNull());

  test("200 seeded tables with ties: every quantile equals the formula on the expanded sorted rows", () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 80) }, () => Math.floor(random() * 12) / 12);
      const sorted = [...rows].sort((a, b) => a - b);
      const table = prepared(rows);
      for (const q of [0, 0.05, 0.1, 0.25, 0.5, 0.7, 0.9, 0.99, 1]) expect(quantileLinear(table, q)).toBe(numpyQuantile(sorted, q));
    }
  });
});

const floor = (x: number) => Math.max(x, 0.0001);
const term = (p: number, q: number) => (floor(p) - floor(q)) * Math.log(floor(p) / floor(q));

describe("PSI", () => {
  test("1..10 against half at 1, half at 10: two bins of 0.5, eight empty (floored at 0.0001)", () => {
    const expected = 2 * term(0.1, 0.5) + 8 * term(0.1, 0);
    expect(psi(prepared([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), prepared([1, 1, 1, 1, 1, 10, 10, 10, 10, 10]))).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(2 * 0.4 * Math.log(5) + 8 * 0.0999 * Math.log(1000), 12);
  });

  test("a score equal to an edge falls in the bin the edge closes (edge[i−1] < s <= edge[i])", () => {
    // Reference edges [.1 .1 .17 .32 .4 .6 .9 .9 .9]; its shares [.3 0 0 .1 .2 0 .4 0 0 0].
    const reference = prepareTable(periodOf([[0.1, 0, 0, 3], [0.2, 0, 0, 1], [0.4, 0, 0, 2], [0.9, 0, 0, 4]]));
    expect(binShares(reference, decileEdges(reference)!)).toEqual([0.3, 0, 0, 0.1, 0.2, 0, 0.4, 0, 0, 0]);
    // 0.4 closes bin 4 and 0.9 closes bin 6: the period's shares are [0 0 0 0 .5 0 .5 0 0 0]
    // (bins closed on the left would put them in bins 5 and 9).
    const period = prepared([0.4, 0.9]);
    expect(binShares(period, decileEdges(reference)!)).toEqual([0, 0, 0, 0, 0.5, 0, 0.5, 0, 0, 0]);
    const expected = term(0.3, 0) + term(0.1, 0) + term(0.2, 0.5) + term(0.4, 0.5);
    expect(psi(reference, period)).toBeCloseTo(expected, 12);
  });

  test("the same rows, or the same shares with other counts: 0", () => {
    const reference = prepared([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(psi(reference, reference)).toBe(0);
    expect(psi(reference, prepared([0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5, 0.5, 0.6, 0.6, 0.7, 0.7, 0.8, 0.8, 0.9, 0.9, 1, 1]))).toBe(0);
  });

  test("symmetric in its two share lists, and no rows gives null", () => {
    const a = [0.2, 0.1, 0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    const b = [0.05, 0.15, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    expect(psiOfShares(a, b)).toBeCloseTo(psiOfShares(b, a), 15);
    expect(psi(prepared([0.5]), prepared([]))).toBeNull();
    expect(psi(prepared([]), prepared([0.5]))).toBeNull();
  });
});
