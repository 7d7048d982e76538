/**
 * Messages between an import's thread and its parse worker (lib/ingest/parse-worker.ts).
 *
 * Flow control both ways keeps memory flat: the importing thread keeps at most
 * MAX_BYTES_IN_FLIGHT bytes sent but not yet parsed, and the worker keeps at most
 * MAX_BATCHES_IN_FLIGHT batches sent but not yet written (each acknowledged with "written").
 */
import type { CsvSyntaxError } from "./csv-reader";
import type { RowBatch } from "./row-batch";
import type { ParseOutcome, ParseSetup } from "./row-parser";

/** Rows in a full batch (a partial one is sent when the upload stalls). */
export const BATCH_ROWS = 4096;
/**
 * Enough for the worker to run ahead of the writes (~200k rows, ~15 MB, ~0.4 s of inserts): when
 * the file ends it finishes sorting the scores (ScoreCollector) while the importing thread still writes rows.
 */
export const MAX_BATCHES_IN_FLIGHT = 48;
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
  /** A chunk of `bytes` was parsed. */
  | { type: "parsed"; bytes: number }
  /** The file ended, or MAX_PROBLEMS were found; every row batch was sent before this. */
  | { type: "done"; outcome: ParseOutcome }
  /** Reading failed: a malformed file (`syntax`), or an unexpected error (`message`). */
  | { type: "failed"; syntax: Pick<CsvSyntaxError, "record" | "reason"> | null; message: string };
