import { sortKeys } from "./key-sort";
import { ScoreOrderBuilder } from "./score-order";
import { MAX_SEGMENT_ROWS, type ScoreSegment } from "./segment";

/** Example-id keys of a segment's rows, sorted: equal neighbours are candidate duplicates. */
export interface KeyOrder {
  /** The keys (lib/ingest/example-key.ts), ascending. */
  keys: Float64Array;
  /** positions[i]: the arrival position (0-based, in the whole batch) of the row with keys[i]; ties by position. */
  positions: Uint32Array;
}

/** One finished segment of a batch, as the parser hands it to the writer. */
export interface BuiltSegment {
  /** The segment, with ids as arrival positions in the batch (firstId 0): the writer adds the first row's id. */
  segment: ScoreSegment;
  /** Keys of its rows that have an example id, or null when the file has no id column. */
  keys: KeyOrder | null;
}

function grown<T extends Float64Array | Uint16Array | Uint32Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

/**
 * Collects rows as they arrive (score, label, time, slice codes, id key) and builds sorted
 * segments of them, one per `maxRows` rows: the score order is sorted run by run while rows
 * arrive (ScoreOrderBuilder), the id keys are radix-sorted and the other columns gathered into
 * score order when a segment is complete. A complete segment goes to `onSegment` (the parse
 * worker sends it on at once) or waits for finish(): either way no more than one segment's rows
 * are held, however long the file. With `capacity` (the rows expected) the arrays are allocated once.
 */
export class SegmentBuilder {
  /** The rows of the segment being filled: allocated at its first row, so a builder never fed (a parser whose rows another thread reads) holds no arrays. */
  private current: SegmentChunk | null = null;
  private readonly done: BuiltSegment[] = [];
  private count = 0;

  constructor(
    private readonly shape: { times: boolean; sliceColumns: number; keys: boolean },
    private readonly capacity = 1024,
    private readonly onSegment: ((part: BuiltSegment) => void) | null = null,
    private readonly maxRows = MAX_SEGMENT_ROWS,
  ) {}

  get size(): number {
    return this.count;
  }

  /** One row: `time` NaN for none, `codes` one per slice column, `key` NaN when the row has no id. */
  add(score: number, label: number, time: number, codes: ArrayLike<number> | null, key: number): void {
    (this.current ??= new SegmentChunk(this.shape, Math.min(Math.max(1024, this.capacity - this.count), this.maxRows), this.count)).add(score, label, time, codes, key);
    if (++this.count % this.maxRows === 0) {
      this.complete(this.current.build());
      this.current = null;
    }
  }

  /** The segments not yet handed to onSegment (the last, partial one included); the builder is spent afterwards. */
  finish(): BuiltSegment[] {
    if (this.current || this.count === 0) this.done.push((this.current ?? new SegmentChunk(this.shape, 0, this.count)).build());
    this.current = null;
    return this.done.splice(0);
  }

  private complete(part: BuiltSegment): void {
    if (this.onSegment) this.onSegment(part);
    else this.done.push(part);
  }
}

/** The rows of one segment while they arrive; `first` is the batch position of its first row. */
class SegmentChunk {
  private readonly order: ScoreOrderBuilder;
  private times: Float64Array | null;
  private codes: Uint16Array[];
  private keys: Float64Array | null;
  /** Rows with an example id. */
  private keyed = 0;
  private keyPositions: Uint32Array | null;
  private count = 0;

  constructor(shape: { times: boolean; sliceColumns: number; keys: boolean }, capacity: number, private readonly first: number) {
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
      this.keyPositions[this.keyed++] = this.first + at;
    }
  }

  /** The segment of every row added, with its key order; the chunk is spent afterwards. */
  build(): BuiltSegment {
    // Keys first, then the columns: each step's arrays are let go before the next allocates.
    const keys = this.keys && this.keyPositions ? sortKeys(this.keys.subarray(0, this.keyed), this.keyPositions.subarray(0, this.keyed)) : null;
    this.keys = this.keyPositions = null;
    const { ids, scores, labels } = this.order.build();
    const local = ids as Uint32Array;
    const n = local.length;
    const gather = <T extends Float64Array | Uint16Array>(column: T): T => {
      const out = new (column.constructor as new (n: number) => T)(n);
      for (let i = 0; i < n; i++) out[i] = column[local[i]];
      return out;
    };
    const times = this.times && gather(this.times);
    this.times = null;
    const slices = this.codes.map(gather);
    this.codes = [];
    // Positions in the batch (the writer adds the batch's first id).
    if (this.first) for (let i = 0; i < n; i++) local[i] += this.first;
    return { segment: { firstId: 0, offsets: local, scores, labels, times, slices }, keys: keys && { keys: keys.keys, positions: keys.positions } };
  }
}

/** The buffers of a built segment's typed arrays, to move (not copy) it to another thread. */
export function builtSegmentBuffers(parts: BuiltSegment[]): ArrayBuffer[] {
  const views = parts.flatMap(({ segment, keys }) => [segment.offsets, segment.scores, segment.labels, segment.times, ...segment.slices, keys?.keys, keys?.positions]);
  return [...new Set(views.filter((v) => v !== null && v !== undefined).map((v) => v.buffer as ArrayBuffer))];
}
