import { describe, expect, test } from "vitest";
import { chiSquare1PValue, erfc, logGamma, normalTwoSidedP, regularizedGammaQ, Z95, Z95_ONE_SIDED } from "@/lib/compare";

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe("erfc and the regularized gamma function", () => {
  // Reference values from Python's math.erfc and math.lgamma (the C library's, within 1 ulp).
  test.each([
    [0, 1],
    [0.1, 0.8875370839817152],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.5, 0.033894853524689274],
    [2, 0.004677734981047265],
    [3, 2.2090496998585438e-5],
    [5, 1.5374597944280351e-12],
    [10, 2.088487583762545e-45],
    [-1, 1.842700792949715],
  ])("erfc(%s)", (x, expected) => {
    // e^(−x²) of a large x carries the rounding of x² (about 1e-14 relative at x = 10).
    expect(relative(erfc(x), expected)).toBeLessThan(x > 5 ? 3e-14 : 3e-15);
  });

  test.each([
    [0.5, 0.5723649429247004],
    [1.5, -0.12078223763524543],
    [3.7, 1.4280723266653883],
    [10, 12.801827480081467],
    [100.5, 361.4355404677776],
  ])("logGamma(%s)", (x, expected) => {
    expect(relative(logGamma(x), expected)).toBeLessThan(1e-14);
  });

  test("Q(1, x) = e^(−x) and Q(3, x) = e^(−x)(1 + x + x²/2), on both sides of x = a + 1", () => {
    for (const x of [0.2, 1.9, 2.1, 7, 30]) {
      expect(relative(regularizedGammaQ(1, x), Math.exp(-x))).toBeLessThan(1e-13);
      expect(relative(regularizedGammaQ(3, x), Math.exp(-x) * (1 + x + (x * x) / 2))).toBeLessThan(1e-13);
    }
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(() => regularizedGammaQ(0, 1)).toThrow("a > 0");
  });
});

describe("normal and chi-square tails", () => {
  test("the 95% quantiles give p = 0.05 and 0.10", () => {
    expect(normalTwoSidedP(Z95)).toBeCloseTo(0.05, 15);
    expect(normalTwoSidedP(-Z95)).toBeCloseTo(0.05, 15);
    expect(normalTwoSidedP(Z95_ONE_SIDED)).toBeCloseTo(0.1, 15);
    expect(normalTwoSidedP(0)).toBe(1);
  });

  test.each([
    // χ²₁ quantiles (squares of the normal ones): 1.959964² and 3.290527², and 0.
    [3.841458820694124, 0.05],
    [10.827566170662733, 0.001],
    [0, 1],
  ])("P(χ²₁ ≥ %s) = %s", (x, p) => {
    expect(chiSquare1PValue(x)).toBeCloseTo(p, 14);
  });
});
