/**
 * Binomial probabilities in log space, stable for n in the millions (Loader's saddle-point form,
 * as R's dbinom computes them), and McNemar's mid-p test built on them.
 */

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Stirling's error δ(n) = ln n! − ln(√(2πn) (n/e)ⁿ) for integers n ≥ 1 (0 for n = 0): from the exact
 * factorial up to 15, from the asymptotic series 1/(12n) − 1/(360n³) + … above (error < 1e-16).
 */
export function stirlingError(n: number): number {
  if (n <= 0) return 0;
  if (n <= 15) {
    let factorial = 1;
    for (let k = 2; k <= n; k++) factorial *= k;
    return Math.log(factorial) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  }
  const nn = n * n;
  if (n > 500) return (1 / 12 - 1 / 360 / nn) / n;
  if (n > 80) return (1 / 12 - (1 / 360 - 1 / 1260 / nn) / nn) / n;
  if (n > 35) return (1 / 12 - (1 / 360 - (1 / 1260 - 1 / 1680 / nn) / nn) / nn) / n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / nn) / nn) / nn) / nn) / n;
}

/** x ln(x / μ) + μ − x, by a series when x is near μ (where the direct form cancels). */
function deviance(x: number, mu: number): number {
  if (Math.abs(x - mu) < 0.1 * (x + mu)) {
    let v = (x - mu) / (x + mu);
    let sum = (x - mu) * v;
    let power = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      power *= v;
      const next = sum + power / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / mu) + mu - x;
}

/** ln P(X = k) for X ~ Binomial(n, p), integers 0 ≤ k ≤ n (−∞ outside), without forming n choose k. */
export function logBinomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  const q = 1 - p;
  if (p === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (q === 0) return k === n ? 0 : Number.NEGATIVE_INFINITY;
  if (k === 0) return n * Math.log1p(-p);
  if (k === n) return n * Math.log(p);
  const exponent = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, n * p) - deviance(n - k, n * q);
  return exponent - 0.5 * (Math.log(2 * Math.PI) + Math.log(k) + Math.log1p(-k / n));
}

/**
 * McNemar's mid-p test of a paired table's discordant cells (Fagerland, Lydersen & Laake 2013):
 * with X ~ Binomial(onlyA + onlyB, ½) and m = min(onlyA, onlyB), p = 2·P(X < m) + P(X = m).
 * 1 when there are no discordant pairs (and whenever onlyA = onlyB). P(X = m) comes from the log-space
 * pmf; the lower terms follow by the ratio P(X = k − 1) / P(X = k) = k / (n − k + 1), summed down
 * until they no longer change the sum (about 6√n terms at most), so n may be in the millions.
 */
export function mcnemarMidP(onlyA: number, onlyB: number): number {
  const n = onlyA + onlyB;
  const m = Math.min(onlyA, onlyB);
  if (n === 0 || 2 * m === n) return 1;
  const atM = Math.exp(logBinomialPmf(m, n, 0.5));
  let term = atM;
  let below = 0;
  for (let k = m; k > 0; k--) {
    term *= k / (n - k + 1);
    below += term;
    if (term < below * 1e-17) break;
  }
  return Math.min(1, 2 * below + atM);
}
