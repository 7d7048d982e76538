import type { AuditFrame, AuditStratum } from "./types";

/** How the frame is cut into strata (positions of the sorted frame). */
export interface StrataOptions {
  /** Rows of the top stratum, as a share of the frame (at least `minTopRows`). */
  topShare: number;
  minTopRows: number;
  /** Each stratum down from the top is this many times the size of the one above it. */
  growth: number;
  /** No stratum is larger than this share of the frame (the bulk of low scores is cut evenly). */
  maxShare: number;
}

export const DEFAULT_STRATA: StrataOptions = { topShare: 0.0005, minTopRows: 20, growth: 2, maxShare: 0.25 };

/** A cut moved to the start of its run of tied scores (or past the run when that is position 0). */
function snapToTies(frame: AuditFrame<unknown>, cut: number): number {
  if (cut <= 0 || cut >= frame.rows) return cut;
  const score = frame.scoreAt(cut);
  if (frame.scoreAt(cut - 1) !== score) return cut;
  const start = frame.firstAtOrAbove(score);
  return start > 0 ? start : frame.firstAbove(score);
}

/**
 * The strata of a frame of N rows sorted by score: geometric from the top — the top stratum holds
 * the `topShare` highest scores, each stratum below is `growth` times larger — until a stratum
 * would pass `maxShare` of the frame, and the rest cut into equal strata of at most `maxShare`.
 * Whatever the threshold, the flagged rows then fill whole strata but one, and the stratum it cuts
 * is at most about `growth` times the flagged rows (or `maxShare` of the frame), so precision
 * and recall can be estimated at any threshold, finely where few rows are flagged. `thresholds`
 * (e.g. the one in use) become boundaries too, so estimates there cut no stratum at all. Cuts
 * snap to the start of a run of tied scores: no score is in two strata. O(strata · log N).
 */
export function buildStrata(frame: AuditFrame<unknown>, thresholds: readonly number[] = [], options: StrataOptions = DEFAULT_STRATA): AuditStratum[] {
  const N = frame.rows;
  if (N === 0) return [];
  const cuts = new Set<number>();
  let size = Math.max(options.minTopRows, Math.round(options.topShare * N));
  let fromTop = 0;
  const maxRows = Math.max(1, Math.floor(options.maxShare * N));
  while (fromTop + size < N && size <= maxRows) {
    fromTop += size;
    cuts.add(N - fromTop);
    size = Math.round(size * options.growth);
  }
  const rest = N - fromTop;
  const pieces = Math.ceil(rest / maxRows);
  for (let k = 1; k < pieces; k++) cuts.add(Math.round((rest * k) / pieces));
  for (const t of thresholds) if (Number.isFinite(t)) cuts.add(frame.firstAtOrAbove(t));
  const snapped = [...new Set([...cuts].map((cut) => snapToTies(frame, cut)))].filter((c) => c > 0 && c < N).sort((a, b) => a - b);
  const bounds = [0, ...snapped, N];
  const strata: AuditStratum[] = [];
  for (let h = 0; h + 1 < bounds.length; h++) {
    const [start, end] = [bounds[h], bounds[h + 1]];
    strata.push({ start, end, minScore: frame.scoreAt(start), maxScore: frame.scoreAt(end - 1), rows: end - start, sampled: 0 });
  }
  return strata;
}

/**
 * Power allocation (Bankier 1988, "Power allocations: determining sample sizes for subnational
 * areas", The American Statistician 42:174–177): n_h ∝ N_h^a, kept within
 * [max(already_h, min(N_h, minimum)), N_h] (the minimum lowered when the size cannot give it to
 * every stratum) by water-filling (bisection on the common factor),
 * then rounded by largest remainder so the sizes add up to `size` exactly. a = 1 is proportional
 * allocation (every row equally likely: best for a count over the bulk of low scores), a = 0 gives
 * every stratum the same number (best where few rows are flagged); between the two, small
 * top-score strata are sampled far more densely than the bulk while the bulk keeps enough rows to
 * bound the misses hiding in it. `already` (the rows drawn so far) makes this the top-up rule.
 */
export function allocate(rows: readonly number[], size: number, power: number, minimum: number, already: readonly number[] = []): number[] {
  const total = rows.reduce((s, r) => s + r, 0);
  const target = Math.min(size, total);
  const lowAt = (m: number) => rows.map((r, h) => Math.max(already[h] ?? 0, Math.min(r, m)));
  let floor = minimum;
  while (floor > 0 && lowAt(floor).reduce((s, r) => s + r, 0) > target) floor--;
  const low = lowAt(floor);
  if (low.reduce((s, r) => s + r, 0) >= target) return low;
  const base = rows.map((r) => Math.pow(r, power));
  const filled = (factor: number) => rows.map((r, h) => Math.min(r, Math.max(low[h], factor * base[h])));
  let [lo, hi] = [0, 1];
  while (filled(hi).reduce((s, x) => s + x, 0) < target) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (filled(mid).reduce((s, x) => s + x, 0) < target) lo = mid;
    else hi = mid;
  }
  const exact = filled(hi);
  const out = exact.map((x, h) => Math.max(low[h], Math.floor(x)));
  let left = target - out.reduce((s, x) => s + x, 0);
  const byRemainder = exact.map((x, h) => [x - Math.floor(x), h] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length) {
    const h = byRemainder[k][1];
    if (out[h] < rows[h]) {
      out[h]++;
      left--;
    }
  }
  return out;
}

/** Merges the adjacent pair of strata with the fewest rows together until at most `count` are left. */
export function mergeStrata(strata: readonly AuditStratum[], count: number): AuditStratum[] {
  const out = strata.map((s) => ({ ...s }));
  while (out.length > Math.max(1, count)) {
    let best = 0;
    for (let h = 1; h + 1 < out.length; h++) if (out[h].rows + out[h + 1].rows < out[best].rows + out[best + 1].rows) best = h;
    const [a, b] = [out[best], out[best + 1]];
    out.splice(best, 2, { start: a.start, end: b.end, minScore: a.minScore, maxScore: b.maxScore, rows: a.rows + b.rows, sampled: a.sampled + b.sampled });
  }
  return out;
}
