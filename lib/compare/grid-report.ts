/**
 * The comparison at one threshold for both models, recomputed from the paired grid (the page
 * does it on every frame of a drag): the same numbers as compareAt at that grid threshold,
 * since the eight cells are the same and everything else follows from them.
 */
import type { Traffic } from "../story/daily";
import { type CumulativePairedGrid, gridCells } from "./grid";
import { type CompareOptions, type CompareReport, reportOfCells } from "./report";
import type { SliceDifferences } from "./slices";

/** The parts of a report that no threshold changes (from the server, once). */
export type CompareStatics = Pick<CompareReport, "matched" | "classTotals" | "auc" | "histogram" | "density">;

/**
 * The report at the grid threshold nearest to `threshold` for both models. `slices` are passed
 * through (the per-slice differences need the rows: the page asks the server for them).
 */
export function compareOnGrid(statics: CompareStatics, grid: CumulativePairedGrid, threshold: number, traffic: Traffic, options: CompareOptions = {}, slices: SliceDifferences[] = []): CompareReport {
  const { threshold: t, cells } = gridCells(grid, threshold);
  const at = { thresholdA: t, thresholdB: t, withinLoadA: null, withinLoadB: null };
  return { ...statics, mode: "threshold", load: null, thresholdA: t, thresholdB: t, ...reportOfCells(cells, at, statics.auc, traffic, options), slices };
}
