/**
 * Validated rows packed in columns, to cross from the parse worker to the thread that writes them
 * with one structured clone per few thousand rows instead of one object per row: numbers in typed
 * arrays, each text column as one string of all its values with their end offsets.
 */
import type { PredictionRow } from "./types";

/** The text columns of a PredictionRow, in batch order. */
const TEXT_COLUMNS = ["exampleId", "text", "image", "slices", "extras"] as const;
/** The column whose values repeat (each row's slice values as JSON): sent coded while they do. */
const SLICES = 3;
/** A batch's slices stay coded up to this many distinct values; past it they go joined, for the rest of the import. */
const MAX_CODED_VALUES = 256;

/**
 * A text column's values joined, and where each ends. A value of length 0 is null: the converter
 * never yields "" (an empty id, text or image cell is null; slices and extras are JSON arrays).
 */
export interface JoinedTexts {
  joined: string;
  ends: Uint32Array;
}

/**
 * A column of few distinct values (the slices of most files): each once, and each row's number in
 * them (0: null, k: values[k − 1]). Joining a million rows' slices, then copying the text to the
 * writer, cost more than the rest of the column's way.
 */
export interface CodedTexts {
  values: string[];
  codes: Uint32Array;
}

export type PackedTexts = JoinedTexts | CodedTexts;

/** True for the coded form of a text column. */
export const isCoded = (texts: PackedTexts): texts is CodedTexts => "codes" in texts;

/** `count` rows; `timestamps` holds NaN for a row without one; a null text column is all null. */
export interface RowBatch {
  count: number;
  rows: Float64Array;
  labels: Uint8Array;
  scores: Float64Array;
  timestamps: Float64Array;
  texts: (PackedTexts | null)[];
}

/** Collects rows into RowBatches of up to `capacity` rows. */
export class RowBatchBuilder {
  private count = 0;
  private rows: Float64Array;
  private labels: Uint8Array;
  private scores: Float64Array;
  private timestamps: Float64Array;
  private readonly parts: string[][];
  private readonly ends: Uint32Array[];
  private readonly lengths: number[];
  /** The slices' distinct values of this batch and their codes, while the column is coded. */
  private coded: Map<string, number> | null = null;
  private codedValues: string[] = [];
  private codes: Uint32Array;

  /** `present[i]` says whether TEXT_COLUMNS[i] exists in the file (else it is null in every row). */
  constructor(
    readonly capacity: number,
    private readonly present: readonly boolean[],
  ) {
    this.rows = new Float64Array(capacity);
    this.labels = new Uint8Array(capacity);
    this.scores = new Float64Array(capacity);
    this.timestamps = new Float64Array(capacity);
    this.parts = TEXT_COLUMNS.map(() => []);
    this.ends = TEXT_COLUMNS.map((_, i) => (present[i] ? new Uint32Array(capacity) : new Uint32Array(0)));
    this.lengths = TEXT_COLUMNS.map(() => 0);
    this.codes = new Uint32Array(present[SLICES] ? capacity : 0);
    if (present[SLICES]) this.coded = new Map();
  }

  /** Which text columns a mapping fills (slices and extras only when it has such columns). */
  static presentColumns(mapping: { id: string | null; text: string | null; image: string | null; slices: string[]; extras: string[] }): boolean[] {
    return [mapping.id !== null, mapping.text !== null, mapping.image !== null, mapping.slices.length > 0, mapping.extras.length > 0];
  }

