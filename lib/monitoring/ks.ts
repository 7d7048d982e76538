import type { PreparedTable } from "./types";

/**
 * The exact two-sample Kolmogorov–Smirnov statistic D = max over x of |F(x) − G(x)|, where F and G
 * are the right-continuous empirical CDFs of all rows (labelled or not, with their multiplicities)
 * of `reference` and `period`. Both are step functions that only move at their own distinct
 * scores, so evaluating them at every distinct score of the union is exact, ties included (this is
 * scipy's `ks_2samp(...).statistic`). One merge walk, O(n_ref + n_period); the comparison is done
 * on integers (|a·m − b·n|, exact below 2^53) and divided once. Null when either side has no rows.
 */
export function ksStatistic(reference: PreparedTable, period: PreparedTable): number | null {
  const n = reference.rows;
  const m = period.rows;
  if (n === 0 || m === 0) return null;
  const sa = reference.scores;
  const sb = period.scores;
  const aboveA = reference.rowsAtOrAbove;
  const aboveB = period.rowsAtOrAbove;
  const la = sa.length;
  const lb = sb.length;
  let i = 0;
  let j = 0;
  let widest = 0;
  while (i < la && j < lb) {
    const x = sa[i];
    const y = sb[j];
    if (x <= y) i++;
    if (y <= x) j++;
    // Rows at or below the current score: n − rows at or above the next index.
    const gap = (n - aboveA[i]) * m - (m - aboveB[j]) * n;
    if (gap > widest) widest = gap;
    else if (-gap > widest) widest = -gap;
  }
  // Once one side is exhausted its ECDF is 1 and the other only climbs towards 1: no wider gap.
  return widest / (n * m);
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * P(K > λ) for Kolmogorov's limiting distribution K (scipy's `kstwobign.sf`). Two series of the
 * same function (Jacobi's theta identity): 2 Σ (−1)^(k−1) e^(−2k²λ²) converges fast for large λ,
 * 1 − (√(2π)/λ) Σ e^(−(2k−1)²π²/(8λ²)) for small λ.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  let sum = 0;
  if (lambda < 1.18) {
    const c = (Math.PI * Math.PI) / (8 * lambda * lambda);
    for (let k = 1; k < 100; k++) {
      const term = Math.exp(-(2 * k - 1) * (2 * k - 1) * c);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return Math.min(1, Math.max(0, 1 - (SQRT_2PI / lambda) * sum));
  }
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17 * Math.abs(sum)) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Asymptotic two-sided p-value of a two-sample KS statistic `d` between samples of `n` and `m`
 * rows: P(K > √(n·m/(n+m)) · d), Smirnov's limit, without a small-sample correction. The effective size n·m/(n+m) is the one-sample size that gives the
 * same variance; it is never more than the smaller sample, so a period compared with a far larger
 * reference is judged on its own size.
 *
 * Ties make it conservative: with discrete scores (e.g. 4 decimals) the ECDFs can only differ at
 * the support points, so under "same distribution" D is stochastically smaller than for
 * continuous scores and the true false-alarm rate of `p < α` is at most α (it is below α when
 * scores tie a lot). For small samples the limit also generally overstates P (the exact critical
 * values approach it from below), again erring on the side of no alarm; the seeded simulation in
 * tests/unit/monitoring-drift.test.ts measures the result.
 */
export function ksPValue(d: number, n: number, m: number): number {
  if (!(n > 0 && m > 0)) return 1;
  return kolmogorovSurvival(Math.sqrt((n * m) / (n + m)) * d);
}
