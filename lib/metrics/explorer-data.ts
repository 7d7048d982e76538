import { calibrationCurve, type CalibrationBin } from "./calibration";
import { buildThresholdGrid, type ThresholdGrid } from "./grid";
import type { CumulativeTable } from "./score-table";

/**
 * What the explorer page sends to the browser: the threshold grid (exact counts at every
 * threshold the page can take; about 20k small integers whatever the row count) and the
 * reliability curve. Everything else the page draws is derived from the grid in the browser.
 */
export interface ExplorerData {
  grid: ThresholdGrid;
  calibration: CalibrationBin[];
}

export function explorerData(table: CumulativeTable): ExplorerData {
  return { grid: buildThresholdGrid(table), calibration: calibrationCurve(table) };
}
