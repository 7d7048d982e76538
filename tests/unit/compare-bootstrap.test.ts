import { describe, expect, test } from "vitest";
import { binomialSample, cellOf, logBinomialPmf, multinomialSample, pairedBootstrap, quantileSorted, regularizedGammaQ, seededRandom } from "@/lib/compare";

/** Pearson's goodness-of-fit p of observed counts against expected ones (bins pooled to ≥ 5 expected). */
function goodnessOfFit(observed: number[], expected: number[]): number {
  let chi = 0;
  let bins = 0;
  let o = 0;
  let e = 0;
  for (let i = 0; i < observed.length; i++) {
    o += observed[i];
    e += expected[i];
    if (e >= 5 || i === observed.length - 1) {
      chi += (o - e) ** 2 / e;
      bins++;
      o = 0;
      e = 0;
    }
  }
  return regularizedGammaQ((bins - 1) / 2, chi / 2);
}

describe("exact binomial and multinomial draws", () => {
  test.each([
    [20, 0.3], // inversion (n·p = 6)
    [50, 0.9], // 1 − p = 0.1: inversion of the complement
    [1000, 0.02], // rejection (n·p = 20)
    [1000, 0.3],
    [1_000_000, 0.5],
    [3_000_000, 0.001],
  ])("Binomial(%s, %s) fits its pmf", (n, p) => {
    const random = seededRandom(n + Math.round(p * 1000));
    const draws = 20_000;
    const mean = n * p;
    const sd = Math.sqrt(n * p * (1 - p));
    const lo = Math.max(0, Math.floor(mean - 6 * sd));
    const hi = Math.min(n, Math.ceil(mean + 6 * sd));
    const observed = new Array(hi - lo + 1).fill(0);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < draws; i++) {
      const x = binomialSample(n, p, random);
      if (x >= lo && x <= hi && Number.isInteger(x)) observed[x - lo]++;
      else outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    const expected = observed.map((_, j) => draws * Math.exp(logBinomialPmf(lo + j, n, p)));
    expect(goodnessOfFit(observed, expected)).toBeGreaterThan(0.001);
    expect(Math.abs(sum / draws - mean)).toBeLessThan((4 * sd) / Math.sqrt(draws));
  });

  test("edge cases: p = 0, p = 1, n = 0", () => {
    const random = seededRandom(1);
    expect([binomialSample(10, 0, random), binomialSample(10, 1, random), binomialSample(0, 0.5, random)]).toEqual([0, 10, 0]);
  });

  test("Multinomial(3; ½, ⅓, ⅙) fits its ten outcomes", () => {
    const random = seededRandom(8);
    const out = new Float64Array(3);
    const seen = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const key = multinomialSample(3, [3, 2, 1], random, out).join(",");
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const outcomes: [number, number, number][] = [];
    for (let a = 0; a <= 3; a++) for (let b = 0; a + b <= 3; b++) outcomes.push([a, b, 3 - a - b]);
    const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
    const probability = ([a, b, c]: number[]) => (6 / (factorial(a) * factorial(b) * factorial(c))) * (1 / 2) ** a * (1 / 3) ** b * (1 / 6) ** c;
    expect(goodnessOfFit(outcomes.map((o) => seen.get(o.join(",")) ?? 0), outcomes.map((o) => 30_000 * probability(o)))).toBeGreaterThan(0.001);
    expect([...seen.keys()].every((k) => k.split(",").map(Number).reduce((s, x) => s + x, 0) === 3)).toBe(true);
  });

  test("quantiles interpolate linearly, as numpy's default", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 15);
    expect(quantileSorted([7], 0.975)).toBe(7);
  });
});

/** Cell counts from per-class (onlyA, onlyB, both, neither). */
function cellsOf(positives: number[], negatives: number[]): Float64Array {
  const cells = new Float64Array(8);
  [positives, negatives].forEach(([onlyA, onlyB, both, neither], k) => {
    const label = k === 0 ? 1 : 0;
    cells[cellOf(label, true, false)] = onlyA;
    cells[cellOf(label, false, true)] = onlyB;
    cells[cellOf(label, true, true)] = both;
    cells[cellOf(label, false, false)] = neither;
  });
  return cells;
}

