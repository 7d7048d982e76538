import { describe, expect, test } from "vitest";
import { delongTest, erfc, rankModel, seededRandom } from "@/lib/compare";
import { buildScoreTable, rocAuc } from "@/lib/metrics";

interface Case {
  scoresA: number[];
  scoresB: number[];
  labels: number[];
}

/**
 * DeLong's test as the 1988 paper defines it, over all positive–negative pairs: ψ(x, y) = 1 if x > y,
 * ½ if tied, 0 otherwise; V₁₀ and V₀₁ are row and column means of ψ, S₁₀ and S₀₁ their sample
 * covariance matrices, and Var(A − B) = L (S₁₀/P + S₀₁/N) Lᵀ with L = (1, −1).
 */
function bruteForceDelong({ scoresA, scoresB, labels }: Case) {
  const pos = labels.flatMap((l, i) => (l === 1 ? [i] : []));
  const neg = labels.flatMap((l, i) => (l === 0 ? [i] : []));
  const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);
  const models = [scoresA, scoresB].map((s) => {
    const v10 = pos.map((i) => neg.reduce((sum, j) => sum + psi(s[i], s[j]), 0) / neg.length);
    const v01 = neg.map((j) => pos.reduce((sum, i) => sum + psi(s[i], s[j]), 0) / pos.length);
    return { v10, v01, auc: v10.reduce((a, b) => a + b, 0) / pos.length };
  });
  const cov = (x: number[], y: number[]) => {
    const mx = x.reduce((a, b) => a + b, 0) / x.length;
    const my = y.reduce((a, b) => a + b, 0) / y.length;
    return x.reduce((sum, xi, k) => sum + (xi - mx) * (y[k] - my), 0) / (x.length - 1);
  };
  const S = (r: number, s: number) => cov(models[r].v10, models[s].v10) / pos.length + cov(models[r].v01, models[s].v01) / neg.length;
  const variance = S(0, 0) + S(1, 1) - 2 * S(0, 1);
  const difference = models[1].auc - models[0].auc; // B − A
  return { aucA: models[0].auc, aucB: models[1].auc, difference, standardError: Math.sqrt(variance), standardErrorA: Math.sqrt(S(0, 0)), standardErrorB: Math.sqrt(S(1, 1)) };
}

function run({ scoresA, scoresB, labels }: Case) {
  const l = Uint8Array.from(labels);
  const positives = labels.filter((x) => x === 1).length;
  return delongTest(l, rankModel(Float64Array.from(scoresA), l, positives), rankModel(Float64Array.from(scoresB), l, positives), positives);
}

/** Scores on a coarse grid (many ties), B correlated with A, labels shifting the scores up. */
function tiedCase(seed: number, n: number, levels: number): Case {
  const random = seededRandom(seed);
  const labels = Array.from({ length: n }, () => (random() < 0.35 ? 1 : 0));
  const scoresA = labels.map((l) => Math.min(levels, Math.floor((random() + 0.4 * l) * levels)) / levels);
  const scoresB = scoresA.map((s, i) => Math.min(1, Math.max(0, s + (Math.floor(random() * 3) - 1 + 0.3 * labels[i]) / levels)));
  return { scoresA, scoresB, labels: labels.map(Number) };
}

describe("DeLong's paired test with midranks", () => {
  test("a case worked by hand: AUCs 5/6 and 2/3, variance 5/144", () => {
    // Positives (A, B): (0.8, 0.7), (0.6, 0.7), (0.6, 0.3); negatives: (0.6, 0.7), (0.2, 0.1).
    // A: V₁₀ = (1, ¾, ¾), V₀₁ = (⅔, 1); B: V₁₀ = (¾, ¾, ½), V₀₁ = (⅓, 1).
    // Differences: V₁₀ (¼, 0, ¼) → Σ(d − ⅙)² = 1/24, /2 /3 = 1/144; V₀₁ (⅓, 0) → 1/18, /1 /2 = 1/36.
    const result = run({ scoresA: [0.8, 0.6, 0.6, 0.6, 0.2], scoresB: [0.7, 0.7, 0.3, 0.7, 0.1], labels: [1, 1, 1, 0, 0] });
    expect(result.aucA).toBeCloseTo(5 / 6, 15);
    expect(result.aucB).toBeCloseTo(2 / 3, 15);
    // B − A, like every difference of the comparison.
    expect(result.difference).toBeCloseTo(-1 / 6, 15);
    expect(result.standardError).toBeCloseTo(Math.sqrt(5) / 12, 15);
    // |z| = (1/6) / (√5/12) = 2/√5; p = erfc(√(2/5)) = 0.37109336952269756 (Python, math.erfc).
    expect(result.pValue).toBeCloseTo(0.37109336952269756, 14);
    expect(result.pValue).toBeCloseTo(erfc(Math.sqrt(0.4)), 15);
  });

  test.each([
    [1, 12, 3], [2, 30, 4], [3, 60, 5], [4, 100, 10], [5, 200, 20], [6, 45, 2], [7, 5000, 40],
  ])("matches the brute force over all pairs (seed %s, %s rows, %s score levels)", (seed, n, levels) => {
    const c = tiedCase(seed, n, levels);
    const expected = bruteForceDelong(c);
    const result = run(c);
    for (const key of ["aucA", "aucB", "difference", "standardError", "standardErrorA", "standardErrorB"] as const) {
      expect(Math.abs((result[key] as number) - expected[key])).toBeLessThan(1e-12);
    }
    expect(result.pValue).toBeCloseTo(erfc(Math.abs(expected.difference / expected.standardError) / Math.SQRT2), 12);
  });

  test("each AUC equals scikit-learn's roc_auc_score (lib/metrics rocAuc)", () => {
    const c = tiedCase(9, 5000, 25);
    const result = run(c);
    const auc = (scores: number[]) => rocAuc(buildScoreTable(Float64Array.from(scores), Uint8Array.from(c.labels)));
    expect(Math.abs((result.aucA as number) - (auc(c.scoresA) as number))).toBeLessThan(1e-12);
    expect(Math.abs((result.aucB as number) - (auc(c.scoresB) as number))).toBeLessThan(1e-12);
  });

  test.each([
    { name: "no negatives", labels: [1, 1, 1], expected: { aucA: null, difference: null, standardError: null, pValue: null } },
    { name: "one positive: AUCs but no variance", labels: [1, 0, 0], expected: { aucA: 1, difference: -0.5, standardError: null, pValue: null } },
  ])("$name", ({ labels, expected }) => {
    const result = run({ scoresA: [0.9, 0.2, 0.1], scoresB: [0.5, 0.6, 0.4], labels });
    expect(result).toMatchObject(expected);
  });

  test("identical rankings: difference 0, standard error 0, p = 1", () => {
    const c = tiedCase(11, 80, 6);
    const result = run({ ...c, scoresB: c.scoresA.map((s) => s / 2) });
    expect(result).toMatchObject({ difference: 0, standardError: 0, pValue: 1 });
  });
});
