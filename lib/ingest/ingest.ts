/**
 * The one CSV ingest core (Node): bytes in, validated rows out to a DatasetSink, streaming. The
 * REST API, the CLI, the demo seed and zip uploads all call `ingestCsv`.
 */
import { StringDecoder } from "node:string_decoder";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { CsvRecordReader, CsvSyntaxError } from "./csv-reader";
import { isGzip, nameFromFile, type Delimiter } from "./detect";

export { nameFromFile };
import { IngestError, MAX_PROBLEMS, describeProblem } from "./errors";
import { LabelReader } from "./labels";
import { SAMPLE_BYTES, previewCsv } from "./preview";
import { resolveMapping } from "./roles";
import { RowConverter } from "./rows";
import type { ColumnMapping, DatasetSink, IngestOptions, IngestProblem, WrittenDataset } from "./types";

/** What an import produced, for the API answer and the CLI summary. */
export interface IngestResult extends WrittenDataset {
  name: string;
  mapping: ColumnMapping;
  positiveLabel: string;
  negativeLabel: string;
  delimiter: Delimiter;
  /** Bytes read from the source (compressed size for .gz). */
  bytes: number;
  compressed: boolean;
}

/** Rows between two progress reports. */
const PROGRESS_EVERY = 16_384;


/** Reads chunks from `iterator` until `bytes` are buffered or it ends. */
async function readHead(iterator: AsyncIterator<Uint8Array>, bytes: number): Promise<{ head: Uint8Array[]; size: number; done: boolean }> {
  const head: Uint8Array[] = [];
  let size = 0;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) return { head, size, done: true };
    head.push(next.value);
    size += next.value.byteLength;
  }
  return { head, size, done: false };
}

async function* chain(head: Uint8Array[], rest: AsyncIterator<Uint8Array>, restDone: boolean): AsyncGenerator<Uint8Array> {
  yield* head;
  if (restDone) return;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Turns reader and decompression failures into IngestErrors naming the row. */
function asIngestError(error: unknown): unknown {
  if (error instanceof IngestError) return error;
  if (error instanceof CsvSyntaxError) {
    return new IngestError("invalid_csv", describeProblem({ row: error.record, message: error.message }), [{ row: error.record, message: error.message }]);
  }
  const code = (error as { code?: string } | null)?.code ?? "";
  if (code.startsWith("Z_")) return new IngestError("invalid_gzip", "the file looks gzip-compressed but cannot be decompressed (truncated or corrupt)");
  return error;
}

/**
 * Streams a CSV (plain or gzip) into `sink`: detects delimiter and roles on the first 256 KB,
 * validates every row, and commits only when the whole file is valid; otherwise aborts the sink
 * and throws an IngestError with the first problems (row numbers as in a spreadsheet).
 */
export async function ingestCsv(source: AsyncIterable<Uint8Array>, options: IngestOptions, sink: DatasetSink): Promise<IngestResult> {
  let bytes = 0;
  let rows = 0;
  const report = (phase: "reading" | "finishing") => options.onProgress?.({ phase, rows, bytes });
  const sourceIterator = source[Symbol.asyncIterator]();
  async function* counted(): AsyncGenerator<Uint8Array> {
    for (let next = await sourceIterator.next(); !next.done; next = await sourceIterator.next()) {
      bytes += next.value.byteLength;
      if (options.maxBytes !== undefined && bytes > options.maxBytes) {
        throw new IngestError("upload_too_large", `the file is larger than the limit of ${options.maxBytes} bytes`);
      }
      yield next.value;
    }
  }
  const raw = counted();
  const first = await readHead(raw, 2);
  const compressed = first.size >= 2 && isGzip(concat(first.head, first.size));
  let decoded: AsyncIterator<Uint8Array> = chain(first.head, raw, first.done);
  if (compressed) {
    const gunzip = createGunzip();
    pipeline(Readable.from(chain(first.head, raw, first.done)), gunzip).catch(() => undefined); // errors surface when reading gunzip
    decoded = gunzip[Symbol.asyncIterator]();
  }

  let begun = false;
  try {
    const sample = await readHead(decoded, SAMPLE_BYTES);
    const sampleText = new TextDecoder().decode(concat(sample.head, sample.size));
    const preview = previewCsv(sampleText, sample.done, options);
    const mapping = resolveMapping(preview.columns, preview.rows, options);
    const labelIndex = mapping.columns.indexOf(mapping.label);
    const labels = new LabelReader(mapping.label, preview.rows.map((r) => r[labelIndex] ?? ""), options.positive);
    const problems: IngestProblem[] = [];
    const converter = new RowConverter(mapping, labels, problems);
    const name = options.name?.trim() || nameFromFile(options.sourceFile);
    sink.begin({ name, sourceFile: options.sourceFile ?? null, positiveLabel: "1", negativeLabel: "0", mapping, modelName: options.modelName, modelVersion: options.modelVersion, isDemo: options.isDemo });
    begun = true;
    report("reading");

    const reader = new CsvRecordReader(preview.delimiter, (fields, row) => {
      // The header is record 1, as in a spreadsheet.
      if (row === 1 || problems.length >= MAX_PROBLEMS || RowConverter.isBlank(fields)) return;
      const converted = converter.convert(fields, row);
      if (converted && problems.length === 0) {
        sink.append(converted);
        if (++rows % PROGRESS_EVERY === 0) report("reading");
      }
    });
    // StringDecoder (native) keeps a UTF-8 character split across chunks; TextDecoder was slower.
    const decoder = new StringDecoder("utf8");
    for await (const chunk of chain(sample.head, decoded, sample.done)) {
      reader.push(decoder.write(chunk));
      if (problems.length >= MAX_PROBLEMS) break;
    }
    if (problems.length < MAX_PROBLEMS) {
      reader.push(decoder.end());
      reader.end();
    }

    if (problems.length) {
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""}${problems.length >= MAX_PROBLEMS ? " at least" : ""})` : "";
      throw new IngestError("invalid_rows", describeProblem(problems[0]) + more, problems);
    }
    if (rows === 0) throw new IngestError("no_rows", "the file has a header but no data rows");
    report("finishing");
    const final = labels.labelValues();
    const written = sink.finish({ ...final, bytes });
    return { ...written, name, mapping, ...final, delimiter: preview.delimiter, bytes, compressed };
  } catch (error) {
    if (begun) sink.abort();
    throw asIngestError(error);
  }
}
