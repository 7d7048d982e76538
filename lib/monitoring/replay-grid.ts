import { firstAtOrAbove } from "../metrics/score-table";
import { prepareTable } from "./prepared";
import type { PeriodKind, PeriodTable, PreparedTable } from "./types";

/**
 * What the Monitoring page sends the browser so that a dragged threshold recomputes every past
 * period there: each period's rows on a threshold grid t_k = k / steps (k = 0 … steps). Cell k
 * holds the rows with t_k <= score < t_(k+1) (the last cell: score >= 1), so the counts flagged
 * at any grid threshold are exact (the same `score >= t_k` comparison as the server's). Between
 * grid thresholds the page snaps: the grid is as fine as the payload allows (`chooseReplaySteps`).
 */
export interface ReplayGrid {
  /** Epoch ms of the period's start (0 for a reference). */
  start: number;
  /** Days the period covers (per-day figures divide by it). */
  days: number;
  /** Positives, negatives and unlabelled rows per cell, run-length coded (see `encodeCells`). */
  p: number[];
  n: number[];
  /** Absent when every row of the period has a label. */
  u?: number[];
}

/** Grid sizes tried, finest first: 4, then 3.3, 3, 2.7, 2.3 and 2 decimals. */
export const REPLAY_STEPS = [10_000, 5_000, 2_000, 1_000, 500, 200, 100] as const;

/**
 * Cell counts as a short list: a count c >= 0 is one cell, a negative −r stands for r empty
 * cells, and trailing empty cells are left out ([0, 0, 0, 5, 2, 0, 0] → [−3, 5, 2]).
 */
export function encodeCells(cells: ArrayLike<number>): number[] {
  const out: number[] = [];
  let end = cells.length;
  while (end > 0 && cells[end - 1] === 0) end--;
  for (let k = 0; k < end; ) {
    if (cells[k] !== 0) {
      out.push(cells[k++]);
      continue;
    }
    let run = 0;
    while (k < end && cells[k] === 0) {
      run++;
      k++;
    }
    out.push(-run);
  }
  return out;
}

/** The `size` cells of an `encodeCells` list. */
export function decodeCells(coded: readonly number[], size: number): Float64Array {
  const cells = new Float64Array(size);
  let k = 0;
  for (const c of coded) {
    if (c < 0) k += -c;
    else cells[k++] = c;
  }
  return cells;
}

/** A prepared period's rows on the grid of `steps` cells: steps + 1 binary searches on its suffix sums. */
export function replayGrid(p: PreparedTable, steps: number): ReplayGrid {
  const size = steps + 1;
  const [positives, negatives, unlabeled] = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
  let above = p.scores.length;
  for (let k = steps; k >= 0; k--) {
    const i = firstAtOrAbove(p.scores, k / steps);
    positives[k] = p.positivesAtOrAbove[i] - p.positivesAtOrAbove[above];
    negatives[k] = p.negativesAtOrAbove[i] - p.negativesAtOrAbove[above];
    unlabeled[k] = p.rowsAtOrAbove[i] - p.rowsAtOrAbove[above] - positives[k] - negatives[k];
    above = i;
  }
  const labelled = p.rows === p.positives + p.negatives;
  return { start: p.start, days: p.days, p: encodeCells(positives), n: encodeCells(negatives), ...(labelled ? {} : { u: encodeCells(unlabeled) }) };
}

/** The period a grid stands for, as a prepared table whose scores are the grid thresholds of its non-empty cells. */
export function preparedFromGrid(g: ReplayGrid, steps: number, kind: PeriodKind = "day"): PreparedTable {
  const size = steps + 1;
  const [p, n] = [decodeCells(g.p, size), decodeCells(g.n, size)];
  const u = g.u ? decodeCells(g.u, size) : new Float64Array(size);
  let used = 0;
  for (let k = 0; k < size; k++) if (p[k] || n[k] || u[k]) used++;
  const table: PeriodTable = { start: g.start, days: g.days, scores: new Float64Array(used), positives: new Float64Array(used), negatives: new Float64Array(used), unlabeled: new Float64Array(used) };
  for (let k = 0, j = 0; k < size; k++) {
    if (!(p[k] || n[k] || u[k])) continue;
    table.scores[j] = k / steps;
    table.positives[j] = p[k];
    table.negatives[j] = n[k];
    table.unlabeled[j++] = u[k];
  }
  return prepareTable(table, kind);
}

/** Bytes of the grids as JSON (what the page carries). */
export const gridsBytes = (grids: readonly ReplayGrid[]) => grids.reduce((sum, g) => sum + JSON.stringify(g).length + 1, 0);

/**
 * The finest grid of REPLAY_STEPS whose JSON fits in `budgetBytes` for these periods (and the
 * reference), with the grids; the coarsest when none fits. A 28-day stream of 2,000 rows a day
 * gets 4 decimals; 10,000,000 rows over 90 days about 2.3.
 */
export function chooseReplaySteps(periods: readonly PreparedTable[], reference: PreparedTable, budgetBytes: number): { steps: number; periods: ReplayGrid[]; reference: ReplayGrid } {
  let chosen: { steps: number; periods: ReplayGrid[]; reference: ReplayGrid } | null = null;
  for (const steps of REPLAY_STEPS) {
    const grids = { steps, periods: periods.map((p) => replayGrid(p, steps)), reference: replayGrid(reference, steps) };
    chosen = grids;
    if (gridsBytes([...grids.periods, grids.reference]) <= budgetBytes) break;
  }
  return chosen!;
}

/** The grid threshold nearest to `t` (what the page's threshold snaps to). */
export const snapToGrid = (t: number, steps: number) => Math.min(steps, Math.max(0, Math.round(t * steps))) / steps;
