/**
 * The input of a paired comparison: the rows of two datasets matched by example id, as parallel
 * arrays (row i of A and row i of B are the same example).
 */

/** One categorical column of the matched rows, as codes into its values. */
export interface SliceColumn {
  /** The column's name, e.g. "country". */
  column: string;
  /** codes[i] is the value of row i: an index into `values`. */
  codes: Uint16Array;
  /** The value of each code, e.g. ["FR", "DE", ""] ("" for rows without one). */
  values: readonly string[];
}

/**
 * Matched rows. Ids in only one dataset and ids whose labels differ between A and B are removed by
 * the caller (who reports them as onlyA / onlyB / labelConflicts); every label here is 0 or 1.
 */
export interface MatchedRows {
  /** Model A's score of each matched example, in [0, 1]. */
  scoresA: Float64Array;
  /** Model B's score of the same example, in [0, 1]. */
  scoresB: Float64Array;
  /** The true class: 1 positive, 0 negative. */
  labels: Uint8Array;
  slices?: readonly SliceColumn[];
}

/** The class sizes of the matched rows. */
export interface ClassTotals {
  positives: number;
  negatives: number;
}

/**
 * Checks the shape and values of matched rows and counts the classes; throws an error naming the
 * first bad row (rows count from 0, as the arrays do).
 */
export function checkMatchedRows(rows: MatchedRows): ClassTotals {
  const { scoresA, scoresB, labels } = rows;
  const n = labels.length;
  if (scoresA.length !== n || scoresB.length !== n) {
    throw new Error(`matched rows differ in length: ${scoresA.length} scores of A, ${scoresB.length} of B, ${n} labels`);
  }
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (label > 1) throw new Error(`row ${i}: label ${label} is not 0 or 1`);
    positives += label;
    const a = scoresA[i];
    const b = scoresB[i];
    if (!(a >= 0 && a <= 1)) throw new Error(`row ${i}: score of A ${a} is not in [0, 1]`);
    if (!(b >= 0 && b <= 1)) throw new Error(`row ${i}: score of B ${b} is not in [0, 1]`);
  }
  for (const slice of rows.slices ?? []) {
    if (slice.codes.length !== n) throw new Error(`slice "${slice.column}" has ${slice.codes.length} codes for ${n} rows`);
    for (let i = 0; i < n; i++) {
      if (slice.codes[i] >= slice.values.length) throw new Error(`row ${i}: slice "${slice.column}" code ${slice.codes[i]} has no value`);
    }
  }
  return { positives, negatives: n - positives };
}
