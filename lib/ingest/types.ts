/**
 * Shared shapes of the ingest core. Pure types: each lib/db backend implements `DatasetSink`, the routes, the
 * CLI and the demo seed build `IngestOptions`.
 */
import type { BuiltSegment } from "../metrics/segment-builder";
import type { CsvEncoding } from "./encodings";
import type { RowBatch } from "./row-batch";

/** Label code for a row whose true label is not known yet (empty label cell). */
export const UNLABELED = 255;

/** The roles a CSV column can play. */
export const ROLES = ["label", "score", "id", "timestamp", "text", "image"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Which column plays which role, by header name. `slices` are categorical columns (e.g. country)
 * to cut the metrics by; `extras` are every other column, kept as text and shown later.
 */
export interface ColumnMapping {
  label: string;
  score: string;
  id: string | null;
  timestamp: string | null;
  text: string | null;
  image: string | null;
  slices: string[];
  extras: string[];
  /** Every header name, in file order. */
  columns: string[];
}

/**
 * What the user told us about the file. Every role left undefined is auto-detected; an empty
 * string (or an empty `slice` list) means "this file has no such column".
 */
export interface MappingRequest {
  label?: string;
  score?: string;
  id?: string;
  timestamp?: string;
  text?: string;
  image?: string;
  slice?: string[];
  /** The label value of the positive class; needed when labels are not 0/1, true/false or yes/no. */
  positive?: string;
}

/** Progress callback: rows parsed so far and bytes read (compressed bytes for .gz). */
export type ProgressListener = (progress: { phase: ImportPhase; rows: number; bytes: number }) => void;

export type ImportPhase = "waiting" | "reading" | "finishing" | "done" | "failed";

export interface IngestOptions extends MappingRequest {
  /** Dataset name; defaults to the file name without extension. */
  name?: string;
  sourceFile?: string | null;
  modelName?: string | null;
  modelVersion?: string | null;
  isDemo?: boolean;
  /**
   * false parses in the calling thread even when the file is larger than the sample (by default a
   * worker thread parses it while this thread writes rows).
   */
  worker?: boolean;
  /**
   * The file's text encoding (default UTF-8, strict: an invalid byte is a problem of its row and
   * column). See lib/ingest/encodings.ts.
   */
  encoding?: CsvEncoding;
  /** Stop with an `upload_too_large` IngestError once more bytes than this were read, or (gzip) unpacked. */
  maxBytes?: number;
  /** The file's size when known (an upload's Content-Length): sizes the parser's arrays once. */
  expectedBytes?: number | null;
  /**
   * Rows per stored segment (default MAX_SEGMENT_ROWS, about a million): a longer file is written
   * as several segments, one at a time as the parser completes them. Smaller values are for tests.
   */
  segmentRows?: number;
  /** Rows for an existing dataset: its mapping (matched by column name), label values and slice dictionaries. */
  append?: AppendTarget;
  onProgress?: ProgressListener;
}

/** The dataset an append adds rows to, as the ingest core needs it. */
export interface AppendTarget {
  mapping: ColumnMapping;
  positiveLabel: string;
  negativeLabel: string;
  sliceValues: string[][];
  /** The spreadsheet number of the header record (1 for CSV; 0 when the rows come from JSON, counted from 1). */
  firstRecord?: number;
}

/** One problem in the file, numbered as a spreadsheet user counts rows (the header is row 1). */
export interface IngestProblem {
  row?: number;
  column?: string;
  message: string;
}

/** What a new dataset is called and how its file was read. */
export interface DatasetMeta {
  name: string;
  sourceFile?: string | null;
  positiveLabel: string;
  negativeLabel: string;
  mapping: ColumnMapping | Record<string, unknown>;
  modelName?: string | null;
  modelVersion?: string | null;
  isDemo?: boolean;
  bytes?: number;
  /** True when `finish` will be given the score indexes (the ingest core's parser computes them): the sink need not keep every score. */
  scoresGiven?: boolean;
}

/** One row, already validated and typed. */
export interface PredictionRow {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** 1 positive, 0 negative, UNLABELED. */
  label: number;
  /** The model's probability of the positive class, in [0, 1]. */
  score: number;
  exampleId: string | null;
  /** Epoch milliseconds (UTC) or null. */
  timestamp: number | null;
  text: string | null;
  image: string | null;
  /** JSON array text of the slice columns' values (mapping.slices order), or null. */
  slices: string | null;
  /** JSON array text of the other columns' values (mapping.extras order), or null. */
  extras: string | null;
}

/** The dataset a sink committed (after an append: the dataset's new totals). */
export interface WrittenDataset {
  id: number;
  rows: number;
  positives: number;
  negatives: number;
  unlabeled: number;
  durationMs: number;
  /** Rows this batch added (an append), and rows it skipped because the dataset had their ids. */
  added?: number;
  skipped?: number;
}

/**
 * The derived columns of an import's (or an append's) rows, computed by the parser while the sink
 * still writes rows: score-sorted segments (ids are the rows' 0-based positions in the batch; the
 * ones not already given to the sink's appendSegment) with their sorted example-id keys, and the
 * slice dictionaries.
 */
export interface ScoreIndexes {
  parts: BuiltSegment[];
  /** sliceValues[c][code]: the values of slice column c (mapping.slices order). */
  sliceValues: string[][];
}

/**
 * Where validated rows go (a lib/db backend's dataset writer). `begin` is called once the header and mapping
 * are known; `finish` commits (with the final label values and byte count); `abort` rolls back.
 */
export interface DatasetSink {
  begin(meta: DatasetMeta): void | Promise<void>;
  /** One row (small files parsed in the caller's thread): must not block; a sink may buffer it. */
  append(row: PredictionRow): void;
  /**
   * Appends a batch of rows from the parse worker; optional: without it each row goes to append().
   * A promise holds the next batch back until it settles (a sink writing to a server, or a slow disk).
   */
  appendBatch?(batch: RowBatch): void | Promise<void>;
  /**
   * One complete segment of the rows appended so far (a parser finishes one every MAX_SEGMENT_ROWS
   * rows, after sending its rows); optional: without it they come with finish().
   */
  appendSegment?(part: BuiltSegment): void | Promise<void>;
  /** `scores`, when given, spares the sink computing them from the appended rows. */
  finish(final: Pick<DatasetMeta, "positiveLabel" | "negativeLabel" | "bytes"> & { scores?: ScoreIndexes }): WrittenDataset | Promise<WrittenDataset>;
  abort(): void | Promise<void>;
}
