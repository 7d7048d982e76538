// Rows of "Prediction" in COPY's binary format (cheaper for the server to read than text: no
// number or date parsing, measured by bench/pg-copy.ts), with ids the writer assigns itself.
import { batchTexts, isCoded, type CodedTexts, type JoinedTexts, type RowBatch } from "../../ingest/row-batch";
import { UNLABELED, type PredictionRow } from "../../ingest/types";

/** The COPY statement the encoded rows are for (11 columns, in this order). */
export const COPY_PREDICTIONS = `COPY "Prediction" ("id", "datasetId", "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras") FROM STDIN (FORMAT binary)`;

/** Signature, flags and header extension length of binary COPY data. */
export const COPY_HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
/** The end-of-data marker: a field count of -1. */
export const COPY_TRAILER = Buffer.from([0xff, 0xff]);

const COLUMNS = 11;
/** Bytes of a row without its texts: field count, 11 lengths, 4 int4s, score and timestamp. */
const FIXED_BYTES = 2 + 4 * COLUMNS + 4 * 4 + 8 + 8;
/** Microseconds between the Unix epoch and PostgreSQL's (2000-01-01). */
const PG_EPOCH_US = Date.UTC(2000, 0, 1) * 1000;
const TWO_32 = 2 ** 32;

/**
 * Encodes rows of one dataset, numbering them from `firstId` in arrival order (a row's id is
 * firstId + its position in the batch, as the segments' offsets expect).
 */
export class PredictionEncoder {
  /** Rows encoded so far. */
  count = 0;
  timestampMin = Infinity;
  timestampMax = -Infinity;

  /**
   * Per text column, a buffer reused from batch to batch for the joined text of an ASCII column:
   * a new one per batch and column was ~45 MB a million rows outside the JS heap, and that much
   * makes V8 collect the app thread's whole heap.
   */
  private readonly scratch: Buffer[] = [];

  constructor(
    private readonly datasetId: number,
    private readonly firstId: number,
  ) {}

  /** `text` (ASCII) in column c's reused buffer. */
  private asciiBytes(c: number, text: string): Buffer {
    let buf = this.scratch[c];
    if (!buf || buf.length < text.length) buf = this.scratch[c] = Buffer.allocUnsafe(Math.max(text.length, 2 * (buf?.length ?? 0), 1 << 16));
    buf.write(text, 0, "latin1");
    return buf;
  }

  /**
   * The rows of a parse worker's batch as one chunk of COPY data, written straight into a buffer
   * of the exact size (a DataView for the numbers; a text column of ASCII only is copied from its
   * joined bytes without a string per cell, a coded one from its values' bytes).
   */
  encodeBatch(batch: RowBatch): Buffer {
    const n = batch.count;
    const coded = batch.texts.map((t) => (t && isCoded(t) ? t.values.map((v) => Buffer.from(v, "utf8")) : null));
    const sizes = batch.texts.map((t, c) => {
      if (!t) return 0;
      if (!isCoded(t)) return Buffer.byteLength(t.joined);
      let size = 0;
      for (const code of t.codes) if (code !== 0) size += coded[c]![code - 1].length;
      return size;
    });
    const ascii = batch.texts.map((t, c) => (t && !isCoded(t) && sizes[c] === t.joined.length ? this.asciiBytes(c, t.joined) : null));
    const buf = Buffer.allocUnsafe(n * FIXED_BYTES + sizes.reduce((a, b) => a + b, 0));
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const text = batchTexts(batch);
    const starts = [0, 0, 0, 0, 0];
    const { rows, labels, scores, timestamps } = batch;
    const datasetId = this.datasetId;
    let id = this.firstId + this.count;
    let at = 0;
    /** A NULL field. */
    const nullField = () => {
      view.setInt32(at, -1);
      at += 4;
    };
    /** A field of bytes from…to of `source` (a short one copied byte by byte: cheaper than a call). */
    const bytesField = (source: Buffer, from: number, to: number) => {
      view.setInt32(at, to - from);
      at += 4;
      if (to - from < 48) for (let k = from; k < to; k++) buf[at++] = source[k];
      else at += source.copy(buf, at, from, to);
    };
    const cell = (c: number, i: number) => {
      const packed = batch.texts[c];
      if (packed === null) return nullField();
      const values = coded[c];
      if (values) {
        const code = (packed as CodedTexts).codes[i];
        if (code === 0) return nullField();
        const value = values[code - 1];
        return bytesField(value, 0, value.length);
      }
      const bytes = ascii[c];
      if (bytes) {
        const end = (packed as JoinedTexts).ends[i];
        const start = starts[c];
        starts[c] = end;
        return end === start ? nullField() : bytesField(bytes, start, end);
      }
      const value = text(c, i);
      if (value === null) return nullField();
      const written = buf.write(value, at + 4, "utf8");
      view.setInt32(at, written);
      at += 4 + written;
    };
    for (let i = 0; i < n; i++) {
      view.setInt16(at, COLUMNS);
      view.setInt32(at + 2, 4);
      view.setInt32(at + 6, id++);
      view.setInt32(at + 10, 4);
      view.setInt32(at + 14, datasetId);
      view.setInt32(at + 18, 4);
      view.setInt32(at + 22, rows[i]);
      at += 26;
      if (labels[i] === UNLABELED) nullField();
      else {
        view.setInt32(at, 4);
        view.setInt32(at + 4, labels[i]);
        at += 8;
      }
      view.setInt32(at, 8);
      view.setFloat64(at + 4, scores[i]);
      at += 12;
      cell(0, i);
      const t = timestamps[i];
      if (Number.isNaN(t)) nullField();
      else {
        if (t < this.timestampMin) this.timestampMin = t;
        if (t > this.timestampMax) this.timestampMax = t;
        const us = t * 1000 - PG_EPOCH_US;
        const high = Math.floor(us / TWO_32);
        view.setInt32(at, 8);
        view.setInt32(at + 4, high);
        view.setUint32(at + 8, us - high * TWO_32);
        at += 12;
      }
      for (let c = 1; c < 5; c++) cell(c, i);
    }
    this.count += n;
    return buf.subarray(0, at);
  }

