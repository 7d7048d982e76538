import { calibrationCurve, type CalibrationBin } from "./calibration";
import { precisionRecallCurve, rocCurve, type PrPoint, type RocPoint } from "./curves";
import type { ScoreTable } from "./score-table";
import { downsampleCurve } from "./simplify";

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

/** ROC (drop_intermediate) and PR curves as scikit-learn computes them, each kept to `maxPoints`. */
export function curvesReport(table: ScoreTable, maxPoints = 1000): CurvesReport {
  const roc = rocCurve(table);
  const pr = precisionRecallCurve(table);
  return {
    roc: roc && downsampleCurve(roc, (p) => p.fpr, (p) => p.tpr, maxPoints),
    pr: pr && downsampleCurve(pr, (p) => p.recall, (p) => p.precision, maxPoints),
    calibration: calibrationCurve(table),
  };
}
