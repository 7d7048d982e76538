/**
 * The one CSV ingest core (Node): bytes in, validated rows out to a DatasetSink, streaming. The
 * REST API, the CLI, the demo seed and zip uploads all call `ingestCsv`.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Worker } from "node:worker_threads";
import { createGunzip } from "node:zlib";
import { chain, concat, limited, readHead } from "./byte-streams";
import { CsvSyntaxError } from "./csv-reader";
import { isGzip, nameFromFile, type Delimiter } from "./detect";
import type { CsvEncoding } from "./encodings";

export { nameFromFile };
import { IngestError, describeProblem, problemsError } from "./errors";
import { appendPreview, previewCsv } from "./preview";
import type { BuiltSegment } from "../metrics/segment-builder";
import { appendMapping } from "./append-mapping";
import { resolveMapping } from "./roles";
import { parseInWorker, releaseParseWorker, startParseWorker } from "./parse-host";
import { unpackBatch, type RowBatch } from "./row-batch";
import { RowParser, type ParseOutcome, type ParseSetup } from "./row-parser";
import { explainMappingError, readSample } from "./sample";
import type { ColumnMapping, DatasetSink, IngestOptions, PredictionRow, WrittenDataset } from "./types";

/** What an import produced, for the API answer and the CLI summary. */
export interface IngestResult extends WrittenDataset {
  name: string;
  mapping: ColumnMapping;
  positiveLabel: string;
  negativeLabel: string;
  delimiter: Delimiter;
  /** The text encoding the file was read in (also recorded in the stored mapping as `encoding`). */
  encoding: CsvEncoding;
  /** Bytes read from the source (compressed size for .gz). */
  bytes: number;
  compressed: boolean;
  /** Where the rows were parsed: a worker thread (files larger than the sample) or the caller's. */
  parsedIn: "worker" | "thread";
}

/** Rows between two progress reports. */
const PROGRESS_EVERY = 16_384;

/** Bodies of at least this many bytes are parsed in the parse worker even when they fit in the sample. */
export const WORKER_FROM_BYTES = 32 * 1024;

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
 * Streams a CSV (plain or gzip) into `sink`: detects delimiter and roles on the first 256 KB (and
 * the whole header row), validates every row, and commits only when the whole file is valid;
 * otherwise aborts the sink and throws an IngestError with the first problems in row order (row
 * numbers as in a spreadsheet). `maxBytes` bounds the bytes read and, for gzip, the bytes unpacked.
 */
