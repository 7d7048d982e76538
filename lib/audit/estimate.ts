import { addCell, emptySums, nearestLabelled, type DomainSums, type RateSource } from "./domain";
import { proportionCounts, shareInterval, type IntervalMethod, type WeightedCount } from "./intervals";
import type { AuditDesign, AuditEstimate, Figure } from "./types";

/**
 * Rows of the audit's frame with a score below `threshold` (so not flagged). Only asked when the
 * threshold falls inside a stratum's score range; e.g. `frame.firstAtOrAbove(t)`.
 */
export type RowsBelow = (threshold: number) => number;

/** An audit's labels arranged for estimates at any threshold (built once per set of labels). */
export interface AuditEstimator {
  design: AuditDesign<unknown>;
  rowsBelow: RowsBelow;
  /** Per stratum: the labelled rows' positions, ascending, and positives among the first k of them. */
  positions: Float64Array[];
  positivesBefore: Uint32Array[];
  /** Per stratum: m_h labelled rows, x_h of them positive. */
  labelled: number[];
  positives: number[];
  /** Σ m_h. */
  labeled: number;
}

/**
 * Prepares the estimates of an audit: `labels[i]` is the label of `design.items[i]` — 1 positive,
 * 0 negative, anything else not labelled yet. The labelled rows of stratum h are treated as an SRS
 * of m_h rows of its N_h (true when which rows get labelled does not depend on their label: the
 * queue hands rows out in `order`, which is random within strata). O(n log n).
 */
export function prepareEstimates(design: AuditDesign<unknown>, labels: ArrayLike<number>, rowsBelow: RowsBelow): AuditEstimator {
  if (labels.length !== design.items.length) throw new Error(`${labels.length} labels for ${design.items.length} audit items`);
  const byStratum = design.strata.map(() => [] as [number, number][]);
  design.items.forEach((item, i) => {
    if (labels[i] === 1 || labels[i] === 0) byStratum[item.stratum].push([item.position, labels[i]]);
  });
  const positions: Float64Array[] = [];
  const positivesBefore: Uint32Array[] = [];
  for (const rows of byStratum) {
    rows.sort((a, b) => a[0] - b[0]);
    positions.push(Float64Array.from(rows, (r) => r[0]));
    const before = new Uint32Array(rows.length + 1);
    rows.forEach((r, k) => (before[k + 1] = before[k] + r[1]));
    positivesBefore.push(before);
  }
  const labelled = byStratum.map((rows) => rows.length);
  const positives = positivesBefore.map((before) => before[before.length - 1]);
  return { design, rowsBelow, positions, positivesBefore, labelled, positives, labeled: labelled.reduce((s, m) => s + m, 0) };
}

/** The stratum whose rows the threshold splits (or starts), and the frame rows below the threshold. */
function cutOf(est: AuditEstimator, threshold: number): { h: number; below: number } {
  const strata = est.design.strata;
  let [lo, hi] = [0, strata.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strata[mid].maxScore < threshold) lo = mid + 1;
    else hi = mid;
  }
  if (lo === strata.length) return { h: lo, below: est.design.rows };
  const s = strata[lo];
  if (threshold <= s.minScore) return { h: lo, below: s.start };
  const below = est.rowsBelow(threshold);
  if (!Number.isInteger(below) || below <= s.start || below >= s.end) throw new Error(`rowsBelow(${threshold}) = ${below} is not inside rows ${s.start}–${s.end} of the stratum holding that score`);
  return { h: lo, below };
}

