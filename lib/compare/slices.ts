/** Per-slice differences between the two models at their thresholds. */
import type { MatchedRows } from "./matched";

/** One model's counts within a slice value. */
export interface SliceCounts {
  /** Positives flagged (caught). */
  tp: number;
  /** Negatives flagged (false alarms). */
  fp: number;
  /** Positives not flagged (missed). */
  fn: number;
}

/** One value of a slice column. */
export interface SliceValueDifference {
  value: string;
  rows: number;
  positives: number;
  negatives: number;
  a: SliceCounts;
  b: SliceCounts;
  /** B − A of each count. */
  difference: SliceCounts;
}

export interface SliceDifferences {
  column: string;
  /** The column's values with at least one matched row, in the order of its codes. */
  values: SliceValueDifference[];
}

/**
 * Tallies each slice value's cells from the rows' cell codes (see tallyCells; one pass a column)
 * and derives each model's tp / fp / fn and their differences.
 */
export function sliceDifferences(rows: MatchedRows, cellCodes: Uint8Array): SliceDifferences[] {
  return (rows.slices ?? []).map(({ column, codes, values }) => {
    const counts = new Float64Array(values.length * 8);
    for (let i = 0; i < codes.length; i++) counts[codes[i] * 8 + cellCodes[i]]++;
    const out: SliceValueDifference[] = [];
    values.forEach((value, v) => {
      const c = (cell: number) => counts[v * 8 + cell];
      // Cells: label·4 + (A flags)·2 + (B flags).
      const negatives = c(0) + c(1) + c(2) + c(3);
      const positives = c(4) + c(5) + c(6) + c(7);
      if (positives + negatives === 0) return;
      const a = { tp: c(6) + c(7), fp: c(2) + c(3), fn: c(4) + c(5) };
      const b = { tp: c(5) + c(7), fp: c(1) + c(3), fn: c(4) + c(6) };
      out.push({ value, rows: positives + negatives, positives, negatives, a, b, difference: { tp: b.tp - a.tp, fp: b.fp - a.fp, fn: b.fn - a.fn } });
    });
    return { column, values: out };
  });
}
