import { betaCdf, betaQuantile } from "./beta";

/**
 * A count of the frame estimated from a stratified sample (e.g. the positives among the flagged
 * rows): the estimate, its design variance, and the weight of the heaviest labelled row that
 * counts towards it (how many frame rows one labelled row stands for; 0 when the count is known
 * exactly, every row of it having been labelled).
 */
export interface WeightedCount {
  estimate: number;
  variance: number;
  heaviest: number;
}

/** A Gamma(shape, scale) law; shape 0 is the point mass at 0, `exact` a point mass at shape·scale. */
interface GammaLaw {
  shape: number;
  scale: number;
  exact?: boolean;
}

/** Past this shape a gamma is as good as a point mass (relative sd 0.1%); keeps the beta stable. */
const MAX_SHAPE = 1e6;

/** The gamma with the given mean and variance (Fay & Feuer 1997); a zero variance is a point mass. */
function gammaLaw(mean: number, variance: number): GammaLaw {
  if (!(mean > 0)) return { shape: 0, scale: 0 };
  const shape = variance > 0 ? Math.min((mean * mean) / variance, MAX_SHAPE) : MAX_SHAPE;
  return { shape, scale: mean / shape, exact: !(variance > 0) };
}

/**
 * The q-quantile of X / (X + Y) for independent X ~ Γ(a, θx), Y ~ Γ(b, θy). With B = X'/(X'+Y')
 * for X' ~ Γ(a, 1), Y' ~ Γ(b, 1), B ~ Beta(a, b) and X/(X+Y) = θx B / (θx B + θy (1 − B)) is
 * increasing in B: one beta quantile, no integral.
 */
export function shareQuantile(q: number, x: GammaLaw, y: GammaLaw): number {
  if (x.shape === 0) return 0;
  if (y.shape === 0) return 1;
  if (x.exact && y.exact) return (x.shape * x.scale) / (x.shape * x.scale + y.shape * y.scale);
  let b = betaQuantile(q, x.shape, y.shape);
  let complement = 1 - b;
  if (b > 0.5) {
    // 1 − B is Beta(b, a) at 1 − q: computed directly, it keeps its digits when B is near 1.
    complement = betaQuantile(1 - q, y.shape, x.shape);
    b = 1 - complement;
  }
  const top = x.scale * b;
  const share = top / (top + y.scale * complement);
  return Number.isFinite(share) ? share : b;
}

/** P(X / (X + Y) ≤ r) for the laws of `shareQuantile`: B ≤ rθy / (θx(1 − r) + rθy). */
export function shareCdf(r: number, x: GammaLaw, y: GammaLaw): number {
  if (x.shape === 0) return r >= 0 ? 1 : 0;
  if (y.shape === 0) return r >= 1 ? 1 : 0;
  if (x.exact && y.exact) return r >= shareQuantile(0.5, x, y) ? 1 : 0;
  if (r <= 0) return 0;
  if (r >= 1) return 1;
  return betaCdf((r * y.scale) / (x.scale * (1 - r) + r * y.scale), x.shape, y.shape);
}

/**
 * The q-quantile (the least r with F(r) ≥ q) of the 50/50 mixture of two share laws, by bisection
 * between their own quantiles; exactly an end when the mixture has its mass there (e.g. a point
 * mass at 1 when no miss was found).
 */
function mixtureQuantile(q: number, a: [GammaLaw, GammaLaw], b: [GammaLaw, GammaLaw]): number {
  const cdf = (r: number) => 0.5 * shareCdf(r, ...a) + 0.5 * shareCdf(r, ...b);
  const [qa, qb] = [shareQuantile(q, ...a), shareQuantile(q, ...b)];
  let [lo, hi] = [Math.min(qa, qb), Math.max(qa, qb)];
  if (cdf(lo) >= q) return lo;
  for (let i = 0; i < 60 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < q) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * "exact" bounds each side with its own law (conservative, like Clopper–Pearson); "mid-p" takes
 * both bounds from the 50/50 mixture of the two laws — with equal weights exactly the binomial
 * mid-p interval (P(X > x) + ½P(X = x) = 2.5%), as in Fay & Kim's (2017, "Confidence intervals for
 * directly standardized rates using mid-p gamma intervals", Biometrical Journal 59) mid-p gamma
 * interval. Mid-p is the default: about 10% narrower, with coverage still ≥ 95% in the simulation.
 */
export type IntervalMethod = "exact" | "mid-p";

/**
 * A 95% interval for the share X / (X + Y) of two estimated counts: each count is a gamma matched
 * to its estimate and variance, and the bound on each side adds one pseudo-row of the heaviest
 * weight to the count that the bound leans on — Fay & Feuer's (1997, "Confidence intervals for
 * directly standardized rates: a method based on the gamma distribution", Statistics in Medicine
 * 16:791–801) correction, which keeps the bound honest when that count has few or no sampled rows.
 *
 * - With equal weights w and Poisson variances (w²·x), it is exactly the Clopper–Pearson interval
 *   of x successes in x + y trials: Beta(x, y + 1) and Beta(x + 1, y) quantiles.
 * - With the "Poisson-equivalent" variances of a domain proportion (v/(1 − p̂) and v/p̂, see
 *   `proportionCounts`), it is the Korn & Graubard (1998, Survey Methodology 24:193–201)
 *   Clopper–Pearson interval with effective sample size n* = p̂(1 − p̂)/v, plus the pseudo-row.
 */
export function shareInterval(x: WeightedCount, y: WeightedCount, method: IntervalMethod = "mid-p", level = 0.95): [number, number] {
  const tail = (1 - level) / 2;
  const forLower: [GammaLaw, GammaLaw] = [gammaLaw(x.estimate, x.variance), gammaLaw(y.estimate + y.heaviest, y.variance + y.heaviest * y.heaviest)];
  const forUpper: [GammaLaw, GammaLaw] = [gammaLaw(x.estimate + x.heaviest, x.variance + x.heaviest * x.heaviest), gammaLaw(y.estimate, y.variance)];
  if (method === "exact") return [shareQuantile(tail, ...forLower), shareQuantile(1 - tail, ...forUpper)];
  return [mixtureQuantile(tail, forLower, forUpper), mixtureQuantile(1 - tail, forLower, forUpper)];
}

/**
 * The positives and negatives of a domain of known size whose positive count has the given
 * estimate and design variance, as two counts whose share has that variance (by the delta method,
 * (1 − p)²·v/(1 − p) + p²·v/p = v): `shareInterval` of the pair is then a Korn–Graubard interval.
 * When the design variance is 0 (every cell's labels agree) the Poisson variances of the
 * weighted counts take over, so that a cell's agreement is never read as certainty.
 */
export function proportionCounts(
  positives: number,
  domainRows: number,
  variance: number,
  poisson: { positives: number; negatives: number },
  heaviest: number,
): [WeightedCount, WeightedCount] {
  const p = domainRows > 0 ? positives / domainRows : 0;
  const negatives = domainRows - positives;
  if (variance > 0 && p > 0 && p < 1) {
    return [
      { estimate: positives, variance: variance / (1 - p), heaviest },
      { estimate: negatives, variance: variance / p, heaviest },
    ];
  }
  return [
    { estimate: positives, variance: poisson.positives, heaviest },
    { estimate: negatives, variance: poisson.negatives, heaviest },
  ];
}
