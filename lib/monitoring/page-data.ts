import type { PeriodDrift } from "./drift";
import { DAY_MS, PERIOD_LENGTH_DAYS } from "./periods";
import type { PreparedMonitoring } from "./report";
import { decodeCells, preparedFromGrid, type ReplayGrid } from "./replay-grid";
import type { PeriodKind } from "./types";

/**
 * What the Monitoring page sends the browser: every period and the reference on a threshold grid
 * (see ReplayGrid), and what does not depend on the threshold (KS, PSI, drift, the PSI bins).
 * `preparedFromPage` turns it back into the preparation `monitoringAt` takes, so the browser
 * computes every figure with the same functions as the API.
 */
export interface MonitoringPageData {
  period: PeriodKind;
  steps: number;
  periods: ReplayGrid[];
  drift: PeriodDrift[];
  reference: { grid: ReplayGrid; edges: number[] | null; shares: number[] | null; days: number | null };
}

/** The page data of a preparation and its grids. */
export function pageDataOf(m: PreparedMonitoring, grids: { steps: number; periods: ReplayGrid[]; reference: ReplayGrid }): MonitoringPageData {
  return {
    period: m.period,
    steps: grids.steps,
    periods: grids.periods,
    drift: m.drift.map((d) => ({ ks: d.ks, ksPValue: d.ksPValue, psi: d.psi, drift: d.drift })),
    reference: { grid: grids.reference, edges: m.reference.edges, shares: m.reference.shares, days: m.referenceDays },
  };
}

/** The preparation of the page data (grid thresholds exact; `monitoringAt` answers as on the server). */
export function preparedFromPage(d: MonitoringPageData): PreparedMonitoring {
  const table = preparedFromGrid(d.reference.grid, d.steps);
  return {
    period: d.period,
    periods: d.periods.map((g) => preparedFromGrid(g, d.steps, d.period)),
    reference: { table, edges: d.reference.edges, shares: d.reference.shares },
    drift: d.drift,
    referenceDays: d.reference.days,
  };
}

/** One bar of a score histogram: scores in [lower, upper) (the last bar includes 1), as a share of all rows. */
export interface ShareBin {
  lower: number;
  upper: number;
  share: number;
}

/**
 * A grid's rows (labelled or not) as `bins` equal-width bars over [0, 1], each the share of all
 * its rows: the drill-down's distribution of a period over the reference's. `bins` must divide
 * the grid's steps.
 */
export function shareHistogram(g: ReplayGrid, steps: number, bins: number): ShareBin[] {
  const size = steps + 1;
  const [p, n] = [decodeCells(g.p, size), decodeCells(g.n, size)];
  const u = g.u ? decodeCells(g.u, size) : null;
  const counts = new Float64Array(bins);
  let total = 0;
  for (let k = 0; k < size; k++) {
    const rows = p[k] + n[k] + (u ? u[k] : 0);
    if (!rows) continue;
    counts[Math.min(bins - 1, Math.floor((k * bins) / steps))] += rows;
    total += rows;
  }
  return Array.from(counts, (c, b) => ({ lower: b / bins, upper: (b + 1) / bins, share: total ? c / total : 0 }));
}

/** [from, to) of a period as ISO instants (a gallery window). */
export function periodWindow(start: number, kind: PeriodKind): { from: string; to: string } {
  return { from: new Date(start).toISOString(), to: new Date(start + PERIOD_LENGTH_DAYS[kind] * DAY_MS).toISOString() };
}
