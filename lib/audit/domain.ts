/**
 * Sums over a domain of the frame (the flagged rows, or the rows not flagged): each domain is a
 * union of cells — whole strata, and one part of the stratum the threshold cuts — and each cell is
 * estimated from its own labelled rows (post-stratification) or, when it has none, from its
 * stratum's (or the nearest labelled stratum's) rate.
 */

/** The running sums of a domain's positive count. */
export interface DomainSums {
  /** Rows of the frame in the domain (known exactly). */
  rows: number;
  /** Estimated positives: Σ N_c · p̂_c. */
  positives: number;
  /** Design variance of that estimate: Σ N_c² (1 − f_c) s_c² / m_c. */
  variance: number;
  /** Poisson variances of the weighted positive and negative counts: Σ (N_c²/m_c)(1 − f_c) p̂_c, … (1 − p̂_c). */
  poissonPositives: number;
  poissonNegatives: number;
  /** Rows of the frame one labelled row stands for, at most: max N_c / m_c over cells not labelled whole. */
  heaviest: number;
  /** Frame rows and labelled rows of the cells not labelled whole (their ratio is the mean weight). */
  sampledRows: number;
  sampledLabels: number;
}

export const emptySums = (): DomainSums => ({ rows: 0, positives: 0, variance: 0, poissonPositives: 0, poissonNegatives: 0, heaviest: 0, sampledRows: 0, sampledLabels: 0 });

/** Where a cell's rate comes from: `labelled` rows of which `positives` are positive. */
export interface RateSource {
  labelled: number;
  positives: number;
}

/**
 * Adds a cell of `rows` frame rows whose rate is read from `source`. `ownRows` is the number of
 * rows the source's labelled rows were drawn from (for the finite population correction
 * 1 − m/N_source); a borrowed rate (the cell holds none of the source's labelled rows) is given
 * no correction, and its rows stand for rows/m each.
 */
export function addCell(sums: DomainSums, rows: number, source: RateSource, ownRows: number | null): void {
  if (rows <= 0) return;
  sums.rows += rows;
  const m = source.labelled;
  const p = source.positives / m;
  const fpc = ownRows === null ? 1 : Math.max(0, 1 - m / ownRows);
  const s2 = m > 1 ? (m * p * (1 - p)) / (m - 1) : 0;
  sums.positives += rows * p;
  sums.variance += (rows * rows * fpc * s2) / m;
  sums.poissonPositives += ((rows * rows) / m) * fpc * p;
  sums.poissonNegatives += ((rows * rows) / m) * fpc * (1 - p);
  if (fpc > 0) {
    sums.heaviest = Math.max(sums.heaviest, rows / m);
    sums.sampledRows += rows;
    sums.sampledLabels += m;
  }
}

/** The nearest stratum with labels to stratum h (the higher-score one on a tie), or −1. */
export function nearestLabelled(labelled: readonly number[], h: number): number {
  for (let d = 0; d < labelled.length; d++) {
    if (h + d < labelled.length && labelled[h + d] > 0) return h + d;
    if (h - d >= 0 && labelled[h - d] > 0) return h - d;
  }
  return -1;
}
