import { calibrationCurve, type CalibrationBin } from "./calibration";
import { precisionRecallColumns, prPoint, rocColumns, rocPoint, type CurveColumns, type PrPoint, type RocPoint } from "./curves";
import type { ScoreTable } from "./score-table";
import { downsampleIndices } from "./simplify";

/** A curve as the API returns it, downsampled when long (see `downsampleCurve`). */
export interface CurveReport<T> {
  points: T[];
  /** Points of the full curve, before downsampling. */
  originalCount: number;
  /** Largest distance (unit square) between a dropped point and the returned curve; 0 when nothing was dropped. */
  tolerance: number;
}

/** Everything `/api/datasets/:id/curves` returns; a curve is null when a needed class is absent. */
export interface CurvesReport {
  roc: CurveReport<RocPoint> | null;
  pr: CurveReport<PrPoint> | null;
  calibration: CalibrationBin[];
}

/**
 * A curve kept to `maxPoints` as `downsampleCurve` keeps it (tolerance 1e-3, doubled until it fits),
 * building point objects only for the points kept: a curve of millions of distinct scores stays
 * a few typed arrays until then.
 */
function reported<T>(columns: CurveColumns, point: (c: CurveColumns, i: number) => T, maxPoints: number): CurveReport<T> {
  const n = columns.x.length;
  if (n <= maxPoints) return { points: Array.from({ length: n }, (_, i) => point(columns, i)), originalCount: n, tolerance: 0 };
  const { kept, tolerance } = downsampleIndices(columns.x, columns.y, maxPoints, 1e-3);
  return { points: kept.map((i) => point(columns, i)), originalCount: n, tolerance };
}

/** ROC (drop_intermediate) and PR curves as scikit-learn computes them, each kept to `maxPoints`. */
export function curvesReport(table: ScoreTable, maxPoints = 1000): CurvesReport {
  const roc = rocColumns(table);
  const pr = precisionRecallColumns(table);
  return {
    roc: roc && reported(roc, rocPoint, maxPoints),
    pr: pr && reported(pr, prPoint, maxPoints),
    calibration: calibrationCurve(table),
  };
}
