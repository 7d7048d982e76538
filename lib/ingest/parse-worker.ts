/**
 * Worker thread entry (started by lib/ingest/parse-host.ts): parses and converts the CSV bytes it
 * is sent with RowParser and sends back RowBatches, so the importing thread only moves bytes and
 * writes rows. Protocol and flow control: lib/ingest/parse-protocol.ts.
 */
import { parentPort } from "node:worker_threads";
import { CsvSyntaxError } from "./csv-reader";
import { BATCH_ROWS, MAX_BATCHES_IN_FLIGHT, type FromParseWorker, type ToParseWorker } from "./parse-protocol";
import { RowBatchBuilder, batchBuffers } from "./row-batch";
import { RowParser } from "./row-parser";
import { builtSegmentBuffers, type BuiltSegment } from "../metrics/segment-builder";
import { collectWhenIdle } from "../workers/idle-gc";
import { lowerThreadPriority } from "../workers/priority";

/** How long the input may stall before the rows parsed so far are sent anyway (for progress). */
const IDLE_FLUSH_MS = 20;

const port = parentPort;
if (!port) throw new Error("parse-worker.ts runs as a worker thread");
// Parsing is bulk work: requests first. (Linux: this thread only.)
lowerThreadPriority(5);

const queue: Uint8Array[] = [];
let parser: RowParser | null = null;
let builder: RowBatchBuilder | null = null;
let ended = false;
let finished = false;
let credits = MAX_BATCHES_IN_FLIGHT;
let idleTimer: ReturnType<typeof setTimeout> | null = null;

const send = (message: FromParseWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

function sendBatch(): void {
  if (!builder || builder.size === 0) return;
  const batch = builder.take();
  credits--;
  send({ type: "batch", batch }, batchBuffers(batch));
}

function fail(error: unknown): void {
  finished = true;
  const syntax = error instanceof CsvSyntaxError ? { record: error.record, reason: error.reason } : null;
  send({ type: "failed", syntax, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}

function finish(p: RowParser): void {
  finished = true;
  const outcome = p.end();
  sendBatch(); // the last rows first: the importing thread writes them while this one sorts
  const scores = p.scoreIndexes();
  const transfer = scores ? builtSegmentBuffers(scores.parts) : [];
  send({ type: "done", outcome: { ...outcome, scores } }, transfer);
  // Idle until the next import: keep nothing of this one. An idle thread never collects by
  // itself, and a 5M-row import left ~80 MB of arrays here (the last segment's working columns,
  // the batches' text) until the next import.
  parser = null;
  builder = null;
  collectWhenIdle(50);
}

/** Parses queued chunks while the importing thread has room for more batches. */
function drain(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const p = parser;
  if (!p || finished) return;
  try {
    while (credits > 0 && queue.length > 0) {
      const bytes = queue.shift()!;
      p.push(bytes);
      send({ type: "parsed", bytes: bytes.byteLength });
      if (p.saturated) return finish(p);
    }
    if (queue.length === 0) {
      if (ended) return finish(p);
      // Waiting for the upload: hand over what is parsed if nothing comes soon.
      if (credits > 0) idleTimer = setTimeout(sendBatch, IDLE_FLUSH_MS);
    }
  } catch (error) {
    fail(error);
  }
}

port.on("message", (message: ToParseWorker) => {
  switch (message.type) {
    case "setup": {
      // A worker serves one import after another (lib/ingest/parse-host.ts): start afresh.
      queue.length = 0;
      parser = null;
      ended = false;
      finished = false;
      credits = MAX_BATCHES_IN_FLIGHT;
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      const b = (builder = new RowBatchBuilder(BATCH_ROWS, message.setup.mapping ? RowBatchBuilder.presentColumns(message.setup.mapping) : [false, false, false, false, false]));
      try {
        parser = new RowParser(
          message.setup,
          (row) => {
            b.add(row);
            if (b.full) sendBatch();
          },
          // A complete segment follows its rows: the rows batched so far go first.
          (part: BuiltSegment) => {
            sendBatch();
            send({ type: "segment", part }, builtSegmentBuffers([part]));
          },
        );
      } catch (error) {
        fail(error);
      }
      break;
    }
    case "chunk":
      queue.push(message.bytes);
      break;
    case "end":
      ended = true;
      break;
    case "written":
      credits++;
      break;
  }
  drain();
});

send({ type: "ready" });
