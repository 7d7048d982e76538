/**
 * The one CSV ingest core (Node): bytes in, validated rows out to a DatasetSink, streaming. The
 * REST API, the CLI, the demo seed and zip uploads all call `ingestCsv`.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Worker } from "node:worker_threads";
import { createGunzip } from "node:zlib";
import { CsvSyntaxError } from "./csv-reader";
import { isGzip, nameFromFile, type Delimiter } from "./detect";

export { nameFromFile };
import { IngestError, MAX_PROBLEMS, describeProblem } from "./errors";
import { SAMPLE_BYTES, previewCsv } from "./preview";
import { appendMapping } from "./append-mapping";
import { resolveMapping } from "./roles";
import { parseInWorker, releaseParseWorker, startParseWorker } from "./parse-host";
import { unpackBatch, type RowBatch } from "./row-batch";
import { RowParser, type ParseOutcome, type ParseSetup } from "./row-parser";
import type { ColumnMapping, DatasetSink, IngestOptions, PredictionRow, WrittenDataset } from "./types";

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
  /** Where the rows were parsed: a worker thread (files larger than the sample) or the caller's. */
  parsedIn: "worker" | "thread";
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
  let worker: Worker | null = null;
  let parsedCleanly = false;
  try {
    const sample = await readHead(decoded, SAMPLE_BYTES);
    const sampleText = new TextDecoder().decode(concat(sample.head, sample.size));
    const { append } = options;
    const preview = previewCsv(sampleText, sample.done, append ? {} : options);
    const mapping = append ? appendMapping(preview.columns, append.mapping) : resolveMapping(preview.columns, preview.rows, options);
    const labelIndex = mapping.columns.indexOf(mapping.label);
    const setup: ParseSetup = {
      delimiter: preview.delimiter,
      mapping,
      sampleLabels: preview.rows.map((r) => r[labelIndex] ?? ""),
      positive: options.positive,
      ...(append ? { knownLabels: { positive: append.positiveLabel, negative: append.negativeLabel }, sliceValues: append.sliceValues, firstRecord: append.firstRecord } : {}),
    };
    const onRow = (row: PredictionRow) => {
      sink.append(row);
      if (++rows % PROGRESS_EVERY === 0) report("reading");
    };
    // Throws for labels that need a positive value, before anything is written.
    const parser = new RowParser(setup, onRow);
    // A file that fit in the sample is parsed here: a worker would cost more to start.
    if (!sample.done && options.worker !== false) worker = await startParseWorker();
    const name = options.name?.trim() || nameFromFile(options.sourceFile);
    await sink.begin({ name, sourceFile: options.sourceFile ?? null, positiveLabel: "1", negativeLabel: "0", mapping, modelName: options.modelName, modelVersion: options.modelVersion, isDemo: options.isDemo, scoresGiven: true });
    begun = true;
    report("reading");

    const rest = chain(sample.head, decoded, sample.done);
    const onBatch = (batch: RowBatch): void | Promise<void> => {
      const before = rows;
      rows += batch.count;
      if (Math.floor(rows / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) report("reading");
      if (sink.appendBatch) return sink.appendBatch(batch);
      unpackBatch(batch, sink.append.bind(sink));
    };
    const outcome = worker ? await parseInWorker(worker, setup, rest, onBatch) : await parseHere(parser, rest);
    parsedCleanly = true;
    const { problems } = outcome;
    if (problems.length) {
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""}${problems.length >= MAX_PROBLEMS ? " at least" : ""})` : "";
      throw new IngestError("invalid_rows", describeProblem(problems[0]) + more, problems);
    }
    if (rows === 0) throw new IngestError("no_rows", "the file has a header but no data rows");
    report("finishing");
    const final = { positiveLabel: outcome.positiveLabel, negativeLabel: outcome.negativeLabel };
    const written = await sink.finish({ ...final, bytes, scores: outcome.scores });
    return { ...written, name, mapping, ...final, delimiter: preview.delimiter, bytes, compressed, parsedIn: worker ? "worker" : "thread" };
  } catch (error) {
    if (begun) await sink.abort();
    throw asIngestError(error);
  } finally {
    if (worker) releaseParseWorker(worker, parsedCleanly);
  }
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
