import { ScoreOrderBuilder, scoreTableOfOrder, sortByScore } from "./score-order";
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

function grown<T extends Float64Array | Uint16Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

/**
 * Collects rows as they arrive (score, label, time, slice codes, id key) and builds the sorted
 * segment of them: the score order is sorted run by run while rows arrive (ScoreOrderBuilder),
 * the other columns are gathered into that order at the end, and the id keys radix-sorted.
 */
export class SegmentBuilder {
  private readonly order = new ScoreOrderBuilder();
  private times: Float64Array | null;
  private codes: Uint16Array[];
  private keys: Float64Array | null;
  /** Rows with an example id. */
  private keyed = 0;
  private keyPositions: Float64Array | null;
  private count = 0;

  constructor(shape: { times: boolean; sliceColumns: number; keys: boolean }) {
    this.times = shape.times ? new Float64Array(1024) : null;
    this.codes = Array.from({ length: shape.sliceColumns }, () => new Uint16Array(1024));
    this.keys = shape.keys ? new Float64Array(1024) : null;
    this.keyPositions = shape.keys ? new Float64Array(1024) : null;
  }

  get size(): number {
    return this.count;
  }

  /** One row: `time` NaN for none, `codes` one per slice column, `key` NaN when the row has no id. */
  add(score: number, label: number, time: number, codes: ArrayLike<number> | null, key: number): void {
    const at = this.count++;
    this.order.add(score, label);
    if (this.times) {
      if (at === this.times.length) this.times = grown(this.times, at * 2);
      this.times[at] = time;
    }
    for (let c = 0; c < this.codes.length; c++) {
      if (at === this.codes[c].length) this.codes[c] = grown(this.codes[c], at * 2);
      this.codes[c][at] = codes ? codes[c] : 0;
    }
    if (this.keys && this.keyPositions && !Number.isNaN(key)) {
      if (this.keyed === this.keys.length) {
        this.keys = grown(this.keys, this.keyed * 2);
        this.keyPositions = grown(this.keyPositions, this.keyed * 2);
      }
      this.keys[this.keyed] = key;
      this.keyPositions[this.keyed++] = at;
    }
  }

  /** The segment of every row added, its score table and its key order; the builder is spent afterwards. */
  build(): BuiltSegment {
    const { ids, scores, labels } = this.order.build();
    const n = ids.length;
    const offsets = new Uint32Array(n);
    for (let i = 0; i < n; i++) offsets[i] = ids[i];
    const gather = <T extends Float64Array | Uint16Array>(column: T): T => {
      const out = new (column.constructor as new (n: number) => T)(n);
      for (let i = 0; i < n; i++) out[i] = column[offsets[i]];
      return out;
    };
    const segment: ScoreSegment = { firstId: 0, offsets, scores, labels, times: this.times && gather(this.times), slices: this.codes.map(gather) };
    return { segment, table: scoreTableOfOrder({ ids, scores, labels }), keys: this.keyOrder() };
  }

  private keyOrder(): KeyOrder | null {
    if (!this.keys || !this.keyPositions) return null;
    const m = this.keyed;
    const sorted = sortByScore(this.keys.subarray(0, m), new Uint8Array(m));
    const positions = new Uint32Array(m);
    for (let i = 0; i < m; i++) positions[i] = this.keyPositions[sorted.positions[i]];
    return { keys: sorted.scores, positions };
  }
}