describe("the paired bootstrap of the daily differences", () => {
  // 560 positives (A alone catches 12, B alone 5) and 16,000 negatives (A alone flags 30, B alone 41);
  // 8,280 a day with the demo's prevalence: 280 positives and 8,000 negatives a day.
  const cells = cellsOf([12, 5, 500, 43], [30, 41, 330, 15_599]);
  const traffic = { volumePerDay: 8280, prevalence: 560 / 16560 };

  test("point differences scale the discordant cells by the class a day", () => {
    const d = pairedBootstrap(cells, traffic, { replicates: 200 });
    expect(d.missed.perDay).toBeCloseTo(((12 - 5) / 560) * 280, 10); // B misses 3.5 more a day
    expect(d.caught.perDay).toBeCloseTo(-3.5, 10);
    expect(d.falseAlarms.perDay).toBeCloseTo(((41 - 30) / 16000) * 8000, 10); // 5.5 more
    expect(d.flagged.perDay).toBeCloseTo(2, 10);
    expect(d.bootstrap).toEqual({ replicates: 200, seed: 1 });
    const [lo, hi] = d.caught.range as [number, number];
    expect(lo).toBeLessThan(-3.5);
    expect(hi).toBeGreaterThan(-3.5);
    const [missedLo, missedHi] = d.missed.range as [number, number];
    expect(missedLo).toBeCloseTo(-hi, 12);
    expect(missedHi).toBeCloseTo(-lo, 12);
    expect(d.missed.upper as number).toBeLessThan(-lo);
  });

  test("seeded: the same seed gives the same ranges, another seed others", () => {
    const a = pairedBootstrap(cells, traffic, { seed: 7, replicates: 500 });
    expect(pairedBootstrap(cells, traffic, { seed: 7, replicates: 500 })).toEqual(a);
    expect(pairedBootstrap(cells, traffic, { seed: 8, replicates: 500 }).caught.range).not.toEqual(a.caught.range);
    expect(() => pairedBootstrap(cells, traffic, { replicates: 0 })).toThrow("the bootstrap needs a whole number of replicates, 1 or more, got 0");
  });

  test("no discordant rows: 0 with a range of [0, 0]; a class absent from the rows: unknown", () => {
    const same = pairedBootstrap(cellsOf([0, 0, 5, 5], [0, 0, 3, 87]), traffic);
    expect(same.caught).toEqual({ perDay: 0, range: [0, 0], upper: 0 });
    const noPositives = pairedBootstrap(cellsOf([0, 0, 0, 0], [4, 1, 3, 92]), traffic);
    expect(noPositives.caught).toEqual({ perDay: null, range: null, upper: null });
    expect(noPositives.falseAlarms.perDay).toBeCloseTo((-3 / 100) * 8000, 10);
  });

  test("coverage: the 95% ranges hold the true difference about 95% of the time (seeded simulation)", () => {
    // Population cells: positives only A 0.004, only B 0.007, concordant 0.039 (5% positive);
    // negatives only A 0.010, only B 0.006, concordant 0.934. 10,000 a day at 5% positive.
    const probabilities = [0.004, 0.007, 0.039, 0.01, 0.006, 0.934];
    const truth = { missed: ((0.004 - 0.007) / 0.05) * 500, falseAlarms: ((0.006 - 0.01) / 0.95) * 9500 };
    const random = seededRandom(2024);
    const samples = 400;
    const n = 4000;
    const held = { caught: 0, missed: 0, falseAlarms: 0, upperMissed: 0 };
    for (let s = 0; s < samples; s++) {
      const counts = [0, 0, 0, 0, 0, 0];
      for (let i = 0; i < n; i++) {
        let u = random();
        let cell = 0;
        while (cell < 5 && u >= probabilities[cell]) u -= probabilities[cell++];
        counts[cell]++;
      }
      const sample = cellsOf([counts[0], counts[1], counts[2], 0], [counts[3], counts[4], counts[5], 0]);
      const d = pairedBootstrap(sample, { volumePerDay: 10_000, prevalence: 0.05 }, { replicates: 1000, seed: s + 1 });
      const inside = (r: [number, number] | null, x: number) => (r && r[0] <= x && x <= r[1] ? 1 : 0);
      held.caught += inside(d.caught.range, -truth.missed);
      held.missed += inside(d.missed.range, truth.missed);
      held.falseAlarms += inside(d.falseAlarms.range, truth.falseAlarms);
      held.upperMissed += (d.missed.upper as number) >= truth.missed ? 1 : 0;
    }
    // 95% ± 2.6 standard errors of a share over 400 samples (±2.8%).
    for (const count of Object.values(held)) {
      expect(count / samples).toBeGreaterThan(0.922);
      expect(count / samples).toBeLessThan(0.978);
    }
  });
});
