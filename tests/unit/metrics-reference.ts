/**
 * Brute-force references for the metrics property tests: direct scans over the examples, written
 * the way the definitions read (and scikit-learn computes them), with no shared code.
 */
export interface Example {
  score: number;
  label: 0 | 1;
}

export function scanConfusion(examples: Example[], threshold: number) {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (const { score, label } of examples) {
    const flagged = score >= threshold;
    if (flagged && label === 1) tp++;
    else if (flagged) fp++;
    else if (label === 1) fn++;
    else tn++;
  }
  return { threshold, tp, fp, tn, fn };
}

/** P(score of a random positive > score of a random negative) + 0.5 P(tie), by counting pairs. */
export function pairAuc(examples: Example[]): number | null {
  const pos = examples.filter((e) => e.label === 1);
  const neg = examples.filter((e) => e.label === 0);
  if (!pos.length || !neg.length) return null;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

const distinctDescending = (examples: Example[]) => [...new Set(examples.map((e) => e.score))].sort((a, b) => b - a);

/** scikit-learn: AP = Σ (R_n − R_(n−1)) P_n over the distinct thresholds from the highest. */
export function scanAveragePrecision(examples: Example[]): number | null {
  const P = examples.filter((e) => e.label === 1).length;
  if (!P) return null;
  let ap = 0;
  let previousRecall = 0;
  for (const t of distinctDescending(examples)) {
    const { tp, fp } = scanConfusion(examples, t);
    const recall = tp / P;
    ap += (recall - previousRecall) * (tp / (tp + fp));
    previousRecall = recall;
  }
  return ap;
}

/** scikit-learn's roc_curve, written after its numpy code (fps, tps, np.diff(x, 2), r_[0, ...]). */
export function sklearnRocCurve(examples: Example[], dropIntermediate: boolean) {
  const thresholds = distinctDescending(examples);
  let tps = thresholds.map((t) => scanConfusion(examples, t).tp);
  let fps = thresholds.map((t) => scanConfusion(examples, t).fp);
  let ths: (number | null)[] = thresholds;
  if (dropIntermediate && fps.length > 2) {
    const keep = fps.map((_, i) => i === 0 || i === fps.length - 1 || fps[i + 1] - 2 * fps[i] + fps[i - 1] !== 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] !== 0);
    tps = tps.filter((_, i) => keep[i]);
    fps = fps.filter((_, i) => keep[i]);
    ths = ths.filter((_, i) => keep[i]);
  }
  tps = [0, ...tps];
  fps = [0, ...fps];
  ths = [null, ...ths];
  const P = tps[tps.length - 1];
  const N = fps[fps.length - 1];
  return tps.map((tp, i) => ({ fpr: fps[i] / N, tpr: tp / P, threshold: ths[i] }));
}

/** scikit-learn's calibration_curve(strategy="uniform") after its numpy code. */
export function sklearnCalibration(examples: Example[], bins: number) {
  const step = 1 / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? 1 : i * step));
  const inner = edges.slice(1, -1);
  const sums = new Array(bins).fill(0);
  const trues = new Array(bins).fill(0);
  const totals = new Array(bins).fill(0);
  for (const { score, label } of examples) {
    const id = inner.filter((edge) => edge < score).length;
    sums[id] += score;
    trues[id] += label;
    totals[id]++;
  }
  return totals.flatMap((n, b) => (n ? [{ meanScore: sums[b] / n, positiveShare: trues[b] / n, count: n }] : []));
}