  get size(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  add(row: PredictionRow): void {
    const at = this.count++;
    this.rows[at] = row.row;
    this.labels[at] = row.label;
    this.scores[at] = row.score;
    this.timestamps[at] = row.timestamp ?? NaN;
    // One call per column rather than a loop over names: a keyed property read per cell was slow.
    const present = this.present;
    if (present[0]) this.addText(0, at, row.exampleId);
    if (present[1]) this.addText(1, at, row.text);
    if (present[2]) this.addText(2, at, row.image);
    if (present[3]) {
      if (this.coded) this.addCoded(at, row.slices);
      else this.addText(3, at, row.slices);
    }
    if (present[4]) this.addText(4, at, row.extras);
  }

  private addCoded(at: number, value: string | null): void {
    const coded = this.coded!;
    if (value === null) {
      this.codes[at] = 0;
      return;
    }
    let code = coded.get(value);
    if (code === undefined) {
      if (coded.size === MAX_CODED_VALUES) {
        // Too many values to be worth coding: this batch's rows so far go joined, and so does the rest.
        this.coded = null;
        for (let i = 0; i < at; i++) this.addText(SLICES, i, this.codes[i] === 0 ? null : this.codedValues[this.codes[i] - 1]);
        this.codedValues = [];
        return this.addText(SLICES, at, value);
      }
      code = coded.size + 1;
      coded.set(value, code);
      this.codedValues.push(value);
    }
    this.codes[at] = code;
  }

  private addText(column: number, at: number, value: string | null): void {
    if (value !== null) {
      this.parts[column].push(value);
      this.lengths[column] += value.length;
    }
    this.ends[column][at] = this.lengths[column];
  }

  /** The rows added since the last take, as a batch whose arrays the caller may transfer. */
  take(): RowBatch {
    const n = this.count;
    const batch: RowBatch = {
      count: n,
      rows: this.rows.slice(0, n),
      labels: this.labels.slice(0, n),
      scores: this.scores.slice(0, n),
      timestamps: this.timestamps.slice(0, n),
      texts: TEXT_COLUMNS.map((_, c) => {
        if (!this.present[c]) return null;
        if (c === SLICES && this.coded) return { values: this.codedValues, codes: this.codes.slice(0, n) };
        return { joined: this.parts[c].join(""), ends: this.ends[c].slice(0, n) };
      }),
    };
    this.count = 0;
    for (let c = 0; c < TEXT_COLUMNS.length; c++) {
      this.parts[c] = [];
      this.lengths[c] = 0;
    }
    if (this.coded) {
      this.coded = new Map();
      this.codedValues = [];
    }
    return batch;
  }
}

/** The ArrayBuffers of a batch, to transfer instead of copy. */
export function batchBuffers(batch: RowBatch): ArrayBuffer[] {
  const buffers = [batch.rows.buffer, batch.labels.buffer, batch.scores.buffer, batch.timestamps.buffer];
  for (const t of batch.texts) if (t) buffers.push(isCoded(t) ? t.codes.buffer : t.ends.buffer);
  return buffers as ArrayBuffer[];
}

/**
 * Reads a batch's text cells in row order: `text(column, i)` for rows i = 0, 1, 2, … of each column
 * (columns in TEXT_COLUMNS order: exampleId, text, image, slices, extras).
 */
export function batchTexts(batch: RowBatch): (column: number, i: number) => string | null {
  const starts = TEXT_COLUMNS.map(() => 0);
  return (column, i) => {
    const packed = batch.texts[column];
    if (packed === null) return null;
    if (isCoded(packed)) {
      const code = packed.codes[i];
      return code === 0 ? null : packed.values[code - 1];
    }
    const end = packed.ends[i];
    const start = starts[column];
    starts[column] = end;
    return end === start ? null : packed.joined.slice(start, end);
  };
}

/** Calls `onRow` with each row of a batch, as the converter produced it. */
export function unpackBatch(batch: RowBatch, onRow: (row: PredictionRow) => void): void {
  const text = batchTexts(batch);
  for (let i = 0; i < batch.count; i++) {
    const t = batch.timestamps[i];
    onRow({
      row: batch.rows[i],
      label: batch.labels[i],
      score: batch.scores[i],
      exampleId: text(0, i),
      timestamp: Number.isNaN(t) ? null : t,
      text: text(1, i),
      image: text(2, i),
      slices: text(3, i),
      extras: text(4, i),
    });
  }
}
