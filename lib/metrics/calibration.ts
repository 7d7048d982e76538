import type { ScoreTable } from "./score-table";

/** One bin of a reliability diagram. */
export interface CalibrationBin {
  /** Bin edges: the bin holds scores in (lower, upper]; the first bin also holds `lower` itself. */
  lower: number;
  upper: number;
  /** Mean score of the bin's examples (scikit-learn's `prob_pred`). */
  meanScore: number;
  /** Share of the bin's examples that are positive (scikit-learn's `prob_true`). */
  positiveShare: number;
  /** Labelled examples in the bin. */
  count: number;
}

/**
 * Reliability curve exactly as scikit-learn's `calibration_curve(strategy="uniform")`: `bins`
 * equal-width bins over [0, 1] with numpy's edges (`i * (1 / bins)`), each example put in bin
 * `searchsorted(inner_edges, score, "left")` (so a score equal to an edge belongs to the lower
 * bin), empty bins left out. Scores outside [0, 1] land in the first or last bin.
 */
export function calibrationCurve(table: ScoreTable, bins = 10): CalibrationBin[] {
  const step = 1 / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? 1 : i * step));
  const sums = new Float64Array(bins);
  const positives = new Float64Array(bins);
  const counts = new Float64Array(bins);
  let bin = 0;
  for (let i = 0; i < table.scores.length; i++) {
    const score = table.scores[i];
    // Scores ascend, so the bin index only moves up.
    while (bin < bins - 1 && edges[bin + 1] < score) bin++;
    const n = table.positives[i] + table.negatives[i];
    sums[bin] += score * n;
    positives[bin] += table.positives[i];
    counts[bin] += n;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (counts[b] === 0) continue;
    out.push({ lower: edges[b], upper: edges[b + 1], meanScore: sums[b] / counts[b], positiveShare: positives[b] / counts[b], count: counts[b] });
  }
  return out;
}
