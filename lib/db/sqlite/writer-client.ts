/**
 * The app's side of the SQLite writer thread (writer-worker.ts): one worker per process, started
 * on first use, and a DatasetSink that forwards an import's or an append's rows to it. When no
 * worker can start here, the writes run in this thread (the same writers, on this thread's
 * writer connection).
 */
import { Worker } from "node:worker_threads";
import { ConflictError, InvalidInputError, NotFoundError } from "../../errors";
import { IngestError, type IngestErrorCode } from "../../ingest/errors";
import { batchBuffers, type RowBatch } from "../../ingest/row-batch";
import type { DatasetMeta, DatasetSink, PredictionRow, WrittenDataset } from "../../ingest/types";
import { builtSegmentBuffers, type BuiltSegment } from "../../metrics/segment-builder";
import { launchWorker } from "../../workers/start";
import type { DuplicatePolicy } from "../store";
import { splitSegment, type ScoreSegment } from "../../metrics/segment";
import { sharedCopy } from "../../workers/shared-memory";
import { offerSegments } from "../segment-handoff";
import type { Finished, FromWriter, SentError, StoredParts, ToWriter, WriterCall } from "./writer-protocol";

/** The error a worker sent, as the class the rest of the app knows. */
function revived(e: SentError): Error {
  const details = (e.details ?? []) as { row?: number; column?: string; message: string }[];
  if (e.name === "IngestError") return new IngestError(e.code as IngestErrorCode, e.message, details);
  if (e.name === "ConflictError") return new ConflictError(e.message, e.code, details);
  if (e.name === "InvalidInputError") return new InvalidInputError(e.message, e.code, details);
  if (e.name === "NotFoundError") return new NotFoundError(e.message.replace(/ not found$/, ""));
  const error = new Error(`SQLite writer: ${e.message}`);
  error.stack = e.stack;
  return error;
}

/** A message to the writer, without its request number (given when it is sent). */
type Request = ToWriter extends infer M ? (M extends { request: number } ? Omit<M, "request"> : never) : never;

interface Writer {
  request(message: Request, transfer?: ArrayBuffer[]): Promise<unknown>;
  job(): number;
}

const globalForWriter = globalThis as unknown as { cutoffWriterThread?: Promise<Writer | null> };

async function start(): Promise<Writer | null> {
  // The literal form Next's Turbopack bundles as a worker entry.
  const worker = await launchWorker(() => new Worker(new URL("./writer-worker.ts", import.meta.url)), import.meta.url.replace(/\/writer-client\.ts$/, "/writer-worker.ts"));
  if (!worker) {
    console.warn("cutoff: the SQLite writer thread did not start; bulk writes run on the app's thread");
    return null;
  }
  worker.unref(); // an idle writer never keeps the process alive
  let jobs = 0;
  let requests = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.on("message", (m: FromWriter) => {
    if (m.type === "ready") return;
    const waiting = pending.get(m.request);
    pending.delete(m.request);
    if (pending.size === 0) worker.unref();
    if (m.type === "ok") waiting?.resolve(m.value);
    else waiting?.reject(revived(m.error));
  });
  // Once the thread has failed, a job still holding it is refused at once (never left waiting).
  let failed: Error | null = null;
  const fail = (error: Error) => {
    failed ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    globalForWriter.cutoffWriterThread = undefined; // the next write starts a new one
  };
  worker.on("error", fail).on("exit", (code) => fail(new Error(`the SQLite writer thread stopped (exit code ${code})`)));
  return {
    job: () => ++jobs,
    request(message, transfer = []) {
      const request = ++requests;
      return new Promise((resolve, reject) => {
        if (failed) return reject(failed);
        pending.set(request, { resolve, reject });
        worker.ref();
        worker.postMessage({ ...message, request }, transfer);
      });
    },
  };
}

/** The process's writer thread, or null when none can start here. */
export function writerThread(): Promise<Writer | null> {
  globalForWriter.cutoffWriterThread ??= start();
  return globalForWriter.cutoffWriterThread;
}

/** The stored segments of the parts sent (as the writer split them), by id, with their ids' first. */
function storedSegments(parts: ScoreSegment[], stored: StoredParts): { id: number; segment: ScoreSegment }[] {
  if (parts.length !== stored.ids.length) return [];
  return parts.flatMap((part, k) => {
    const pieces = splitSegment(part, null);
    if (pieces.length !== stored.ids[k].length) return [];
    return pieces.map((piece, p) => ({ id: stored.ids[k][p], segment: { ...piece.segment, firstId: stored.firstId } }));
  });
}