  /** One row (small files parsed in the caller's thread). */
  encodeRow(row: PredictionRow, out: Writer): void {
    this.head(out, row.row, row.label, row.score, row.timestamp);
    out.text(row.exampleId);
    this.timestampField(out, row.timestamp);
    out.text(row.text);
    out.text(row.image);
    out.text(row.slices);
    out.text(row.extras);
  }

  /** Field count, id, dataset id, row, label and score. */
  private head(out: Writer, row: number, label: number, score: number, timestamp: number | null): void {
    out.int16(COLUMNS);
    out.int4Field(this.firstId + this.count++);
    out.int4Field(this.datasetId);
    out.int4Field(row);
    if (label === UNLABELED) out.int32(-1);
    else out.int4Field(label);
    out.int32(8);
    out.double(score);
    if (timestamp !== null) {
      if (timestamp < this.timestampMin) this.timestampMin = timestamp;
      if (timestamp > this.timestampMax) this.timestampMax = timestamp;
    }
  }

  private timestampField(out: Writer, timestamp: number | null): void {
    if (timestamp === null) return out.int32(-1);
    const us = timestamp * 1000 - PG_EPOCH_US;
    const high = Math.floor(us / TWO_32);
    out.int32(8);
    out.int32(high);
    out.uint32(us - high * TWO_32);
  }
}

/** A growing buffer of COPY data. */
export class Writer {
  private buf: Buffer;
  private at = 0;

  constructor(size = 1 << 16) {
    this.buf = Buffer.allocUnsafe(size);
  }

  get length(): number {
    return this.at;
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  int16(v: number): void {
    this.room(2);
    this.at = this.buf.writeInt16BE(v, this.at);
  }

  int32(v: number): void {
    this.room(4);
    this.at = this.buf.writeInt32BE(v, this.at);
  }

  uint32(v: number): void {
    this.room(4);
    this.at = this.buf.writeUInt32BE(v, this.at);
  }

  /** An int4 field: its length (4) and value. */
  int4Field(v: number): void {
    this.room(8);
    this.at = this.buf.writeInt32BE(4, this.at);
    this.at = this.buf.writeInt32BE(v, this.at);
  }

  double(v: number): void {
    this.room(8);
    this.at = this.buf.writeDoubleBE(v, this.at);
  }

  /** A text field (length and UTF-8 bytes), or NULL. */
  text(value: string | null): void {
    if (value === null) return this.int32(-1);
    this.room(4 + value.length * 3);
    const n = this.buf.write(value, this.at + 4, "utf8");
    this.buf.writeInt32BE(n, this.at);
    this.at += 4 + n;
  }

  /** A text field from bytes start…end of `source`. */
  bytes(source: Buffer, start: number, end: number): void {
    const n = end - start;
    this.room(4 + n);
    this.at = this.buf.writeInt32BE(n, this.at);
    if (n < 32) for (let i = start; i < end; i++) this.buf[this.at++] = source[i];
    else this.at += source.copy(this.buf, this.at, start, end);
  }

  /** The bytes written; the writer starts over empty. */
  done(): Buffer {
    const out = this.buf.subarray(0, this.at);
    this.buf = Buffer.allocUnsafe(Math.max(1 << 16, this.buf.length - this.at));
    this.at = 0;
    return out;
  }
}
