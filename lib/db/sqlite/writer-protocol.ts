/**
 * Messages between the app's thread and the SQLite writer thread (writer-worker.ts), which owns
 * the one connection every bulk write goes through: imports, appends, late labels, compaction,
 * deletes and the WAL checkpoint. Each message carries a request number, which its answer
 * ("ok" or "error"; an error travels as its name, code, message and details) repeats, and the
 * messages of one import or append share a job number.
 */
import type { RowBatch } from "../../ingest/row-batch";
import type { ScoreSummary } from "../../metrics/summary";
import type { BuiltSegment } from "../../metrics/segment-builder";
import type { DatasetMeta, DatasetSink, PredictionRow, WrittenDataset } from "../../ingest/types";
import type { DuplicatePolicy } from "../store";
import type { LabelChangeInput } from "../types";

export type WriterCall =
  | { op: "labels"; datasetId: number; changes: LabelChangeInput[]; source: string; reviewer: string | null }
  | { op: "compact"; datasetId: number; sliceColumns: number }
  | { op: "delete"; datasetId: number }
  | { op: "summary"; datasetId: number; version: number; summary: ScoreSummary }
  | { op: "checkpoint" };

export type ToWriter = { request: number; job: number } & (
  | { type: "begin"; meta: DatasetMeta; append: { datasetId: number; duplicates: DuplicatePolicy } | null }
  | { type: "rows"; rows: PredictionRow[] }
  | { type: "batch"; batch: RowBatch }
  | { type: "segment"; part: BuiltSegment }
  | { type: "finish"; final: Parameters<DatasetSink["finish"]>[0] }
  | { type: "abort" }
  | { type: "call"; call: WriterCall }
);

/**
 * A new dataset's parts as stored: part k (in the order sent) became the segments ids[k] (split
 * along the score order, MAX_SEGMENT_ROWS rows each), whose ids start at firstId.
 */
export interface StoredParts {
  firstId: number;
  ids: number[][];
}

/** The answer to "finish": what was written, and for a new dataset where its parts went. */
export type Finished = WrittenDataset & { stored?: StoredParts };

/** An error as it crosses threads. */
export interface SentError {
  name: string;
  message: string;
  code?: string;
  details?: unknown[];
  stack?: string;
}

export type FromWriter = { type: "ready" } | { type: "ok"; request: number; value?: WrittenDataset | unknown } | { type: "error"; request: number; error: SentError };
