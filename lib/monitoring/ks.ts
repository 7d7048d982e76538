import type { PreparedTable } from "./types";

/** First index >= `from` whose score is >= x: exponential then binary search, O(log distance). */
function gallop(scores: Float64Array, x: number, from: number): number {
  const n = scores.length;
  if (from >= n || scores[from] >= x) return from;
  let lo = from; // scores[lo] < x
  let step = 1;
  while (lo + step < n && scores[lo + step] < x) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo + step, n);
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (scores[mid] >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The exact two-sample Kolmogorov–Smirnov statistic D = max over x of |F(x) − G(x)|, where F and G
 * are the right-continuous empirical CDFs of all rows (labelled or not, with their multiplicities)
 * of `reference` and `period`, evaluated at every distinct score of the union, ties included
 * (scipy's `ks_2samp(...).statistic`). D is symmetric, so the walk goes over the table with fewer
 * distinct scores, s_1 < … < s_k, and finds each in the other by galloping. Between s_(j−1) and s_j
 * the walked ECDF is constant and the other only climbs, so the widest gap there is at one of the
 * ends: just below s_j (the other's rows < s_j) or at s_(j−1). That is the union evaluation
 * exactly, in O(k log(n/k)) — at most O(n_ref + n_period), and far less for a day against a long
 * window. Gaps are compared on integers (|a·m − b·n|, exact below 2^53) and divided once. Null
 * when either side has no rows.
 */
export function ksStatistic(reference: PreparedTable, period: PreparedTable): number | null {
  if (reference.rows === 0 || period.rows === 0) return null;
  const [walked, searched] = reference.scores.length <= period.scores.length ? [reference, period] : [period, reference];
  const [n, m] = [walked.rows, searched.rows];
  const [ws, wAbove, ss, sAbove] = [walked.scores, walked.rowsAtOrAbove, searched.scores, searched.rowsAtOrAbove];
  let widest = 0;
  let walkedBelow = 0; // walked rows <= the previous walked score
  let p = 0; // first searched index >= the current score
  for (let j = 0; j < ws.length; j++) {
    const x = ws[j];
    p = gallop(ss, x, p);
    const before = walkedBelow * m - (m - sAbove[p]) * n; // just below x
    const q = p < ss.length && ss[p] === x ? p + 1 : p;
    walkedBelow = n - wAbove[j + 1];
    const at = walkedBelow * m - (m - sAbove[q]) * n; // at x
    widest = Math.max(widest, Math.abs(before), Math.abs(at));
    p = q;
  }
  // Past the last walked score its ECDF is 1 and the other only climbs towards 1: no wider gap.
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
 * rows: P(K > √(n·m/(n+m)) · d), Smirnov's limit, without a small-sample correction. The
 * effective size n·m/(n+m) is below the smaller sample, so a period compared with a far larger
 * reference is judged on its own size (and a reference of 16,560 rows caps it at 16,560).
 *
 * Ties make it conservative: with discrete scores (e.g. 4 decimals) the ECDFs can only differ at
 * the support points, so under "same distribution" D is stochastically smaller than for
 * continuous scores and the true false-alarm rate of `p < α` is at most α (well below it when a
 * few values carry most rows; with 10,001 possible 4-decimal scores it is barely below: 4.8% at
 * α = 0.05 in the simulation). For small samples the limit also generally overstates P (the exact
 * critical values approach it from below), again erring on the side of no alarm; the seeded
 * simulation in tests/unit/monitoring-drift.test.ts measures the result.
 */
export function ksPValue(d: number, n: number, m: number): number {
  if (!(n > 0 && m > 0)) return 1;
  return kolmogorovSurvival(Math.sqrt((n * m) / (n + m)) * d);
}
