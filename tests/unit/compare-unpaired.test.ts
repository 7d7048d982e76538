import { describe, expect, test } from "vitest";
import { compareUnpaired, newcombeInterval, sampleRatioCheck, Z95_ONE_SIDED } from "@/lib/compare";
import { wilsonInterval } from "@/lib/story";

describe("Newcombe's hybrid score interval (method 10)", () => {
  test.each([
    // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10, to 4 decimals.
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])("%s/%s − %s/%s: %s to %s", (k1, n1, k2, n2, lo, hi) => {
    const [l, u] = newcombeInterval(k1, n1, k2, n2) as [number, number];
    expect(l).toBeCloseTo(lo, 4);
    expect(u).toBeCloseTo(hi, 4);
  });

  test.each([
    // The Wilson intervals it is built from: Newcombe (1998), Stat Med 17:857–872, Table I, method 3.
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("Wilson %s/%s: %s to %s", (k, n, lo, hi) => {
    const [l, u] = wilsonInterval(k, n) as [number, number];
    expect(l).toBeCloseTo(lo, 4);
    expect(u).toBeCloseTo(hi, 4);
  });

  test("no denominator, no interval", () => {
    expect(newcombeInterval(0, 0, 3, 10)).toBeNull();
  });
});

describe("sample-ratio mismatch", () => {
  test.each([
    // χ² = Σ (observed − expected)² / expected; p from Python's math.erfc(√(χ²/2)).
    { a: 5000, b: 5200, share: 0.5, chi: 3.9215686274509802, p: 0.04767038065616144, mismatch: false },
    { a: 50_000, b: 51_000, share: 0.5, chi: 9.900990099009901, p: 0.0016518987323573646, mismatch: false },
    { a: 50_000, b: 51_500, share: 0.5, chi: 22.167487684729064, p: 2.4986952146786022e-6, mismatch: true },
    { a: 2100, b: 7900, share: 0.2, chi: 6.25, p: 0.012419330651552266, mismatch: false },
    { a: 2000, b: 8000, share: 0.2, chi: 0, p: 1, mismatch: false },
  ])("$a against $b, intended $share to A", ({ a, b, share, chi, p, mismatch }) => {
    const check = sampleRatioCheck(a, b, share);
    expect(check.chiSquare).toBeCloseTo(chi, 10);
    expect(Math.abs(check.pValue - p) / p).toBeLessThan(1e-12);
    expect(check.mismatch).toBe(mismatch);
    expect(check.observedShareA).toBeCloseTo(a / (a + b), 15);
  });

  test("an intended share outside (0, 1) is refused", () => {
    expect(() => sampleRatioCheck(1, 1, 1)).toThrow("the intended share of A must be between 0 and 1, got 1");
  });
});

describe("compareUnpaired", () => {
  // Arm A: 80 positives (48 caught), 920 negatives (46 flagged); arm B: 70 positives (56 caught),
  // 950 negatives (19 flagged). 1,000 a day, 10% positive: 100 positives, 900 negatives a day.
  const a = { tp: 48, fn: 32, fp: 46, tn: 874 };
  const b = { tp: 56, fn: 14, fp: 19, tn: 931 };
  const traffic = { volumePerDay: 1000, prevalence: 0.1 };
  const result = compareUnpaired(a, b, traffic, { margins: { missed: 1, falseAlarms: 0 } });

  test("rate differences B − A with Newcombe intervals", () => {
    expect(result.recall.a).toBeCloseTo(0.6, 15);
    expect(result.recall.b).toBeCloseTo(0.8, 15);
    expect(result.recall.difference).toBeCloseTo(0.2, 15);
    expect(result.recall.interval).toEqual(newcombeInterval(56, 70, 48, 80)); // Newcombe's example (a)
    expect(result.falsePositiveRate.difference).toBeCloseTo(19 / 950 - 46 / 920, 15);
    expect(result.precision.difference).toBeCloseTo(56 / 75 - 48 / 94, 15);
    expect(result.precision.interval).toEqual(newcombeInterval(56, 75, 48, 94));
    expect(result.flagRate.interval).toEqual(newcombeInterval(75, 1020, 94, 1000));
  });

  test("daily differences scale the rates by the class a day", () => {
    const [lo, hi] = newcombeInterval(56, 70, 48, 80) as [number, number];
    expect(result.daily.caught.perDay).toBeCloseTo(20, 12);
    expect(result.daily.caught.range?.[0]).toBeCloseTo(lo * 100, 12);
    expect(result.daily.caught.range?.[1]).toBeCloseTo(hi * 100, 12);
    expect(result.daily.missed.perDay).toBeCloseTo(-20, 12);
    expect(result.daily.falseAlarms.perDay).toBeCloseTo((19 / 950 - 46 / 920) * 900, 12);
  });

  test("non-inferiority from the one-sided 95% bound (the 90% interval's upper end)", () => {
    const upperMissed = (newcombeInterval(14, 70, 32, 80, Z95_ONE_SIDED) as [number, number])[1] * 100;
    const upperFalseAlarms = (newcombeInterval(19, 950, 46, 920, Z95_ONE_SIDED) as [number, number])[1] * 900;
    expect(upperMissed).toBeLessThan(1); // B misses fewer, surely
    expect(upperFalseAlarms).toBeLessThan(0);
    expect(result.nonInferiority).toEqual([
      { measure: "missed", margin: 1, upperBound: upperMissed, nonInferior: true, method: "Newcombe hybrid score" },
      { measure: "falseAlarms", margin: 0, upperBound: upperFalseAlarms, nonInferior: true, method: "Newcombe hybrid score" },
    ]);
    const worse = compareUnpaired(b, a, traffic, { margins: { missed: 5 } }).nonInferiority[0];
    expect(worse.nonInferior).toBe(false); // A's arm misses 20 more a day: far beyond 5
  });

  test("the split check uses the arm sizes", () => {
    expect(result.sampleRatio).toMatchObject({ rowsA: 1000, rowsB: 1020, intendedShareA: 0.5, mismatch: false });
  });

  test("an arm without positives: unknown recall and catches", () => {
    const none = compareUnpaired({ tp: 0, fn: 0, fp: 3, tn: 97 }, b, traffic);
    expect(none.recall).toEqual({ a: null, b: 0.8, difference: null, interval: null });
    expect(none.daily.caught).toEqual({ perDay: null, range: null, upper: null });
  });
});