export async function ingestCsv(source: AsyncIterable<Uint8Array>, options: IngestOptions, sink: DatasetSink): Promise<IngestResult> {
  let bytes = 0;
  let rows = 0;
  const encoding = options.encoding ?? "utf-8";
  const { maxBytes } = options;
  const report = (phase: "reading" | "finishing") => options.onProgress?.({ phase, rows, bytes });
  const sourceIterator = source[Symbol.asyncIterator]();
  async function* counted(): AsyncGenerator<Uint8Array> {
    for (let next = await sourceIterator.next(); !next.done; next = await sourceIterator.next()) {
      bytes += next.value.byteLength;
      if (maxBytes !== undefined && bytes > maxBytes) {
        throw new IngestError("upload_too_large", `the file is larger than the limit of ${maxBytes} bytes`);
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
    // A few KB of gzip can unpack to gigabytes: the limit holds for what the file unpacks to.
    if (maxBytes !== undefined) decoded = limited(decoded, maxBytes, () => new IngestError("upload_too_large", `the file unpacks to more than the limit of ${maxBytes} bytes`));
  }

  let begun = false;
  let worker: Worker | null = null;
  let parsedCleanly = false;
  try {
    const sample = await readSample(decoded, encoding);
    const { append } = options;
    const preview = append ? appendPreview(sample.text, sample.done) : previewCsv(sample.text, sample.done, options);
    // Segments the sink takes as they complete (it may write them at once), else kept for finish().
    const heldParts: BuiltSegment[] = [];
    let segmentsWritten: Promise<void> = Promise.resolve();
    const onSegment = (part: BuiltSegment): void | Promise<void> => {
      if (!sink.appendSegment) return void heldParts.push(part);
      const written = sink.appendSegment(part);
      if (written) {
        segmentsWritten = segmentsWritten.then(() => written);
        // Awaited after the parse; when the parse fails first, its error is the one reported.
        segmentsWritten.catch(() => undefined);
      }
      return written;
    };
    const onRow = (row: PredictionRow) => {
      sink.append(row);
      if (++rows % PROGRESS_EVERY === 0) report("reading");
    };
    let mapping: ColumnMapping;
    let setup: ParseSetup;
    let parser: RowParser;
    try {
      mapping = append ? appendMapping(preview.columns, append.mapping) : resolveMapping(preview.columns, preview.rows, options);
      const labelIndex = mapping.columns.indexOf(mapping.label);
      setup = {
        delimiter: preview.delimiter,
        encoding,
        mapping,
        sampleLabels: preview.rows.map((r) => r[labelIndex] ?? ""),
        positive: options.positive,
        expectedRows: expectedRows(options.expectedBytes, compressed, sample.bytes.byteLength, preview.rows.length),
        segmentRows: options.segmentRows,
        ...(append ? { knownLabels: { positive: append.positiveLabel, negative: append.negativeLabel }, sliceValues: append.sliceValues, firstRecord: append.firstRecord } : {}),
      };
      // Throws for labels that need a positive value, before anything is written.
      parser = new RowParser(setup, onRow, onSegment);
    } catch (error) {
      throw explainMappingError(error, sample, preview.delimiter, encoding);
    }
    // A body that fit in the sample and is small is parsed here: the worker's round trips would
    // cost more. From WORKER_FROM_BYTES (an append of a few hundred rows) the worker parses it and
    // its rows reach the writer as transferred buffers: parsing them here and copying them to the
    // writer as objects held the app's thread ~2 ms per 1,000-row append (the worker started
    // once is kept for the next).
    if (options.worker !== false && (!sample.done || sample.bytes.byteLength >= WORKER_FROM_BYTES)) worker = await startParseWorker();
    const name = options.name?.trim() || nameFromFile(options.sourceFile);
    await sink.begin({ name, sourceFile: options.sourceFile ?? null, positiveLabel: "1", negativeLabel: "0", mapping: { ...mapping, encoding }, modelName: options.modelName, modelVersion: options.modelVersion, isDemo: options.isDemo, scoresGiven: true });
    begun = true;
    report("reading");

    const rest = chain(sample.chunks, decoded, sample.ended);
    const onBatch = (batch: RowBatch): void | Promise<void> => {
      const before = rows;
      rows += batch.count;
      if (Math.floor(rows / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) report("reading");
      if (sink.appendBatch) return sink.appendBatch(batch);
      unpackBatch(batch, sink.append.bind(sink));
    };
    const outcome = worker ? await parseInWorker(worker, setup, rest, onBatch, onSegment) : await parseHere(parser, rest);
    await segmentsWritten;
    parsedCleanly = true;
    if (outcome.problems.length) throw problemsError(outcome.kind, outcome.problems);
    if (rows === 0) throw new IngestError("no_rows", "the file has a header but no data rows");
    report("finishing");
    const final = { positiveLabel: outcome.positiveLabel, negativeLabel: outcome.negativeLabel };
    const scores = outcome.scores && { ...outcome.scores, parts: [...heldParts, ...outcome.scores.parts] };
    const written = await sink.finish({ ...final, bytes, scores });
    return { ...written, name, mapping, ...final, delimiter: preview.delimiter, encoding, bytes, compressed, parsedIn: worker ? "worker" : "thread" };
  } catch (error) {
    if (begun) await sink.abort();
    throw asIngestError(error);
  } finally {
    if (worker) releaseParseWorker(worker, parsedCleanly);
  }
}

/**
 * About how many rows a file of `bytes` holds, from the sample's bytes per row (5% spare); none
 * for a compressed file (its size says little of its rows) or when the size is not known.
 */
function expectedRows(bytes: number | null | undefined, compressed: boolean, sampleBytes: number, sampleRows: number): number | undefined {
  if (!bytes || compressed || sampleRows === 0) return undefined;
  return Math.ceil((bytes / (sampleBytes / (sampleRows + 1))) * 1.05) + 1024;
}

/** Parses in this thread: for small files, and where no worker can start. */
async function parseHere(parser: RowParser, source: AsyncIterable<Uint8Array>): Promise<ParseOutcome> {
  for await (const chunk of source) {
    parser.push(chunk);
    if (parser.saturated) break;
  }
  const outcome = parser.end();
  return { ...outcome, scores: parser.scoreIndexes() };
}
