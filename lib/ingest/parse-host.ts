/**
 * Runs RowParser in a worker thread (lib/ingest/parse-worker.ts) so that parsing a large file
 * uses a second core while this thread writes the rows. In the built app the worker is a chunk
 * Turbopack bundles from `new Worker(new URL("./parse-worker.ts", import.meta.url))`; run from
 * source (tsx scripts, vitest), the worker registers tsx and loads the .ts file. When no worker
 * starts, `startParseWorker` answers null and the caller parses in its own thread.
 */
import { Worker } from "node:worker_threads";
import { launchWorker } from "../workers/start";
import { CsvSyntaxError } from "./csv-reader";
import { MAX_BYTES_IN_FLIGHT, type FromParseWorker, type ToParseWorker } from "./parse-protocol";
import type { BuiltSegment } from "../metrics/segment-builder";
import type { RowBatch } from "./row-batch";
import type { ParseOutcome, ParseSetup } from "./row-parser";

const globalForWorker = globalThis as unknown as { cutoffIdleParseWorker?: Promise<Worker | null> };

/** Starts a worker, or null when none can start here. */
function launch(): Promise<Worker | null> {
  // The literal form Next's Turbopack bundles as a worker entry (a plain .ts file outside a bundle).
  return launchWorker(() => new Worker(new URL("./parse-worker.ts", import.meta.url)), import.meta.url.replace(/\/parse-host\.ts$/, "/parse-worker.ts"));
}

/**
 * A started parse worker, or null when none can start here (the caller then parses in its own
 * thread). Takes the idle one left by the previous import (releaseParseWorker) when there is one,
 * so an import does not wait for a worker to start.
 */
export async function startParseWorker(): Promise<Worker | null> {
  const idle = globalForWorker.cutoffIdleParseWorker;
  globalForWorker.cutoffIdleParseWorker = undefined;
  const worker = (await idle) ?? (await launch());
  worker?.ref();
  return worker;
}

/** Starts a worker to wait idle for the first import (none is started when one is idle already). */
export function prestartParseWorker(): void {
  globalForWorker.cutoffIdleParseWorker ??= launch().then((worker) => {
    worker?.unref();
    return worker;
  });
}

/**
 * Hands a worker back after an import: kept for the next one when its parse ended normally (its
 * next "setup" resets it), terminated otherwise or when another is already idle.
 */
export function releaseParseWorker(worker: Worker, reusable: boolean): void {
  if (!reusable || globalForWorker.cutoffIdleParseWorker) {
    void worker.terminate();
    return;
  }
  worker.unref();
  globalForWorker.cutoffIdleParseWorker = Promise.resolve(worker);
}

/**
 * Sends `source` to the worker (never more than MAX_BYTES_IN_FLIGHT ahead of its parsing) and
 * calls `onBatch` with the valid rows, in file order. Resolves when the file ended or MAX_PROBLEMS
 * were found; rejects with the source's error, a CsvSyntaxError, or `onBatch`'s error. The caller
 * then releases the worker (releaseParseWorker).
 */
export function parseInWorker(
  worker: Worker,
  setup: ParseSetup,
  source: AsyncIterable<Uint8Array>,
  onBatch: (batch: RowBatch) => void | Promise<void>,
  onSegment: (part: BuiltSegment) => void | Promise<void>,
): Promise<ParseOutcome> {
  const post = (message: ToParseWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
  return new Promise<ParseOutcome>((resolve, reject) => {
    let settled = false;
    let inFlight = 0;
    let wake: (() => void) | null = null;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      // Only this import's listeners: the worker may serve the next one (releaseParseWorker).
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      wake?.();
      finish();
    };
    // Batches a sink writes asynchronously are written one after another, in file order; the
    // answer waits for the last of them.
    let writing: Promise<void> | null = null;
    const written = () => {
      if (!settled) post({ type: "written" });
    };
    const writeBatch = (batch: RowBatch) => {
      const pending = onBatch(batch);
      if (!pending) return void written();
      return pending.then(written);
    };
    /** Work in file order: a segment after its rows. */
    const inOrder = (work: () => void | Promise<void>) => {
      const next: Promise<void> | void = writing ? writing.then(work) : work();
      writing = next ? next.catch((error: unknown) => settle(() => reject(error))) : writing;
    };
    const onMessage = (m: FromParseWorker) => {
      if (settled) return;
      try {
        if (m.type === "batch") {
          const batch = m.batch;
          inOrder(() => writeBatch(batch));
        } else if (m.type === "segment") {
          const part = m.part;
          inOrder(() => onSegment(part));
        } else if (m.type === "parsed") {
          inFlight -= m.bytes;
          if (inFlight <= MAX_BYTES_IN_FLIGHT) wake?.();
        } else if (m.type === "done") {
          const outcome = m.outcome;
          if (writing) void writing.then(() => settle(() => resolve(outcome)));
          else settle(() => resolve(outcome));
        } else if (m.type === "failed") {
          settle(() => reject(m.syntax ? new CsvSyntaxError(m.syntax.record, m.syntax.reason) : new Error(`parse worker: ${m.message}`)));
        }
      } catch (error) {
        settle(() => reject(error));
      }
    };
    const onError = (error: Error) => settle(() => reject(error));
    const onExit = (code: number) => settle(() => reject(new Error(`the parse worker stopped (exit code ${code})`)));
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);

    post({ type: "setup", setup });
    (async () => {
      for await (const chunk of source) {
        if (settled) return;
        // A copy: the source may reuse its buffer, and the copy's memory moves to the worker.
        const bytes = new Uint8Array(chunk);
        inFlight += bytes.byteLength;
        post({ type: "chunk", bytes }, [bytes.buffer as ArrayBuffer]);
        while (inFlight > MAX_BYTES_IN_FLIGHT && !settled) await new Promise<void>((r) => (wake = r));
        wake = null;
        if (settled) return;
      }
      post({ type: "end" });
    })().catch((error: unknown) => settle(() => reject(error)));
  });
}
