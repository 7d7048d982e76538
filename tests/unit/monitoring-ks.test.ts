import { describe, expect, test } from "vitest";
import { kolmogorovSurvival, ksPValue, ksStatistic, prepareTable } from "@/lib/monitoring";
import { periodOf, seededRandom, unlabeledOf } from "./monitoring-fixtures";

const ks = (a: Parameters<typeof prepareTable>[0], b: Parameters<typeof prepareTable>[0]) => ksStatistic(prepareTable(a), prepareTable(b));

/** D by brute force from the definition: both right-continuous ECDFs counted at every value of the union. */
function bruteForceKs(a: number[], b: number[]): number {
  let d = 0;
  for (const x of [...a, ...b]) {
    const fa = a.filter((s) => s <= x).length / a.length;
    const fb = b.filter((s) => s <= x).length / b.length;
    d = Math.max(d, Math.abs(fa - fb));
  }
  return d;
}

describe("ksStatistic, worked by hand", () => {
  test.each([
    // name, reference rows, period rows, D
    ["overlapping halves: F − G at 2, 3 and 4 is 1/2", [1, 2, 3, 4], [3, 4, 5, 6], 0.5],
    ["disjoint samples", [0.1, 0.2], [0.3, 0.4, 0.5], 1],
    ["the same distribution with other multiplicities", [0.1, 0.1, 0.9, 0.9], [0.1, 0.9], 0],
    // Both ECDFs jump at 0.5 together: F(0.5) = 1, G(0.5) = 1/2. A walk that steps one row at a
    // time would see F = 1, G = 0 between the tied rows and answer 1.
    ["a tie across the samples counts at once", [0.5, 0.5], [0.5, 0.7], 0.5],
    // F at 0.2, 0.5, 0.8: 1/2, 3/4, 1; G: 0, 3/4, 1.
    ["ties within each sample", [0.2, 0.2, 0.5, 0.8], [0.5, 0.5, 0.5, 0.8], 0.5],
    ["one row each, same score", [0.3], [0.3], 0],
  ])("%s", (_name, a, b, d) => {
    expect(ks(unlabeledOf(a), unlabeledOf(b))).toBe(d);
    expect(ks(unlabeledOf(b), unlabeledOf(a))).toBe(d);
  });

  test("every row counts, labelled or not, with its multiplicity", () => {
    // Reference: 0.3 (1 positive), 0.6 (1 negative), 0.9 (2 unlabelled) → F = 1/4, 1/2, 1.
    // Period: 0.3 (2 unlabelled), 0.9 (1 positive, 1 negative) → G = 1/2, 1/2, 1. D = 1/4.
    const reference = periodOf([[0.3, 1, 0, 0], [0.6, 0, 1, 0], [0.9, 0, 0, 2]]);
    const period = periodOf([[0.3, 0, 0, 2], [0.9, 1, 1, 0]]);
    expect(ks(reference, period)).toBe(0.25);
  });

  test("scores present with zero rows change nothing", () => {
    expect(ks(periodOf([[0.1, 0, 0, 1], [0.4, 0, 0, 0], [0.5, 0, 0, 1]]), unlabeledOf([0.45, 0.5]))).toBe(0.5);
  });

  test("no rows on either side: no statistic", () => {
    expect(ks(unlabeledOf([]), unlabeledOf([0.5]))).toBeNull();
    expect(ks(unlabeledOf([0.5]), periodOf([[0.5, 0, 0, 0]]))).toBeNull();
  });
});

describe("ksStatistic against the brute-force ECDF comparison", () => {
  test.each([
    ["4-decimal scores from 20 values (many ties)", (r: () => number) => Math.floor(r() * 20) / 20],
    ["full-precision scores", (r: () => number) => r() ** 2],
    ["mostly one score", (r: () => number) => (r() < 0.8 ? 0.5 : Math.round(r() * 1e4) / 1e4)],
  ])("%s: 300 seeded pairs of samples agree to 1e-12", (_name, draw) => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 300; trial++) {
      const a = Array.from({ length: 1 + Math.floor(random() * 60) }, () => draw(random));
      const shift = random() < 0.5 ? 0 : 0.1;
      const b = Array.from({ length: 1 + Math.floor(random() * 60) }, () => Math.min(1, draw(random) + shift));
      expect(ks(unlabeledOf(a), unlabeledOf(b))).toBeCloseTo(bruteForceKs(a, b), 12);
    }
  });


  test("lopsided sizes (a few rows against hundreds, both ways round): 100 seeded pairs agree to 1e-12", () => {
    const random = seededRandom(8);
    for (let trial = 0; trial < 100; trial++) {
      const draw = trial % 2 ? () => random() : () => Math.floor(random() * 50) / 50;
      const few = Array.from({ length: 1 + Math.floor(random() * 5) }, draw);
      const many = Array.from({ length: 200 + Math.floor(random() * 400) }, () => (trial % 4 < 2 ? draw() : draw() ** 1.5));
      expect(ks(unlabeledOf(few), unlabeledOf(many))).toBeCloseTo(bruteForceKs(few, many), 12);
      expect(ks(unlabeledOf(many), unlabeledOf(few))).toBeCloseTo(bruteForceKs(few, many), 12);
    }
  });
});

describe("Kolmogorov p-values", () => {
  test.each([
    // Quantiles of Kolmogorov's limiting distribution (scipy: kstwobign.isf(p)).
    [0.8275735551899077, 0.5],
    [1.2238478702170825, 0.1],
    [1.3580986393225505, 0.05],
    [1.6276236115189502, 0.01],
  ])("P(K > %s) = %s", (lambda, p) => expect(kolmogorovSurvival(lambda)).toBeCloseTo(p, 12));

  test("the small-λ and large-λ series are the same function (Jacobi): they agree to 1e-15 around the switch", () => {
    const large = (l: number) => 2 * [1, 2, 3, 4, 5, 6, 7, 8].reduce((s, k) => s + (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * l * l), 0);
    for (const l of [0.9, 1.0, 1.1, 1.17, 1.18, 1.19, 1.3]) expect(kolmogorovSurvival(l)).toBeCloseTo(large(l), 15);
  });

  test("edges: λ ≤ 0 gives 1, large λ underflows towards 0, monotone in between", () => {
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(-1)).toBe(1);
    expect(kolmogorovSurvival(0.1)).toBe(1);
    expect(kolmogorovSurvival(10)).toBeLessThan(1e-80);
    let last = 1;
    for (let l = 0.05; l < 4; l += 0.05) {
      const p = kolmogorovSurvival(l);
      expect(p).toBeLessThanOrEqual(last);
      last = p;
    }
  });

  test("the effective size n·m/(n+m): D = 0.1 between 200 and 200 rows is λ = √100 · 0.1 = 1", () => {
    expect(ksPValue(0.1, 200, 200)).toBe(kolmogorovSurvival(1));
    expect(ksPValue(0.1, 100, 300)).toBe(kolmogorovSurvival(Math.sqrt(75) * 0.1));
    expect(ksPValue(0.5, 0, 10)).toBe(1);
  });
});