/** How many of the ascending positions are below `position`. */
function countBelow(positions: Float64Array, position: number): number {
  let [lo, hi] = [0, positions.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The sums of the rows not flagged and of the rows flagged at the threshold. */
function domainSums(est: AuditEstimator, threshold: number): [DomainSums, DomainSums, number] {
  const { h: cut, below } = cutOf(est, threshold);
  const [unflagged, flagged] = [emptySums(), emptySums()];
  est.design.strata.forEach((s, h) => {
    const donor = est.labelled[h] > 0 ? h : nearestLabelled(est.labelled, h);
    const whole: RateSource = { labelled: est.labelled[donor], positives: est.positives[donor] };
    const own = donor === h ? s.rows : null;
    if (h !== cut || below === s.start) return addCell(h < cut ? unflagged : flagged, s.rows, whole, own);
    const k = countBelow(est.positions[h], below);
    const m = est.labelled[h];
    if (donor === h && k > 0 && k < m) {
      const x = est.positivesBefore[h][k];
      addCell(unflagged, below - s.start, { labelled: k, positives: x }, below - s.start);
      addCell(flagged, s.end - below, { labelled: m - k, positives: est.positives[h] - x }, s.end - below);
    } else {
      // A part with no labelled row: both parts take the stratum's rate (collapsed post-strata).
      addCell(unflagged, below - s.start, whole, own);
      addCell(flagged, s.end - below, whole, own);
    }
  });
  return [unflagged, flagged, below];
}

/**
 * The weight of the pseudo-row in the intervals: the heaviest labelled row of the domain
 * (Fay–Feuer, the default), the mean weight, or none (plain Korn–Graubard / gamma). The last two
 * exist for the coverage study, which shows why the default is the heaviest.
 */
export type PseudoRow = "heaviest" | "mean" | "none";

/** How the intervals are built: the pseudo-row and exact or mid-p bounds (defaults: heaviest, mid-p). */
export interface IntervalOptions {
  pseudoRow?: PseudoRow;
  method?: IntervalMethod;
}

const pseudoOf = (d: DomainSums, pseudo: PseudoRow) =>
  pseudo === "heaviest" ? d.heaviest : pseudo === "mean" && d.sampledLabels > 0 ? d.sampledRows / d.sampledLabels : 0;

const exact = (x: number): Figure => ({ estimate: x, lower: x, upper: x });

/** A proportion of the domain's rows with its interval (Korn–Graubard with Fay–Feuer's pseudo-row). */
function proportion(d: DomainSums, pseudo: PseudoRow, method: IntervalMethod): Figure {
  if (d.rows === 0) return { estimate: null, lower: 0, upper: 1 };
  const [pos, neg] = proportionCounts(d.positives, d.rows, d.variance, { positives: d.poissonPositives, negatives: d.poissonNegatives }, pseudoOf(d, pseudo));
  const [lower, upper] = shareInterval(pos, neg, method);
  return { estimate: d.positives / d.rows, lower, upper };
}

const scaled = (f: Figure, by: number): Figure => ({ estimate: f.estimate === null ? null : f.estimate * by, lower: f.lower * by, upper: f.upper * by });

/** A domain's positive count for a ratio across domains; a zero design variance falls back to Poisson's. */
const countOf = (d: DomainSums, pseudo: PseudoRow): WeightedCount => ({ estimate: d.positives, variance: d.variance > 0 ? d.variance : d.poissonPositives, heaviest: pseudoOf(d, pseudo) });

/**
 * What the audit says at `threshold` (flagged: score >= threshold), for the whole frame, from the
 * labels and the design only (never the scores as probabilities). O(strata + log N), plus a few
 * beta quantiles: microseconds.
 * - precision = positives among the flagged rows / flagged rows (known): a domain proportion;
 *   true positives = flagged × precision, false positives = flagged − true positives.
 * - false negatives = rows not flagged × the share of them that is positive.
 * - recall = TP / (TP + FN): the share interval of the two domain counts (independent: disjoint cells).
 * Each interval is `shareInterval`: gamma bounds with Fay and Feuer's pseudo-row of the heaviest
 * labelled row (Korn–Graubard's effective sample size for the proportions), mid-p by default.
 * Coverage, widths and the tuning are in tests/unit/audit-coverage.test.ts.
 */
export function estimateAt(est: AuditEstimator, threshold: number, options: IntervalOptions = {}): AuditEstimate {
  const { design } = est;
  const { pseudoRow: pseudo = "heaviest", method = "mid-p" } = options;
  const base = { threshold, rows: design.rows, size: design.size, labeled: est.labeled };
  if (est.labeled === 0) {
    const unknown = (max: number): Figure => ({ estimate: null, lower: 0, upper: max });
    const flaggedRows = design.rows - cutOf(est, threshold).below;
    return { ...base, flagged: exact(flaggedRows), precision: unknown(1), recall: unknown(1), truePositives: unknown(flaggedRows), falsePositives: unknown(flaggedRows), falseNegatives: unknown(design.rows - flaggedRows) };
  }
  const [unflagged, flagged] = domainSums(est, threshold);
  const precision = proportion(flagged, pseudo, method);
  const truePositives = flagged.rows === 0 ? exact(0) : scaled(precision, flagged.rows);
  const falsePositives: Figure = {
    estimate: truePositives.estimate === null ? null : flagged.rows - truePositives.estimate,
    lower: flagged.rows - truePositives.upper,
    upper: flagged.rows - truePositives.lower,
  };
  const falseNegatives = scaled(proportion(unflagged, pseudo, method), unflagged.rows);
  if (unflagged.rows === 0) Object.assign(falseNegatives, exact(0));
  const positives = flagged.positives + unflagged.positives;
  const [lower, upper] = shareInterval(countOf(flagged, pseudo), countOf(unflagged, pseudo), method);
  const recall: Figure = { estimate: positives > 0 ? flagged.positives / positives : null, lower, upper };
  return { ...base, flagged: exact(flagged.rows), precision, recall, truePositives, falsePositives, falseNegatives };
}
