import { describe, expect, test } from "vitest";
import { logBinomialPmf, mcnemarMidP, stirlingError } from "@/lib/compare";

/** An exact non-negative rational num / 2^shift as a double (num's top 62 bits, then a power of two). */
function ratioToNumber(num: bigint, shift: number): number {
  const extra = Math.max(0, num.toString(2).length - 62);
  return Number(num >> BigInt(extra)) * 2 ** (extra - shift);
}

/** The mid-p by brute force: (2·Σ_{k<m} C(n,k) + C(n,m)) / 2ⁿ with every binomial coefficient exact. */
function exactMidP(onlyA: number, onlyB: number): number {
  const n = onlyA + onlyB;
  if (n === 0) return 1;
  const m = Math.min(onlyA, onlyB);
  let choose = 1n; // C(n, k)
  let sum = 0n;
  for (let k = 0; k < m; k++) {
    sum += 2n * choose;
    choose = (choose * BigInt(n - k)) / BigInt(k + 1);
  }
  sum += choose;
  return Math.min(1, ratioToNumber(sum, n));
}

/** ln C(n, k) + n ln ½ exactly enough: the log of the exact rational. */
function exactLogPmfHalf(k: number, n: number): number {
  let choose = 1n;
  for (let j = 0; j < k; j++) choose = (choose * BigInt(n - j)) / BigInt(j + 1);
  const bits = choose.toString(2).length;
  const extra = Math.max(0, bits - 62);
  return Math.log(Number(choose >> BigInt(extra))) + (extra - n) * Math.LN2;
}

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / expected;

describe("McNemar's mid-p test", () => {
  test.each([
    // Worked by hand: p = 2·P(X < m) + P(X = m) with X ~ Binomial(onlyA + onlyB, ½).
    { onlyA: 0, onlyB: 0, p: 1 },
    { onlyA: 1, onlyB: 0, p: 0.5 },
    { onlyA: 0, onlyB: 2, p: 0.25 },
    { onlyA: 3, onlyB: 1, p: 0.375 }, // (2·1 + 4) / 16
    { onlyA: 5, onlyB: 5, p: 1 },
    { onlyA: 1, onlyB: 6, p: 0.0703125 }, // (2·1 + 7) / 128
    { onlyA: 10, onlyB: 0, p: 1 / 1024 },
  ])("onlyA $onlyA, onlyB $onlyB: $p", ({ onlyA, onlyB, p }) => {
    expect(mcnemarMidP(onlyA, onlyB)).toBeCloseTo(p, 15);
  });

  test("matches exact binomial sums for every table up to 60 discordant pairs", () => {
    let worst = 0;
    for (let n = 1; n <= 60; n++) {
      for (let onlyA = 0; onlyA <= n; onlyA++) worst = Math.max(worst, relative(mcnemarMidP(onlyA, n - onlyA), exactMidP(onlyA, n - onlyA)));
    }
    expect(worst).toBeLessThan(1e-13);
  });

  test.each([
    [480, 520], [950, 1050], [4_850, 5_150], [9_700, 10_300], [9_990, 10_010], [10, 990], [3, 1000],
  ])("large tables match exact sums: onlyA %s, onlyB %s", (onlyA, onlyB) => {
    expect(relative(mcnemarMidP(onlyA, onlyB), exactMidP(onlyA, onlyB))).toBeLessThan(1e-12);
  });

  test("millions of discordant pairs: symmetric, in (0, 1], near the normal approximation", () => {
    const n = 4_000_000;
    const m = n / 2 - 2_000; // z = −2000 / (√n / 2) = −2
    const p = mcnemarMidP(m, n - m);
    expect(mcnemarMidP(n - m, m)).toBe(p);
    // The mid-p is close to the uncorrected normal tail 2Φ(−2) = 0.04550026389635842 (Python, math.erfc(√2)).
    expect(relative(p, 0.04550026389635842)).toBeLessThan(1e-3);
    expect(mcnemarMidP(n / 2, n / 2)).toBe(1);
    expect(mcnemarMidP(0, n)).toBe(0); // 2^−4,000,000 underflows: honestly 0 in doubles
  });
});

describe("the log-space binomial pmf", () => {
  test("stirlingError: ln n! − ln(√(2πn)(n/e)ⁿ) from exact factorials, across the table/series switch", () => {
    for (const n of [1, 2, 5, 15, 16, 20, 36, 81, 501]) {
      let logFactorial = 0;
      for (let k = 2; k <= n; k++) logFactorial += Math.log(k);
      const expected = logFactorial - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI);
      // The direct form loses digits to cancellation as n grows (the series does not).
      expect(Math.abs(stirlingError(n) - expected)).toBeLessThan(1e-13 * Math.max(1, n / 10));
    }
    expect(stirlingError(1)).toBeCloseTo(0.0810614667953272, 15);
  });

  test.each([[0, 10], [3, 10], [10, 10], [500, 1000], [1234, 3000], [2900, 3000]])("ln P(X = %s), n = %s, p = ½, against the exact coefficient", (k, n) => {
    expect(Math.abs(logBinomialPmf(k, n, 0.5) - exactLogPmfHalf(k, n))).toBeLessThan(1e-12);
  });

  test("other p: sums to 1, and the edges", () => {
    for (const [n, p] of [[30, 0.1], [200, 0.93]]) {
      let total = 0;
      for (let k = 0; k <= n; k++) total += Math.exp(logBinomialPmf(k, n, p));
      expect(total).toBeCloseTo(1, 13);
    }
    expect(logBinomialPmf(-1, 5, 0.3)).toBe(Number.NEGATIVE_INFINITY);
    expect(logBinomialPmf(0, 5, 0)).toBe(0);
    expect(logBinomialPmf(5, 5, 1)).toBe(0);
  });
});