/** Runs one write job on the writer thread; `here` runs it in this thread when there is none. */
export async function writerCall<T>(call: WriterCall, here: () => T | Promise<T>): Promise<T> {
  const writer = await writerThread();
  return writer ? ((await writer.request({ type: "call", job: 0, call })) as T) : here();
}

const ROWS_PER_MESSAGE = 4096;

/**
 * A DatasetSink whose writes run on the writer thread: rows of small files are sent in packs of
 * 4096, the parse worker's batches and segments one by one (each answered when written, so a
 * fast parser never runs far ahead of the disk); `here` is the in-thread sink used when no thread starts.
 */
export class WriterThreadSink implements DatasetSink {
  private writer: Writer | null = null;
  private fallback: DatasetSink | null = null;
  private jobId = 0;
  private rows: PredictionRow[] = [];
  /**
   * A new dataset's segments, in shared memory, in the order sent: once its import commits they
   * are offered to the score index (segment-handoff.ts), so its first views read nothing back.
   */
  private kept: ScoreSegment[] = [];
  /** The last message sent: the next waits for it, so errors surface in order. */
  private sending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly target: { datasetId: number; duplicates: DuplicatePolicy } | null,
    private readonly here: () => DatasetSink,
  ) {}

  async begin(meta: DatasetMeta): Promise<void> {
    this.writer = await writerThread();
    if (!this.writer) {
      this.fallback = this.here();
      return this.fallback.begin(meta);
    }
    this.jobId = this.writer.job();
    await this.writer.request({ type: "begin", job: this.jobId, meta, append: this.target });
  }

  append(row: PredictionRow): void {
    if (this.fallback) return this.fallback.append(row);
    this.rows.push(row);
    if (this.rows.length >= ROWS_PER_MESSAGE) this.sendRows();
  }

  appendBatch(batch: RowBatch): Promise<void> | void {
    if (this.fallback) return this.fallback.appendBatch ? this.fallback.appendBatch(batch) : undefined;
    this.sendRows();
    return this.send({ type: "batch", job: this.jobId, batch }, batchBuffers(batch)).then(() => undefined);
  }

  appendSegment(part: BuiltSegment): Promise<void> | void {
    if (this.fallback) return this.fallback.appendSegment?.(part);
    this.sendRows();
    this.keep([part]);
    return this.send({ type: "segment", job: this.jobId, part }, builtSegmentBuffers([part])).then(() => undefined);
  }

  async finish(final: Parameters<DatasetSink["finish"]>[0]): Promise<WrittenDataset> {
    if (this.fallback) return this.fallback.finish(final);
    this.sendRows();
    this.keep(final.scores?.parts ?? []);
    const { stored, ...written } = (await this.send({ type: "finish", job: this.jobId, final }, builtSegmentBuffers(final.scores?.parts ?? []))) as Finished;
    if (stored) offerSegments(written.id, storedSegments(this.kept, stored));
    this.kept = [];
    return written;
  }

  /** Copies of a new dataset's parts in shared memory (the parts themselves go to the writer). */
  private keep(parts: BuiltSegment[]): void {
    if (this.target !== null) return;
    // Every array copied (small ones too): the originals are transferred to the writer.
    for (const { segment: s } of parts) {
      this.kept.push({ firstId: s.firstId, offsets: sharedCopy(s.offsets), scores: sharedCopy(s.scores), labels: sharedCopy(s.labels), times: s.times && sharedCopy(s.times), slices: s.slices.map(sharedCopy) });
    }
  }

  async abort(): Promise<void> {
    if (this.fallback) return this.fallback.abort();
    this.rows = [];
    this.kept = [];
    await this.sending.catch(() => undefined);
    await this.writer?.request({ type: "abort", job: this.jobId });
  }

  private sendRows(): void {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    void this.send({ type: "rows", job: this.jobId, rows }).catch(() => undefined);
  }

  private send(message: Request, transfer: ArrayBuffer[] = []): Promise<unknown> {
    const writer = this.writer!;
    const previous = this.sending;
    const sent = writer.request(message, transfer);
    // Answers come in order; a failed earlier message fails this one too (and this one's own
    // answer, never awaited then, must not count as an unhandled rejection).
    sent.catch(() => undefined);
    this.sending = previous.then(() => sent);
    return this.sending;
  }
}
