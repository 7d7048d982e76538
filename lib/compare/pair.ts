/**
 * The two long steps of preparing a joined pair, as plain data in and out (the services run them
 * in the compute worker): the candidate pairs of equal keys, then the join and the expensive part
 * of the comparison.
 */
import { candidatePairs, joinRows, type CandidatePairs, type JoinedRows, type SliceLayout } from "./join";
import { keyedRows, scoreOrderOf, type KeyedRows, type KeyedSegment } from "./keyed-rows";
import { pairedGrid, type PairedGrid } from "./grid";
import { prepareComparison, type PreparedComparison } from "./report";

/** Both datasets' rows with an example id in key order, their pairs of equal keys, and each pair's prediction ids (for the check of the ids' text). */
export interface PairCandidates {
  keyedA: KeyedRows;
  keyedB: KeyedRows;
  candidates: CandidatePairs;
  idsA: Float64Array;
  idsB: Float64Array;
}

export function pairCandidates(partsA: readonly KeyedSegment[], partsB: readonly KeyedSegment[], sliceColumnsA: number): PairCandidates {
  const keyedA = keyedRows(partsA, sliceColumnsA);
  const keyedB = keyedRows(partsB, 0);
  const candidates = candidatePairs(keyedA, keyedB);
  const idsA = new Float64Array(candidates.a.length);
  const idsB = new Float64Array(candidates.b.length);
  for (let k = 0; k < idsA.length; k++) {
    idsA[k] = keyedA.ids[candidates.a[k]];
    idsB[k] = keyedB.ids[candidates.b[k]];
  }
  return { keyedA, keyedB, candidates, idsA, idsB };
}

/** A joined pair ready to compare: the matched rows, their comparison and the browser's grid. */
export interface JoinedPair {
  joined: JoinedRows;
  prepared: PreparedComparison;
  grid: PairedGrid;
}

/**
 * The join of the candidate pairs whose ids are the same text (`same[k]` is 1; every pair when
 * `same` is null) and, unless no row matched, the expensive part of the comparison: each dataset's
 * segments keep their rows in score order (`segmentRows`: each segment's rows), so the matched
 * rows' orders come from them, unsorted. Null when no row matched.
 */
export function joinPair(c: Omit<PairCandidates, "idsA" | "idsB">, same: Uint8Array | null, slices: readonly SliceLayout[], segmentRows: { a: readonly number[]; b: readonly number[] }): JoinedPair | null {
  const joined = joinRows(c.keyedA, c.keyedB, c.candidates, same ? (k) => same[k] === 1 : () => true, slices);
  if (joined.onlyA === c.keyedA.keys.length) return null;
  const scoreOrders = {
    a: scoreOrderOf(joined.segmentA, joined.positionA, joined.rows.scoresA, segmentRows.a),
    b: scoreOrderOf(joined.segmentB, joined.positionB, joined.rows.scoresB, segmentRows.b),
  };
  return { joined, prepared: prepareComparison(joined.rows, scoreOrders), grid: pairedGrid(joined.rows) };
}
