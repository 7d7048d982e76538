import { sortKeys } from "./key-sort";
import { ScoreOrderBuilder, scoreTableOfOrder } from "./score-order";
import type { ScoreTable } from "./score-table";
import type { ScoreSegment } from "./segment";

/** Example-id keys of a segment's rows, sorted: equal neighbours are candidate duplicates. */
export interface KeyOrder {
  /** The keys (lib/ingest/example-key.ts), ascending. */
  keys: Float64Array;
  /** positions[i]: the arrival position (0-based) of the row with keys[i]; ties by position. */
  positions: Uint32Array;
}

/** What a finished segment build hands to the writer. */
export interface BuiltSegment {
  /** The segment, with ids as arrival positions (firstId 0): the writer adds the first row's id. */
  segment: ScoreSegment;
  /** The labelled rows' score table. */
  table: ScoreTable;
  /** Keys of the rows that have an example id, or null when the file has no id column. */
  keys: KeyOrder | null;
}

function grown<T extends Float64Array | Uint16Array | Uint32Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

/**
 * Collects rows as they arrive (score, label, time, slice codes, id key) and builds the sorted
 * segment of them: the score order is sorted run by run while rows arrive (ScoreOrderBuilder),
 * the id keys are radix-sorted and the other columns gathered into score order at the end. With
 * `capacity` (the rows expected, e.g. from the file's size) every array is allocated once.
 */
export class SegmentBuilder {
  private readonly order: ScoreOrderBuilder;
  private times: Float64Array | null;
  private codes: Uint16Array[];
  private keys: Float64Array | null;
  /** Rows with an example id. */
  private keyed = 0;
  private keyPositions: Uint32Array | null;
  private count = 0;

  constructor(shape: { times: boolean; sliceColumns: number; keys: boolean }, capacity = 1024) {
    const size = Math.max(1024, Math.ceil(capacity));
    this.order = new ScoreOrderBuilder(undefined, size);
    this.times = shape.times ? new Float64Array(size) : null;
    this.codes = Array.from({ length: shape.sliceColumns }, () => new Uint16Array(size));
    this.keys = shape.keys ? new Float64Array(size) : null;
    this.keyPositions = shape.keys ? new Uint32Array(size) : null;
  }

  get size(): number {
    return this.count;
  }

  /** One row: `time` NaN for none, `codes` one per slice column, `key` NaN when the row has no id. */
  add(score: number, label: number, time: number, codes: ArrayLike<number> | null, key: number): void {
    const at = this.count++;
    this.order.add(score, label);
    if (this.times) {
      if (at === this.times.length) this.times = grown(this.times, Math.ceil(at * 1.5));
      this.times[at] = time;
    }
    for (let c = 0; c < this.codes.length; c++) {
      if (at === this.codes[c].length) this.codes[c] = grown(this.codes[c], Math.ceil(at * 1.5));
      this.codes[c][at] = codes ? codes[c] : 0;
    }
    if (this.keys && this.keyPositions && !Number.isNaN(key)) {
      if (this.keyed === this.keys.length) {
        this.keys = grown(this.keys, Math.ceil(this.keyed * 1.5));
        this.keyPositions = grown(this.keyPositions, Math.ceil(this.keyed * 1.5));
      }
      this.keys[this.keyed] = key;
      this.keyPositions[this.keyed++] = at;
    }
  }

  /** The segment of every row added, its score table and its key order; the builder is spent afterwards. */
  build(): BuiltSegment {
    // Keys first, then the columns: each step's arrays are let go before the next allocates.
    const keys = this.keyOrder();
    this.keys = this.keyPositions = null;
    const { ids, scores, labels } = this.order.build();
    const offsets = ids as Uint32Array;
    const n = offsets.length;
    const gather = <T extends Float64Array | Uint16Array>(column: T): T => {
      const out = new (column.constructor as new (n: number) => T)(n);
      for (let i = 0; i < n; i++) out[i] = column[offsets[i]];
      return out;
    };
    const times = this.times && gather(this.times);
    this.times = null;
    const slices = this.codes.map(gather);
    this.codes = [];
    const segment: ScoreSegment = { firstId: 0, offsets, scores, labels, times, slices };
    return { segment, table: scoreTableOfOrder({ ids, scores, labels }), keys };
  }

  private keyOrder(): KeyOrder | null {
    if (!this.keys || !this.keyPositions) return null;
    const m = this.keyed;
    return sortKeys(this.keys.subarray(0, m), this.keyPositions.subarray(0, m));
  }
}
