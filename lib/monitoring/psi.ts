import { firstAbove } from "../metrics/score-table";
import { rowsAtOrBelow } from "./prepared";
import type { PreparedTable } from "./types";

/** The deciles the PSI bins are cut at: q = 0.1, 0.2, …, 0.9 (k / 10, as Python writes them). */
export const DECILES = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => k / 10);

/** Each bin's share is floored at this before the logarithm, so an empty bin counts but stays finite. */
export const PSI_SHARE_FLOOR = 0.0001;

/** The k-th smallest row's score (0-based, with multiplicities): binary search on the cumulative counts. */
function orderStatistic(p: PreparedTable, k: number): number {
  let lo = 0;
  let hi = p.scores.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rowsAtOrBelow(p, mid) > k) hi = mid;
    else lo = mid + 1;
  }
  return p.scores[lo];
}

/**
 * The q-quantile of all rows' scores exactly as numpy's default `np.quantile(x, q)` (method
 * "linear"): virtual index h = (n − 1)·q, a = x[⌊h⌋], b = x[⌊h⌋ + 1] (order statistics, ties
 * repeated), t = h − ⌊h⌋, then numpy's `_lerp`: a + (b − a)·t when t < 0.5, b − (b − a)·(1 − t)
 * otherwise. Null when there are no rows.
 */
export function quantileLinear(p: PreparedTable, q: number): number | null {
  const n = p.rows;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const below = Math.min(Math.floor(h), n - 1);
  const a = orderStatistic(p, below);
  const b = orderStatistic(p, Math.min(below + 1, n - 1));
  const t = h - below;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The 9 inner bin edges of PSI: the reference's deciles (numpy's default quantile). Null without rows. */
export function decileEdges(reference: PreparedTable): number[] | null {
  if (reference.rows === 0) return null;
  return DECILES.map((q) => quantileLinear(reference, q) as number);
}

/**
 * Share of a table's rows in each of the 10 bins cut at `edges`: bin 0 holds s <= edges[0], bin i
 * holds edges[i−1] < s <= edges[i], bin 9 holds s > edges[8]. Shares are not floored. Nine binary
 * searches; null without rows.
 */
export function binShares(p: PreparedTable, edges: readonly number[]): number[] | null {
  if (p.rows === 0) return null;
  const shares: number[] = [];
  let before = 0;
  for (const edge of edges) {
    const atOrBelow = p.rows - p.rowsAtOrAbove[firstAbove(p.scores, edge)];
    shares.push((atOrBelow - before) / p.rows);
    before = atOrBelow;
  }
  shares.push((p.rows - before) / p.rows);
  return shares;
}

/** PSI between two sets of bin shares: Σ (p − q)·ln(p / q), each share floored at 0.0001. */
export function psiOfShares(reference: readonly number[], period: readonly number[]): number {
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = Math.max(reference[i], PSI_SHARE_FLOOR);
    const q = Math.max(period[i], PSI_SHARE_FLOOR);
    psi += (p - q) * Math.log(p / q);
  }
  return psi;
}

/**
 * Population stability index of a period against the reference, binned at the reference's deciles
 * (`decileEdges`, pass them to avoid recomputing). Null when either side has no rows.
 */
export function psi(reference: PreparedTable, period: PreparedTable, edges = decileEdges(reference)): number | null {
  if (!edges) return null;
  const ref = binShares(reference, edges);
  const cur = binShares(period, edges);
  return ref && cur ? psiOfShares(ref, cur) : null;
}
