/**
 * Exact binomial and multinomial draws from a seeded uniform source (lib/demo/random.ts's
 * mulberry32), fast at any n: what the paired bootstrap needs instead of resampling a million rows.
 */
import { stirlingError } from "./binomial";

export { seededRandom } from "../demo/random";

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/** Binomial(n, p) for n·p < 10 by inversion: count geometric waiting times until they pass n. */
function byInversion(n: number, p: number, random: Uniform): number {
  const logQ = Math.log1p(-p);
  let trials = 0;
  let successes = 0;
  for (;;) {
    trials += Math.ceil(Math.log(random()) / logQ);
    if (trials > n) return successes;
    successes++;
  }
}

/**
 * Binomial(n, p) for n·p ≥ 10 and p ≤ ½ by Hörmann's transformed rejection with squeeze, BTRS
 * ("The generation of binomial random variates", 1993), as TensorFlow's random_binomial has it.
 * Exact: the squeeze accepts only inside the hat, and the rest is checked against the pmf
 * (Stirling's error δ(k + 1) is the tail of ln k!).
 */
function byRejection(n: number, p: number, random: Uniform): number {
  const spread = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spread;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const squeeze = 0.92 - 4.2 / b;
  const r = p / (1 - p);
  const alpha = (2.83 + 5.1 / b) * spread;
  const mode = Math.floor((n + 1) * p);
  const tailM = stirlingError(mode + 1) + stirlingError(n - mode + 1);
  for (;;) {
    const u = random() - 0.5;
    let v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (us >= 0.07 && v <= squeeze) return k;
    if (k < 0 || k > n) continue;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    const bound =
      (mode + 0.5) * Math.log((mode + 1) / (r * (n - mode + 1))) +
      (n + 1) * Math.log((n - mode + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) +
      tailM - stirlingError(k + 1) - stirlingError(n - k + 1);
    if (v <= bound) return k;
  }
}

/** One draw of Binomial(n, p): n a whole number ≥ 0, p in [0, 1]. */
export function binomialSample(n: number, p: number, random: Uniform): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialSample(n, 1 - p, random);
  return n * p < 10 ? byInversion(n, p, random) : byRejection(n, p, random);
}

/**
 * One draw of Multinomial(n, weights / Σ weights) into `out`, by conditional binomials: cell i gets
 * Binomial(n left, wᵢ / weight left). Weights are non-negative (e.g. the cells' counts).
 */
export function multinomialSample(n: number, weights: ArrayLike<number>, random: Uniform, out: Float64Array): Float64Array {
  let left = n;
  let weightLeft = 0;
  for (let i = 0; i < weights.length; i++) weightLeft += weights[i];
  for (let i = 0; i < weights.length - 1; i++) {
    const draw = left > 0 && weightLeft > 0 ? binomialSample(left, Math.min(1, weights[i] / weightLeft), random) : 0;
    out[i] = draw;
    left -= draw;
    weightLeft -= weights[i];
  }
  out[weights.length - 1] = left;
  return out;
}
