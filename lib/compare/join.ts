/**
 * Two datasets joined by example id: a merge of their key-ordered rows (O(nA + nB)), checked
 * against the ids' text where keys are equal (two ids may share a 53-bit key, about once in 10⁹
 * pairs at 5 million ids), into the matched rows a paired comparison takes.
 */
import type { KeyedRows } from "./keyed-rows";
import type { MatchedRows, SliceColumn } from "./matched";

/** Rows of A and B whose keys are equal: candidates[k] pairs row a[k] of A with row b[k] of B. */
export interface CandidatePairs {
  a: Uint32Array;
  b: Uint32Array;
}

/**
 * Every pair of rows with equal keys, in key order. A run of r equal keys in A and s in B (a
 * collision, or the same id twice) gives its r × s pairs; nearly always r = s = 1.
 */
export function candidatePairs(a: KeyedRows, b: KeyedRows): CandidatePairs {
  let outA = new Uint32Array(Math.min(a.keys.length, b.keys.length));
  let outB = new Uint32Array(outA.length);
  let count = 0;
  const push = (x: number, y: number) => {
    if (count === outA.length) {
      const grow = (from: Uint32Array) => {
        const to = new Uint32Array(Math.max(16, from.length * 2));
        to.set(from);
        return to;
      };
      outA = grow(outA);
      outB = grow(outB);
    }
    outA[count] = x;
    outB[count++] = y;
  };
  let i = 0;
  let j = 0;
  const nA = a.keys.length;
  const nB = b.keys.length;
  while (i < nA && j < nB) {
    const key = a.keys[i];
    if (key < b.keys[j]) i++;
    else if (key > b.keys[j]) j++;
    else {
      let endA = i;
      while (endA < nA && a.keys[endA] === key) endA++;
      let endB = j;
      while (endB < nB && b.keys[endB] === key) endB++;
      for (let x = i; x < endA; x++) for (let y = j; y < endB; y++) push(x, y);
      i = endA;
      j = endB;
    }
  }
  return { a: outA.subarray(0, count), b: outB.subarray(0, count) };
}

/** A's slice columns: each one's name and values (a code indexes them). */
export interface SliceLayout {
  column: string;
  values: readonly string[];
}

/** Two datasets joined by example id. */
export interface JoinedRows {
  /** The matched rows with a label (the paired comparison's input); slices are A's. */
  rows: MatchedRows;
  /** Prediction ids of matched row i in A and in B (to show, tag and annotate them). */
  predictionIdsA: Float64Array;
  predictionIdsB: Float64Array;
  /** Where matched row i sits in each dataset's segments (see KeyedRows.segment, position). */
  segmentA: Uint16Array;
  positionA: Uint32Array;
  segmentB: Uint16Array;
  positionB: Uint32Array;
  /** Rows with an example id that the other dataset does not have. */
  onlyA: number;
  onlyB: number;
  /** Matched ids whose labels differ between A and B: left out of the comparison. */
  labelConflicts: number;
  /** The first conflicts (at most 20): prediction ids in A and in B. */
  conflictExamples: { a: number; b: number }[];
  /** Matched ids labelled in neither dataset: left out (a label known in one is used). */
  unlabeled: number;
}

const NOT_LABELLED = 255;
const SHOWN_CONFLICTS = 20;

/**
 * Keeps the candidate pairs whose ids are the same text (`same(k)` checks pair k; a row is
 * matched at most once) and builds the matched rows: both labels known and equal, or one known
 * (the same example's true class); labels that differ are `labelConflicts`, left out.
 * Codes past A's slice values (the overflow code of a column past 65,534 values) become one
 * more value, "other values".
 */
export function joinRows(a: KeyedRows, b: KeyedRows, candidates: CandidatePairs, same: (k: number) => boolean, slices: readonly SliceLayout[] = []): JoinedRows {
  const usedA = new Uint8Array(a.keys.length);
  const usedB = new Uint8Array(b.keys.length);
  const kept = new Uint32Array(candidates.a.length);
  let n = 0;
  let matchedIds = 0;
  let labelConflicts = 0;
  let unlabeled = 0;
  const conflictExamples: { a: number; b: number }[] = [];
  for (let k = 0; k < candidates.a.length; k++) {
    const i = candidates.a[k];
    const j = candidates.b[k];
    if (usedA[i] || usedB[j] || !same(k)) continue;
    usedA[i] = usedB[j] = 1;
    matchedIds++;
    const la = a.labels[i];
    const lb = b.labels[j];
    if (la === NOT_LABELLED && lb === NOT_LABELLED) unlabeled++;
    else if (la !== NOT_LABELLED && lb !== NOT_LABELLED && la !== lb) {
      labelConflicts++;
      if (conflictExamples.length < SHOWN_CONFLICTS) conflictExamples.push({ a: a.ids[i], b: b.ids[j] });
    } else kept[n++] = k;
  }
  const rows: MatchedRows = { scoresA: new Float64Array(n), scoresB: new Float64Array(n), labels: new Uint8Array(n) };
  const out = {
    predictionIdsA: new Float64Array(n), predictionIdsB: new Float64Array(n),
    segmentA: new Uint16Array(n), positionA: new Uint32Array(n), segmentB: new Uint16Array(n), positionB: new Uint32Array(n),
  };
  for (let m = 0; m < n; m++) {
    const i = candidates.a[kept[m]];
    const j = candidates.b[kept[m]];
    rows.scoresA[m] = a.scores[i];
    rows.scoresB[m] = b.scores[j];
    rows.labels[m] = a.labels[i] === NOT_LABELLED ? b.labels[j] : a.labels[i];
    out.predictionIdsA[m] = a.ids[i];
    out.predictionIdsB[m] = b.ids[j];
    out.segmentA[m] = a.segment[i];
    out.positionA[m] = a.position[i];
    out.segmentB[m] = b.segment[j];
    out.positionB[m] = b.position[j];
  }
  rows.slices = slices.map(({ column, values }, c): SliceColumn => {
    const codes = new Uint16Array(n);
    const source = a.slices[c];
    let overflow = false;
    for (let m = 0; m < n; m++) {
      const code = source ? source[candidates.a[kept[m]]] : 0;
      if (code >= values.length) overflow = true;
      codes[m] = Math.min(code, values.length);
    }
    return { column, codes, values: overflow || values.length === 0 ? [...values, "other values"] : values };
  });
  return { rows, ...out, onlyA: a.keys.length - matchedIds, onlyB: b.keys.length - matchedIds, labelConflicts, conflictExamples, unlabeled };
}
