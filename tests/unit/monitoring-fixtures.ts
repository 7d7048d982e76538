import { seededRandom } from "@/lib/demo/random";
import { buildScoreTable } from "@/lib/metrics";
import type { PeriodTable } from "@/lib/monitoring";

/** A table from explicit rows of (score, positives, negatives, unlabelled), ascending scores. */
export function periodOf(rows: [score: number, positives: number, negatives: number, unlabeled?: number][], start = 0): PeriodTable {
  return {
    start,
    scores: Float64Array.from(rows.map((r) => r[0])),
    positives: Float64Array.from(rows.map((r) => r[1])),
    negatives: Float64Array.from(rows.map((r) => r[2])),
    unlabeled: Float64Array.from(rows.map((r) => r[3] ?? 0)),
  };
}

/** A table of unlabelled rows from raw scores (any order, ties allowed). */
export function unlabeledOf(scores: readonly number[], start = 0): PeriodTable {
  const table = buildScoreTable(scores, new Uint8Array(scores.length));
  return { start, scores: table.scores, positives: new Float64Array(table.scores.length), negatives: new Float64Array(table.scores.length), unlabeled: table.negatives };
}

/**
 * A fraud-like score model: Kumaraswamy(a, b) scores (CDF 1 − (1 − x^a)^b on [0, 1], close to a
 * Beta, with a closed-form inverse). Negatives: a = 1.2, b = 10 (mean ≈ 0.11, a third below 0.05,
 * like fraud-production-4-weeks.csv); positives: a = 3, b = 1.2 (mean ≈ 0.70); 3.4% positive.
 */
export const FRAUD_MODEL = { prevalence: 0.034, negative: { a: 1.2, b: 10 }, positive: { a: 3, b: 1.2 } };
type Shape = { a: number; b: number };

const cdf = ({ a, b }: Shape, x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : 1 - (1 - x ** a) ** b);
const inverse = ({ a, b }: Shape, u: number) => (1 - (1 - u) ** (1 / b)) ** (1 / a);

/** Vose's alias table: O(1) draws from a discrete distribution. */
function aliasTable(weights: Float64Array): { prob: Float64Array; alias: Int32Array } {
  const k = weights.length;
  const total = weights.reduce((s, w) => s + w, 0);
  const scaled = Float64Array.from(weights, (w) => (w * k) / total);
  const prob = new Float64Array(k);
  const alias = new Int32Array(k);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((w, i) => (w < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] += scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) prob[i] = 1;
  return { prob, alias };
}

/**
 * Rows of the model with 4-decimal scores (ties galore, as stored by most pipelines), negatives'
 * scores moved up by `shift` (capped at 1). Cells 0..10,000 are negatives at k/10,000, cells
 * 10,001.. positives; each cell's weight is the exact probability that the rounded score lands there.
 */
export function fourDecimalSampler(shift = 0, model = FRAUD_MODEL) {
  const cells = 10_001;
  const weights = new Float64Array(2 * cells);
  for (let k = 0; k < cells; k++) {
    const lo = (k - 0.5) / 10_000;
    const hi = k === cells - 1 ? Infinity : (k + 0.5) / 10_000;
    weights[k] = (1 - model.prevalence) * (cdf(model.negative, hi - shift) - cdf(model.negative, lo - shift));
    weights[cells + k] = model.prevalence * (cdf(model.positive, hi) - cdf(model.positive, lo));
  }
  const { prob, alias } = aliasTable(weights);
  /** A table of `rows` labelled rows drawn with `random`. */
  return (rows: number, random: () => number, start = 0): PeriodTable => {
    const counts = new Float64Array(2 * cells);
    for (let i = 0; i < rows; i++) {
      const u = random() * prob.length;
      const cell = Math.floor(u);
      counts[u - cell < prob[cell] ? cell : alias[cell]]++;
    }
    const kept: [number, number, number][] = [];
    for (let k = 0; k < cells; k++) if (counts[k] || counts[cells + k]) kept.push([k / 10_000, counts[cells + k], counts[k]]);
    return periodOf(kept, start);
  };
}

/** Rows of the model with full-precision scores (all distinct), negatives moved up by `shift`. */
export function fullPrecisionSample(rows: number, random: () => number, shift = 0, model = FRAUD_MODEL): PeriodTable {
  const scores = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    labels[i] = random() < model.prevalence ? 1 : 0;
    scores[i] = labels[i] ? inverse(model.positive, random()) : Math.min(1, inverse(model.negative, random()) + shift);
  }
  const t = buildScoreTable(scores, labels);
  return { start: 0, scores: t.scores, positives: t.positives, negatives: t.negatives, unlabeled: new Float64Array(t.scores.length) };
}

/** Rows drawn with replacement from a table's own rows (a bootstrap period of the reference itself). */
export function resample(table: PeriodTable, rows: number, random: () => number): PeriodTable {
  const n = table.scores.length;
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = table.positives[i] + table.negatives[i] + table.unlabeled[i];
  const { prob, alias } = aliasTable(weights);
  const counts = new Float64Array(n);
  for (let i = 0; i < rows; i++) {
    const u = random() * n;
    const cell = Math.floor(u);
    counts[u - cell < prob[cell] ? cell : alias[cell]]++;
  }
  const kept: [number, number, number, number][] = [];
  for (let i = 0; i < n; i++) if (counts[i]) kept.push([table.scores[i], 0, 0, counts[i]]);
  return periodOf(kept);
}

export { seededRandom };
