import { randomGamma } from "d3";
import { describe, expect, test } from "vitest";
import { betaCdf, betaQuantile, lnGamma, proportionCounts, shareInterval, shareQuantile } from "../../lib/audit";
import { seededRandom } from "../../lib/demo/random";

/** P(Binomial(n, p) >= k), summed term by term (brute force, independent of betaCdf). */
function binomialTail(n: number, k: number, p: number): number {
  let sum = 0;
  for (let j = k; j <= n; j++) sum += Math.exp(lnFactorial(n) - lnFactorial(j) - lnFactorial(n - j) + j * Math.log(p) + (n - j) * Math.log1p(-p));
  return sum;
}
const LN_FACTORIAL = [0];
for (let i = 1; i <= 5000; i++) LN_FACTORIAL.push(LN_FACTORIAL[i - 1] + Math.log(i));
const lnFactorial = (n: number) => LN_FACTORIAL[n];
/** The p in (0, 1) where an increasing function of p crosses `target`, by bisection. */
function solve(f: (p: number) => number, target: number): number {
  let [lo, hi] = [0, 1];
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("incomplete beta", () => {
  test("lnGamma(n) is ln((n−1)!)", () => {
    for (let n = 1; n <= 40; n++) expect(lnGamma(n)).toBeCloseTo(lnFactorial(n - 1), 11);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });

  test.each([
    [1, 1], [7, 3], [30, 1], [30, 30], [200, 17], [2000, 1500],
  ])("I_p(k, n−k+1) = P(Bin(n, p) ≥ k) for n=%i k=%i", (n, k) => {
    for (const p of [0.0005, 0.01, 0.3, 0.5, 0.77, 0.999]) expect(betaCdf(p, k, n - k + 1)).toBeCloseTo(binomialTail(n, k, p), 10);
  });

  test.each([
    [0.5, 0.5], [0.05, 3], [1, 100], [3, 1], [12.5, 40.2], [400, 1600], [1e5, 3e5], [2, 1e6],
  ])("betaQuantile inverts betaCdf for a=%d b=%d", (a, b) => {
    for (const p of [1e-4, 0.025, 0.5, 0.975]) {
      const x = betaQuantile(p, a, b);
      expect(Math.abs(betaCdf(x, a, b) - p) / p).toBeLessThan(1e-8);
    }
  });

  test("closed forms: Beta(1, n) and Beta(n, 1) quantiles", () => {
    expect(betaQuantile(0.975, 1, 50)).toBeCloseTo(1 - 0.025 ** (1 / 50), 13);
    expect(betaQuantile(0.025, 50, 1)).toBeCloseTo(0.025 ** (1 / 50), 13);
  });
});

/** Clopper–Pearson by brute force: binomial tails solved by bisection. */
function clopperPearson(x: number, n: number): [number, number] {
  const lower = x === 0 ? 0 : solve((p) => binomialTail(n, x, p), 0.025);
  const upper = x === n ? 1 : solve((p) => binomialTail(n, x + 1, p), 0.975);
  return [lower, upper];
}
/** The binomial mid-p interval by brute force: P(X > x) + ½P(X = x) = 2.5% and 97.5%. */
function midP(x: number, n: number): [number, number] {
  const f = (p: number) => 0.5 * ((x === 0 ? 1 : binomialTail(n, x, p)) + binomialTail(n, x + 1, p));
  return [x === 0 ? 0 : solve(f, 0.025), x === n ? 1 : solve(f, 0.975)];
}

describe("shareInterval", () => {
  // With equal weights w and Poisson variances w²·count, the Fay–Feuer share is exactly binomial.
  const counts = (x: number, y: number, w: number) => [
    { estimate: w * x, variance: w * w * x, heaviest: w },
    { estimate: w * y, variance: w * w * y, heaviest: w },
  ] as const;

  test.each([
    [0, 40], [1, 40], [3, 97], [20, 20], [39, 1], [40, 0], [250, 550],
  ])("exact: Clopper–Pearson for %i of %i + that", (x, y) => {
    const [lo, hi] = shareInterval(...counts(x, y, 37.5), "exact");
    const [cpLo, cpHi] = clopperPearson(x, x + y);
    expect(lo).toBeCloseTo(cpLo, 9);
    expect(hi).toBeCloseTo(cpHi, 9);
  });

  test.each([
    [0, 40], [1, 40], [5, 95], [20, 20], [40, 0],
  ])("mid-p: the binomial mid-p interval for %i and %i", (x, y) => {
    const [lo, hi] = shareInterval(...counts(x, y, 2), "mid-p");
    const [mLo, mHi] = midP(x, x + y);
    expect(lo).toBeCloseTo(mLo, 8);
    expect(hi).toBeCloseTo(mHi, 8);
  });

  test("a domain proportion with effective sample size n* and a pseudo-row of N/n* is Korn–Graubard (CP on x* of n*)", () => {
    const [N, p, v] = [50_000, 0.12, 0.12 * 0.88 / 300]; // design variance of p̂ worth n* = 300
    const [pos, neg] = proportionCounts(p * N, N, v * N * N, { positives: 0, negatives: 0 }, N / 300);
    const [lo, hi] = shareInterval(pos, neg, "exact");
    expect(lo).toBeCloseTo(betaQuantile(0.025, 36, 300 - 36 + 1), 9);
    expect(hi).toBeCloseTo(betaQuantile(0.975, 37, 300 - 36), 9);
  });

  test("a zero count is bounded by its heaviest row: [0, 1 − 0.025^(1/n)] with n = rows / heaviest", () => {
    const [pos, neg] = proportionCounts(0, 8_000, 0, { positives: 0, negatives: 8_000 * 200 }, 200);
    const [lo, hi] = shareInterval(pos, neg, "exact");
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(1 - 0.025 ** (1 / 40), 9);
  });

  test("shareQuantile of unequal gamma scales matches a seeded simulation of X/(X+Y)", () => {
    const random = seededRandom(11);
    const [x, y] = [{ shape: 2.5, scale: 30 }, { shape: 7, scale: 4 }];
    const gx = randomGamma.source(random)(x.shape, x.scale);
    const gy = randomGamma.source(random)(y.shape, y.scale);
    const draws = Float64Array.from({ length: 200_000 }, () => {
      const [a, b] = [gx(), gy()];
      return a / (a + b);
    }).sort();
    for (const q of [0.025, 0.5, 0.975]) expect(shareQuantile(q, x, y)).toBeCloseTo(draws[Math.floor(q * draws.length)], 2);
  });
});
