/**
 * Synthetic audited populations for the coverage test and bench/audit-tuning.ts: scores that are
 * NOT probabilities (the true chance of a positive is a distorted function of the score), and the
 * exact truth at each threshold to check the intervals against.
 */
import { seededRandom } from "../../lib/demo/random";
import { drawAudit, estimateAt, firstAtOrAbove, prepareEstimates, sortedFrame, type DrawOptions, type Figure, type IntervalOptions } from "../../lib/audit";

export interface Population {
  /** Ascending. */
  scores: Float64Array;
  /** labels[i] of the row with scores[i]. */
  labels: Uint8Array;
  /** positivesBelow[i]: positives among rows 0 … i−1. */
  positivesBelow: Uint32Array;
  prevalence: number;
  /** Three thresholds: the scores flagging about ½, 1 and 3 times the positive share (each ×0.8–1.25). */
  thresholds: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * A population of `rows` rows: score = sigmoid(N(μ, σ)), and P(positive | score) =
 * floor + (1 − floor)·sigmoid(α·logit(score) + β) with α in {0.5, 1, 2, 3} (under- to over-confident),
 * β set for the target prevalence, and in half the populations a floor of 4% of the prevalence: a
 * blind spot of rare misses spread over the low scores.
 */
export function makePopulation(seed: number, rows: number, prevalence: number): Population {
  const random = seededRandom(seed);
  const [mu, sigma] = [-5 + 3 * random(), 1 + 1.5 * random()];
  const alpha = [0.5, 1, 2, 3][Math.floor(random() * 4)];
  const floor = random() < 0.5 ? 0.04 * prevalence : 0;
  const scores = new Float64Array(rows);
  for (let i = 0; i < rows; i += 2) {
    // Box–Muller: two normal deviates from two uniforms.
    const [r, angle] = [Math.sqrt(-2 * Math.log(1 - random())), 2 * Math.PI * random()];
    scores[i] = Math.round(sigmoid(mu + sigma * r * Math.cos(angle)) * 1e6) / 1e6;
    if (i + 1 < rows) scores[i + 1] = Math.round(sigmoid(mu + sigma * r * Math.sin(angle)) * 1e6) / 1e6;
  }
  scores.sort();
  const chance = (s: number, beta: number) => floor + (1 - floor) * sigmoid(alpha * logit(Math.min(1 - 1e-9, Math.max(1e-9, s))) + beta);
  let [lo, hi] = [-30, 30];
  for (let k = 0; k < 50; k++) {
    const beta = (lo + hi) / 2;
    let sum = 0;
    for (let i = 0; i < rows; i += 37) sum += chance(scores[i], beta);
    if (sum / Math.ceil(rows / 37) < prevalence) lo = beta;
    else hi = beta;
  }
  const labels = new Uint8Array(rows);
  const positivesBelow = new Uint32Array(rows + 1);
  for (let i = 0; i < rows; i++) {
    labels[i] = random() < chance(scores[i], lo) ? 1 : 0;
    positivesBelow[i + 1] = positivesBelow[i] + labels[i];
  }
  const actual = positivesBelow[rows] / rows;
  const thresholds = [0.5, 1, 3].map((k) => scores[Math.max(0, rows - Math.round(k * actual * rows * (0.8 + 0.45 * random())))]);
  return { scores, labels, positivesBelow, prevalence: actual, thresholds };
}

/** One interval checked against the truth. */
export interface Check {
  covered: boolean;
  width: number;
}

export interface Outcome {
  precision: Check;
  recall: Check;
  falseNegatives: Check & { truth: number; relativeWidth: number };
  truePositives: Check;
  /** Misses among the labelled rows not flagged. */
  missesFound: number;
  prevalence: number;
}

const check = (f: Figure, truth: number): Check => ({ covered: f.lower <= truth + 1e-9 && truth <= f.upper + 1e-9, width: f.upper - f.lower });

/** Draws `audits` audits of `size` rows from the population and checks each at its three thresholds. */
export function auditPopulation(pop: Population, audits: number, size: number, seed: number, options: Partial<DrawOptions> = {}, intervals: IntervalOptions = {}): Outcome[] {
  const N = pop.scores.length;
  // Ids are not needed here: positions name the rows.
  const frame = sortedFrame(pop.scores, { length: N } as ArrayLike<number>);
  const out: Outcome[] = [];
  for (let a = 0; a < audits; a++) {
    const design = drawAudit(frame, { ...options, size, seed: seed + a });
    const labels = Uint8Array.from(design.items, (item) => pop.labels[item.position]);
    const est = prepareEstimates(design, labels, (t) => firstAtOrAbove(pop.scores, t));
    for (const t of pop.thresholds) {
      const c = firstAtOrAbove(pop.scores, t);
      const fn = pop.positivesBelow[c];
      const tp = pop.positivesBelow[N] - fn;
      const e = estimateAt(est, t, intervals);
      const fnCheck = check(e.falseNegatives, fn);
      out.push({
        precision: check(e.precision, N - c > 0 ? tp / (N - c) : NaN),
        recall: check(e.recall, tp / (tp + fn)),
        falseNegatives: { ...fnCheck, truth: fn, relativeWidth: fn > 0 ? fnCheck.width / fn : NaN },
        truePositives: check(e.truePositives, tp),
        missesFound: design.items.filter((item, i) => item.position < c && labels[i] === 1).length,
        prevalence: pop.prevalence,
      });
    }
  }
  return out;
}

/** Share covered and mean width of a list of checks. */
export function summarise(checks: Check[]): { coverage: number; width: number; count: number } {
  const count = checks.length;
  return { coverage: checks.filter((c) => c.covered).length / count, width: checks.reduce((s, c) => s + c.width, 0) / count, count };
}

/** Populations with prevalences log-uniform from 0.5% to 20%. */
export function prevalences(count: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => Math.exp(Math.log(0.005) + ((i + random()) / count) * Math.log(0.2 / 0.005)));
}
