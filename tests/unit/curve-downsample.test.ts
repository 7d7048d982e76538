import { describe, expect, test } from "vitest";
import { buildScoreTable, cumulate, curvesReport, precisionRecallCurve, rocCurve, simplificationLevels, simplifyIndices } from "@/lib/metrics";
import { seededRandom } from "@/lib/demo/random";

/**
 * Ramer–Douglas–Peucker as textbooks write it, recursive, at one tolerance: the reference the
 * one-pass levels (lib/metrics/simplify.ts) must agree with at every tolerance.
 */
function classicRdp(xs: number[], ys: number[], tolerance: number): number[] {
  const keep = new Set<number>([0, xs.length - 1]);
  const split = (start: number, end: number) => {
    const [ax, ay, dx, dy] = [xs[start], ys[start], xs[end] - xs[start], ys[end] - ys[start]];
    const lengthSq = dx * dx + dy * dy;
    let worst = -1;
    let worstDistance = tolerance;
    for (let i = start + 1; i < end; i++) {
      const [px, py] = [xs[i] - ax, ys[i] - ay];
      const along = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / lengthSq));
      const distance = Math.hypot(px - along * dx, py - along * dy);
      if (distance > worstDistance) [worst, worstDistance] = [i, distance];
    }
    if (worst < 0) return;
    keep.add(worst);
    split(start, worst);
    split(worst, end);
  };
  if (xs.length > 2) split(0, xs.length - 1);
  return [...keep].sort((a, b) => a - b).filter((i) => i < xs.length);
}

/** A random walk of `n` points (seeded): a noisy curve, like a PR curve's first points. */
function walk(n: number, seed: number): { xs: number[]; ys: number[] } {
  const random = seededRandom(seed);
  const xs = [0];
  const ys = [0];
  for (let i = 1; i < n; i++) {
    xs.push(xs[i - 1] + random() * 0.01);
    ys.push(ys[i - 1] + (random() - 0.5) * 0.02);
  }
  return { xs, ys };
}

describe("one RDP pass gives every tolerance's simplification", () => {
  test.each([
    [1, 1],
    [2, 2],
    [3, 3],
    [50, 4],
    [2000, 5],
    [20_000, 6],
  ])("%i points: the same indices as the recursive RDP at 1e-3 × 2^k", (n, seed) => {
    const { xs, ys } = walk(n, seed);
    const levels = simplificationLevels(xs, ys, 1e-3);
    for (let k = 0; k <= 8; k++) {
      const eps = 1e-3 * 2 ** k;
      const fromLevels = [...levels.keys()].filter((i) => levels[i] > eps);
      expect(fromLevels).toEqual(classicRdp(xs, ys, eps));
    }
    expect(simplifyIndices(xs, ys, 1e-3)).toEqual(classicRdp(xs, ys, 1e-3));
  });

  test("a flat line keeps only its end points", () => {
    expect(simplifyIndices([0, 1, 2, 3], [0, 0, 0, 0], 1e-3)).toEqual([0, 3]);
  });
});

describe("curvesReport downsamples as downsampling the full curves does", () => {
  // 200,000 rows with ~200,000 distinct scores (3% positives scoring high): both curves are far
  // over 1,000 points, so both are downsampled; the reference is the full curve of point objects
  // (rocCurve, precisionRecallCurve) simplified by the recursive RDP, the tolerance doubled from
  // 1e-3 until at most 1,000 points are left.
  const random = seededRandom(18);
  const n = 200_000;
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const positive = random() < 0.03;
    const u = random();
    scores[i] = positive ? 1 - u * u * u : u * u * u;
    labels[i] = positive ? 1 : 0;
  }
  const table = cumulate(buildScoreTable(scores, labels));
  const report = curvesReport(table);

  const reference = <T>(points: T[], x: (p: T) => number, y: (p: T) => number) => {
    const xs = points.map(x);
    const ys = points.map(y);
    let eps = 1e-3;
    let kept = classicRdp(xs, ys, eps);
    while (kept.length > 1000) kept = classicRdp(xs, ys, (eps *= 2));
    return { points: kept.map((i) => points[i]), originalCount: points.length, tolerance: eps };
  };

  test("ROC", () => {
    const full = rocCurve(table)!;
    expect(full.length).toBeGreaterThan(1000);
    expect(report.roc).toEqual(reference(full, (p) => p.fpr, (p) => p.tpr));
  });

  test("precision–recall", () => {
    const full = precisionRecallCurve(table)!;
    expect(full.length).toBe(table.scores.length + 1);
    expect(report.pr).toEqual(reference(full, (p) => p.recall, (p) => p.precision));
  });
});
