/**
 * How a segment's columns are stored: each a little-endian typed array as one BLOB (SQLite) or
 * bytea (PostgreSQL) — the same bytes in every backend, so both read them with this module.
 */
import type { ScoreSegment } from "../metrics/segment";

/** The bytes of a typed array, without copying. */
export const toBytes = (values: Float64Array | Uint32Array | Uint16Array | Uint8Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

/**
 * Stored bytes as a buffer a typed array can view: in shared memory when `shared` (a worker that
 * reads a segment hands it to the app's thread without a copy); else the driver's own buffer when
 * it starts 8-byte aligned and spans its whole buffer (no copy: a segment's columns are tens of
 * MB), else a fresh aligned copy.
 */
function aligned(bytes: Uint8Array, shared = false): ArrayBuffer | SharedArrayBuffer {
  if (!shared && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  const copy = new Uint8Array(shared ? new SharedArrayBuffer(bytes.byteLength) : new ArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy.buffer;
}

/** A segment's columns as stored. */
export interface StoredSegmentColumns {
  offsets: Uint8Array;
  scores: Uint8Array;
  labels: Uint8Array;
  times: Uint8Array | null;
  slices: Uint8Array | null;
}

/** A segment's example-id keys (ascending) with the id offset of each key's row. */
export interface SegmentKeys {
  keys: Float64Array;
  offsets: Uint32Array;
}

/** Keys as stored (two blobs), or nulls without keys. */
export const encodeKeys = (keys: SegmentKeys | null) => ({ keys: keys && toBytes(keys.keys), keyOffsets: keys && toBytes(keys.offsets) });

/** Stored keys back as typed arrays, or null. */
export function decodeKeys(keys: Uint8Array | null, keyOffsets: Uint8Array | null, { shared = false } = {}): SegmentKeys | null {
  if (!keys || !keyOffsets) return null;
  return { keys: new Float64Array(aligned(keys, shared)), offsets: new Uint32Array(aligned(keyOffsets, shared)) };
}

export function encodeSegment(segment: ScoreSegment): StoredSegmentColumns {
  const n = segment.offsets.length;
  let slices: Buffer | null = null;
  if (segment.slices.length) {
    const all = new Uint16Array(n * segment.slices.length);
    segment.slices.forEach((codes, c) => all.set(codes, c * n));
    slices = toBytes(all);
  }
  return { offsets: toBytes(segment.offsets), scores: toBytes(segment.scores), labels: toBytes(segment.labels), times: segment.times && toBytes(segment.times), slices };
}

/**
 * A stored segment back as typed arrays (`sliceColumns`: how many slice columns its dataset has),
 * over shared memory with `{ shared: true }`.
 */
export function decodeSegment(firstId: number, stored: StoredSegmentColumns, sliceColumns: number, { shared = false } = {}): ScoreSegment {
  const offsets = new Uint32Array(aligned(stored.offsets, shared));
  const n = offsets.length;
  const all = stored.slices ? new Uint16Array(aligned(stored.slices, shared)) : new Uint16Array(0);
  const slices = Array.from({ length: sliceColumns }, (_, c) => (all.length >= (c + 1) * n ? all.subarray(c * n, (c + 1) * n) : new Uint16Array(n)));
  return {
    firstId,
    offsets,
    scores: new Float64Array(aligned(stored.scores, shared)),
    labels: new Uint8Array(aligned(stored.labels, shared)),
    times: stored.times ? new Float64Array(aligned(stored.times, shared)) : null,
    slices,
  };
}
