/**
 * Rows of the demo-shaped CSV (transaction_id, timestamp, amount, merchant_category, country,
 * is_fraud, fraud_probability) as the PostgreSQL importer would send them: typed in JS, then
 * encoded for COPY's text or binary format, in chunks of about 1 MB. Only for bench/pg-copy.ts:
 * the file has no quoted fields, so lines are split on commas.
 */
import fs from "node:fs";

/** One Prediction row, typed: label 1/0, score in [0, 1], timestamp in epoch ms, slices and extras as JSON arrays. */
export interface TypedRow {
  row: number;
  label: number;
  score: number;
  exampleId: string;
  timestamp: number;
  slices: string;
  extras: string;
}

/** Reads `file` and yields its data rows typed, in file order. */
export async function* typedRows(file: string): AsyncGenerator<TypedRow[]> {
  let rest = "";
  let row = 1;
  for await (const chunk of fs.createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    const batch: TypedRow[] = [];
    for (const line of lines) {
      const spreadsheetRow = row++; // the header is row 1
      if (spreadsheetRow === 1 || !line) continue;
      const [id, ts, amount, category, country, label, score] = line.split(",");
      batch.push({ row: spreadsheetRow, label: Number(label), score: Number(score), exampleId: id, timestamp: Date.parse(ts), slices: JSON.stringify([category, country]), extras: JSON.stringify([amount]) });
    }
    yield batch;
  }
  if (rest) throw new Error("the file does not end with a newline");
}

/** COPY text format escapes backslash, tab, newline and carriage return in text values. */
function escapeText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!) : value;
}

const DAY_MS = 86_400_000;
let cachedDay = NaN;
let cachedDate = "";
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `"2026-11-02 10:00:00.123"`: a timestamp(3) without time zone holding the UTC instant (the date part cached per day). */
export function timestampText(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
  const inDay = ms - day * DAY_MS;
  const h = Math.floor(inDay / 3_600_000), m = Math.floor(inDay / 60_000) % 60, sec = Math.floor(inDay / 1000) % 60;
  return `${cachedDate} ${pad(h, 2)}:${pad(m, 2)}:${pad(sec, 2)}.${pad(inDay % 1000, 3)}`;
}

/** Text-format COPY data for (datasetId, row, label, score, exampleId, timestamp, slices, extras). */
export async function* textCopyData(rows: AsyncIterable<TypedRow[]>, datasetId: number): AsyncGenerator<string> {
  for await (const batch of rows) {
    let out = "";
    for (const r of batch) {
      out += `${datasetId}\t${r.row}\t${r.label}\t${r.score}\t${escapeText(r.exampleId)}\t${timestampText(r.timestamp)}\t${escapeText(r.slices)}\t${escapeText(r.extras)}\n`;
    }
    yield out;
  }
}

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

/** Binary-format COPY data for the same columns: int4, int4, int4, float8, text, timestamp (µs since 2000), text, text. */
export async function* binaryCopyData(rows: AsyncIterable<TypedRow[]>, datasetId: number): AsyncGenerator<Buffer> {
  const header = Buffer.alloc(19);
  header.write("PGCOPY\n\xff\r\n\0", 0, "latin1");
  yield header; // flags and header extension length: zero
  for await (const batch of rows) {
    let size = 0;
    for (const r of batch) size += 2 + 4 * 8 + 4 * 3 + 8 + 8 + Buffer.byteLength(r.exampleId) + Buffer.byteLength(r.slices) + Buffer.byteLength(r.extras);
    const buf = Buffer.allocUnsafe(size);
    let at = 0;
    const int4 = (v: number) => { at = buf.writeInt32BE(4, at); at = buf.writeInt32BE(v, at); };
    const text = (v: string) => { const n = buf.write(v, at + 4); buf.writeInt32BE(n, at); at += 4 + n; };
    for (const r of batch) {
      at = buf.writeInt16BE(8, at);
      int4(datasetId);
      int4(r.row);
      int4(r.label);
      at = buf.writeInt32BE(8, at);
      at = buf.writeDoubleBE(r.score, at);
      text(r.exampleId);
      at = buf.writeInt32BE(8, at);
      at = buf.writeBigInt64BE(BigInt(r.timestamp - PG_EPOCH_MS) * 1000n, at);
      text(r.slices);
      text(r.extras);
    }
    yield buf.subarray(0, at);
  }
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1);
  yield trailer;
}
