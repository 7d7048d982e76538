/**
 * A dataset's rows in example-id key order, built from its segments (each stores its rows in
 * score order and its example-id keys sorted, with each key's id offset): what a join by id walks.
 */
import type { ScoreSegment } from "../metrics/segment";

/** One segment with its keys (lib/db/codec.ts SegmentKeys: offsets are id − segment.firstId). */
export interface KeyedSegment {
  segment: ScoreSegment;
  keys: Float64Array;
  keyOffsets: Uint32Array;
}

/** Rows that have an example id, ascending by (key, prediction id). */
export interface KeyedRows {
  /** 53-bit keys of the example ids (lib/ingest/example-key.ts). */
  keys: Float64Array;
  /** Prediction id of each row. */
  ids: Float64Array;
  scores: Float64Array;
  /** 1 positive, 0 negative, 255 not labelled yet. */
  labels: Uint8Array;
  /** slices[c][i]: the row's code in slice column c's values. */
  slices: Uint16Array[];
  /** The row's segment (index into the parts given) and its position in that segment's score order. */
  segment: Uint16Array;
  position: Uint32Array;
}

/** The rows of one segment in its key order (keys are stored sorted, ties by id offset). */
function keyedSegment({ segment, keys, keyOffsets }: KeyedSegment, sliceColumns: number, index: number): KeyedRows {
  const n = keys.length;
  let largest = 0;
  for (let i = 0; i < segment.offsets.length; i++) largest = Math.max(largest, segment.offsets[i]);
  const position = new Int32Array(largest + 1).fill(-1);
  for (let i = 0; i < segment.offsets.length; i++) position[segment.offsets[i]] = i;
  const out: KeyedRows = {
    keys: new Float64Array(n), ids: new Float64Array(n), scores: new Float64Array(n), labels: new Uint8Array(n),
    slices: Array.from({ length: sliceColumns }, () => new Uint16Array(n)),
    segment: new Uint16Array(n).fill(index), position: new Uint32Array(n),
  };
  let kept = 0;
  for (let j = 0; j < n; j++) {
    const offset = keyOffsets[j];
    const at = offset < position.length ? position[offset] : -1;
    if (at < 0) continue; // a key without its row: never written so, skipped rather than trusted
    out.keys[kept] = keys[j];
    out.ids[kept] = segment.firstId + offset;
    out.scores[kept] = segment.scores[at];
    out.labels[kept] = segment.labels[at];
    out.position[kept] = at;
    for (let c = 0; c < sliceColumns; c++) out.slices[c][kept] = segment.slices[c]?.[at] ?? 0;
    kept++;
  }
  return kept === n ? out : subarrays(out, kept);
}

const subarrays = (rows: KeyedRows, n: number): KeyedRows => ({
  keys: rows.keys.subarray(0, n), ids: rows.ids.subarray(0, n), scores: rows.scores.subarray(0, n), labels: rows.labels.subarray(0, n), slices: rows.slices.map((s) => s.subarray(0, n)),
  segment: rows.segment.subarray(0, n), position: rows.position.subarray(0, n),
});

const before = (a: KeyedRows, i: number, b: KeyedRows, j: number) => a.keys[i] < b.keys[j] || (a.keys[i] === b.keys[j] && a.ids[i] < b.ids[j]);

/** Merges two key-ordered row sets into one (O(n)). */
function mergeTwo(a: KeyedRows, b: KeyedRows): KeyedRows {
  const n = a.keys.length + b.keys.length;
  const out: KeyedRows = {
    keys: new Float64Array(n), ids: new Float64Array(n), scores: new Float64Array(n), labels: new Uint8Array(n),
    slices: a.slices.map(() => new Uint16Array(n)),
    segment: new Uint16Array(n), position: new Uint32Array(n),
  };
  for (let i = 0, j = 0, k = 0; k < n; k++) {
    const fromA = j >= b.keys.length || (i < a.keys.length && before(a, i, b, j));
    const [src, at] = fromA ? [a, i++] : [b, j++];
    out.keys[k] = src.keys[at];
    out.ids[k] = src.ids[at];
    out.scores[k] = src.scores[at];
    out.labels[k] = src.labels[at];
    out.segment[k] = src.segment[at];
    out.position[k] = src.position[at];
    for (let c = 0; c < out.slices.length; c++) out.slices[c][k] = src.slices[c][at];
  }
  return out;
}

/**
 * A dataset's keyed rows from its segments: each segment's rows put in its key order (through
 * the inverse of its score order), then the segments merged pairwise, O(n log k) for k segments.
 * Rows without an example id have no key and are not here.
 */
export function keyedRows(parts: readonly KeyedSegment[], sliceColumns = 0): KeyedRows {
  if (parts.length > 65535) throw new Error(`a dataset of ${parts.length} segments cannot be keyed`);
  let runs = parts.map((p, index) => keyedSegment(p, sliceColumns, index));
  if (runs.length === 0) return keyedSegment({ segment: { firstId: 0, offsets: new Uint32Array(0), scores: new Float64Array(0), labels: new Uint8Array(0), times: null, slices: [] }, keys: new Float64Array(0), keyOffsets: new Uint32Array(0) }, sliceColumns, 0);
  while (runs.length > 1) {
    const next: KeyedRows[] = [];
    for (let r = 0; r < runs.length; r += 2) next.push(r + 1 < runs.length ? mergeTwo(runs[r], runs[r + 1]) : runs[r]);
    runs = next;
  }
  return runs[0];
}

/**
 * Matched rows in one model's score order, from the order its segments already keep (no sort):
 * `segment[m]`, `position[m]` place matched row m in the segments (`sizes` their row counts);
 * each segment is walked in score order and the segments merged by score. Ties come in segment
 * order, which no figure depends on. O(n) for one segment, O(n log k) for k.
 */
export function scoreOrderOf(segment: Uint16Array, position: Uint32Array, scores: Float64Array, sizes: readonly number[]): Uint32Array {
  const n = segment.length;
  const slots = sizes.map((size) => new Int32Array(size).fill(-1));
  for (let m = 0; m < n; m++) slots[segment[m]][position[m]] = m;
  let runs: Uint32Array[] = slots.map((slot) => {
    let count = 0;
    for (let p = 0; p < slot.length; p++) if (slot[p] >= 0) count++;
    const run = new Uint32Array(count);
    for (let p = 0, k = 0; p < slot.length; p++) if (slot[p] >= 0) run[k++] = slot[p];
    return run;
  });
  if (runs.length === 0) return new Uint32Array(0);
  while (runs.length > 1) {
    const next: Uint32Array[] = [];
    for (let r = 0; r < runs.length; r += 2) {
      if (r + 1 >= runs.length) {
        next.push(runs[r]);
        continue;
      }
      const [x, y] = [runs[r], runs[r + 1]];
      const out = new Uint32Array(x.length + y.length);
      for (let i = 0, j = 0, k = 0; k < out.length; k++) out[k] = j >= y.length || (i < x.length && scores[x[i]] <= scores[y[j]]) ? x[i++] : y[j++];
      next.push(out);
    }
    runs = next;
  }
  return runs[0];
}
