/**
 * lib/ingest — CSV → validated typed rows, streaming. One core for every door:
 *
 *   ingestCsv(source: AsyncIterable<Uint8Array>, options: IngestOptions, sink: DatasetSink): Promise<IngestResult>
 *
 * - `source`: the raw bytes (plain CSV or gzip, detected by magic bytes), e.g. a request body,
 *   `fs.createReadStream(file)`, or `textChunks(lines)`.
 * - `options`: dataset name/sourceFile, the mapping request (label, score, positive, id, timestamp,
 *   text, image, slice[]; undefined = auto-detect, "" = none), encoding, maxBytes, onProgress.
 * - `sink`: where rows go; a lib/db backend's dataset writer (one transaction, rolled back on any error).
 * Throws `IngestError` (code + details [{ row, column, message }]) for anything wrong in the file.
 *
 * Most callers want lib/imports `importCsv(source, options)`, which serializes imports in
 * the process and writes through a DatasetWriter. This index is Node-only (zlib, streams); the
 * browser imports `./preview`, `./detect` and `./roles` directly.
 */
export { ingestCsv, nameFromFile, WORKER_FROM_BYTES, type IngestResult } from "./ingest";
export { prestartParseWorker } from "./parse-host";
export { IngestError, MAX_PROBLEMS, describeProblem, type IngestErrorCode } from "./errors";
export { ENCODINGS, encodingFromName, type CsvEncoding } from "./encodings";
export { MAX_COLUMNS, MAX_COLUMN_NAME_CHARS, MAX_HEADER_BYTES } from "./header";
export { previewCsv, SAMPLE_BYTES, PREVIEW_ROWS, type CsvPreview } from "./preview";
export { detectMapping, resolveMapping, type DetectedMapping } from "./roles";
export { sniffDelimiter, isGzip, stripBom, type Delimiter } from "./detect";
export { textChunks } from "./text-chunks";
export * from "./types";
