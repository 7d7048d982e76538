/**
 * The SQLite writer thread (started by writer-client.ts): every bulk write runs here, on its own
 * connection, so an import of millions of rows, a compaction or a checkpoint never holds the
 * app's thread, which keeps answering reads. One job at a time, in the order they arrive.
 */
import { parentPort } from "node:worker_threads";
import type { DatasetSink } from "../../ingest/types";
import { AppendWriter } from "./append-writer";
import { compactDataset } from "./compaction";
import { checkpointWal, writerSqlite } from "./connection";
import { DatasetWriter } from "./dataset-writer";
import { saveSummaryRow } from "./summary";
import { writeLabels } from "./labels";
import type { Finished, FromWriter, SentError, ToWriter, WriterCall } from "./writer-protocol";
import { collectWhenIdle } from "../../workers/idle-gc";
import { lowerThreadPriority } from "../../workers/priority";

const port = parentPort;
if (!port) throw new Error("writer-worker.ts runs as a worker thread");
// Imports and appends are bulk work: requests first. (Linux: this thread only.)
lowerThreadPriority(5);

const sinks = new Map<number, DatasetSink>();
const send = (message: FromWriter) => port.postMessage(message);

function sent(error: unknown): SentError {
  const e = error as { name?: string; message?: string; code?: unknown; details?: unknown; stack?: string };
  return { name: e?.name ?? "Error", message: e?.message ?? String(error), code: typeof e?.code === "string" ? e.code : undefined, details: Array.isArray(e?.details) ? e.details : undefined, stack: e?.stack };
}

async function call(c: WriterCall): Promise<unknown> {
  switch (c.op) {
    case "labels":
      return writeLabels(c.datasetId, c.changes, c.source, c.reviewer);
    case "compact":
      return compactDataset(c.datasetId, c.sliceColumns);
    case "delete":
      return writerSqlite().prepare(`DELETE FROM "Dataset" WHERE "id" = ?`).run(c.datasetId).changes > 0;
    case "summary":
      return saveSummaryRow(writerSqlite(), c.datasetId, c.version, c.summary);
    case "checkpoint":
      return checkpointWal();
  }
}

/** The open import or append of a job (an earlier message of it may have failed and closed it). */
function sinkOf(job: number): DatasetSink {
  const sink = sinks.get(job);
  if (!sink) throw new Error(`write job ${job} is not open (an earlier step of it failed)`);
  return sink;
}

async function handle(m: ToWriter): Promise<unknown> {
  switch (m.type) {
    case "begin": {
      const sink = m.append ? new AppendWriter(m.append.datasetId, m.append.duplicates) : new DatasetWriter();
      sink.begin(m.meta);
      sinks.set(m.job, sink);
      return undefined;
    }
    case "rows":
      for (const row of m.rows) sinkOf(m.job).append(row);
      return undefined;
    case "batch":
      return sinkOf(m.job).appendBatch!(m.batch);
    case "segment":
      return sinkOf(m.job).appendSegment!(m.part);
    case "finish": {
      const sink = sinkOf(m.job);
      sinks.delete(m.job);
      const written = await sink.finish(m.final);
      // The commit left the rows in the write-ahead log; copy them into the database file now,
      // here, while the app's thread answers.
      setImmediate(checkpointWal);
      const finished: Finished = sink instanceof DatasetWriter ? { ...written, stored: sink.storedParts() } : written;
      return finished;
    }
    case "abort": {
      const sink = sinks.get(m.job);
      sinks.delete(m.job);
      await sink?.abort();
      return undefined;
    }
    case "call":
      return call(m.call);
  }
}

// Jobs run strictly one after another, in arrival order.
let queue: Promise<unknown> = Promise.resolve();
port.on("message", (m: ToWriter) => {
  queue = queue.then(async () => {
    try {
      send({ type: "ok", request: m.request, value: await handle(m) });
    } catch (error) {
      if (m.type !== "begin" && m.type !== "call") await sinks.get(m.job)?.abort();
      sinks.delete(m.job);
      send({ type: "error", request: m.request, error: sent(error) });
    }
    collectWhenIdle();
  });
});

send({ type: "ready" });
