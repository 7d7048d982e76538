import { ksPValue, ksStatistic } from "./ks";
import { binShares, decileEdges, psiOfShares } from "./psi";
import type { PreparedTable } from "./types";

/**
 * When a period's scores count as drifted from the reference's: both
 * - the KS test rejects "same distribution" at level `alpha`: p < alpha, with the asymptotic
 *   Kolmogorov p-value on the effective size n·m/(n+m) (`ksPValue`, conservative under ties), and
 * - the gap is big enough to matter: D >= `minKs`.
 *
 * Why both, and why these defaults:
 * - A test alone at α = 0.05 alarms on one period in twenty from chance alone: every few weeks on
 *   a daily chart. At α = 0.001 chance alone alarms on at most 1 period in 1,000 (ties only lower
 *   it), i.e. about once in three years of days, whatever the period's size.
 * - A bare PSI or D threshold ignores sample size: on 200 rows PSI's noise alone averages about
 *   9/200 ≈ 0.05 and passes 0.1 in about 2% of periods drawn from the reference itself, while a
 *   shift that matters can stay under 0.1 at any size (negatives +0.01: D ≈ 0.055, PSI ≈ 0.04).
 *   The test is what scales with size: on 200 rows against 16,560 it needs D above about 0.14, on
 *   200,000 rows about 0.016.
 * - Huge periods against a huge reference resolve tiny gaps (D ≈ 0.005 at 200,000 vs 500,000
 *   rows), which a production stream always has (time of day, weekday mix). The floor D >= 0.02
 *   keeps those out. D has a product meaning: it is the largest change, at any threshold, in the
 *   share of all rows flagged (for `score >= T` at every T as well), so the floor reads "no
 *   threshold's flag rate moved by 2 points or more of all traffic".
 *
 * PSI is reported beside D but does not decide: its decile bins are coarse (a shift within the
 * top decile, where thresholds usually sit, barely moves it) and it has no sampling distribution
 * to scale with size. The measured false-alarm and detection rates are in
 * tests/unit/monitoring-drift.test.ts.
 */
export interface DriftRule {
  /** Significance level of the KS test; default 0.001. */
  alpha: number;
  /** Smallest KS statistic D that counts as drift; default 0.02. */
  minKs: number;
}

export const DEFAULT_DRIFT_RULE: DriftRule = { alpha: 0.001, minKs: 0.02 };

/** What the rule says about one period. Null figures: the period or the reference has no rows. */
export interface PeriodDrift {
  /** Two-sample KS statistic D against the reference, exact (ties included). */
  ks: number | null;
  /** Asymptotic two-sided p-value of D on the effective size n·m/(n+m). */
  ksPValue: number | null;
  /** Population stability index over the reference's decile bins. */
  psi: number | null;
  /** True when p < alpha and D >= minKs. */
  drift: boolean;
}

/** The reference prepared for drift: its table, PSI edges and bin shares, computed once. */
export interface DriftReference {
  table: PreparedTable;
  /** The 9 inner PSI edges (the reference's deciles, numpy's default quantile); null without rows. */
  edges: number[] | null;
  /** The reference's share of rows in each of the 10 bins. */
  shares: number[] | null;
}

export function driftReference(table: PreparedTable): DriftReference {
  const edges = decileEdges(table);
  return { table, edges, shares: edges && binShares(table, edges) };
}

/** True when the rule calls (D, p) drift. */
export const isDrift = (ks: number | null, p: number | null, rule: DriftRule = DEFAULT_DRIFT_RULE): boolean =>
  ks !== null && p !== null && p < rule.alpha && ks >= rule.minKs;

/** KS, its p-value, PSI and the rule's verdict for one period. Does not depend on the threshold. */
export function periodDrift(reference: DriftReference, period: PreparedTable, rule: DriftRule = DEFAULT_DRIFT_RULE): PeriodDrift {
  const ks = ksStatistic(reference.table, period);
  const p = ks === null ? null : ksPValue(ks, reference.table.rows, period.rows);
  const periodShares = reference.edges && binShares(period, reference.edges);
  const psi = reference.shares && periodShares ? psiOfShares(reference.shares, periodShares) : null;
  return { ks, ksPValue: p, psi, drift: isDrift(ks, p, rule) };
}
