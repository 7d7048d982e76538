/**
 * Messages between an import's thread and its parse worker (lib/ingest/parse-worker.ts).
 *
 * Flow control both ways keeps memory flat: the importing thread keeps at most
 * MAX_BYTES_IN_FLIGHT bytes sent but not yet parsed, and the worker keeps at most
 * MAX_BATCHES_IN_FLIGHT batches sent but not yet written (each acknowledged with "written").
 */
import type { CsvSyntaxError } from "./csv-reader";
import type { BuiltSegment } from "../metrics/segment-builder";
import type { RowBatch } from "./row-batch";
import type { ParseOutcome, ParseSetup } from "./row-parser";

/** Rows in a full batch (a partial one is sent when the upload stalls). */
export const BATCH_ROWS = 4096;
/**
 * How far the worker may run ahead of the writes (~65k rows, ~5 MB, ~0.1 s of inserts): enough to
 * ride out the worker being descheduled for a moment, and to cover the last run of scores it sorts
 * when the file ends (ScoreCollector) while the importing thread still writes rows.
 */
export const MAX_BATCHES_IN_FLIGHT = 16;
export const MAX_BYTES_IN_FLIGHT = 2 * 2 ** 20;

export type ToParseWorker =
  | { type: "setup"; setup: ParseSetup }
  | { type: "chunk"; bytes: Uint8Array }
  | { type: "end" }
  /** One batch was written: the worker may send another. */
  | { type: "written" };

export type FromParseWorker =
  /** The worker's code loaded and it listens. */
  | { type: "ready" }
  | { type: "batch"; batch: RowBatch }
  /** A complete segment of the rows sent so far (every MAX_SEGMENT_ROWS rows). */
  | { type: "segment"; part: BuiltSegment }
  /** A chunk of `bytes` was parsed. */
  | { type: "parsed"; bytes: number }
  /** The file ended, or MAX_PROBLEMS were found; every row batch was sent before this. */
  | { type: "done"; outcome: ParseOutcome }
  /** Reading failed: a malformed file (`syntax`), or an unexpected error (`message`). */
  | { type: "failed"; syntax: Pick<CsvSyntaxError, "record" | "reason"> | null; message: string };
