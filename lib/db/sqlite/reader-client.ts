/**
 * The app's side of the SQLite reader thread (reader-worker.ts): one per process, started on
 * first use. When no worker can start here, the reads run in this thread.
 */
import { Worker } from "node:worker_threads";
import { rpcClient, type RpcClient } from "../../workers/rpc";
import { launchWorker } from "../../workers/start";

const globalForReader = globalThis as unknown as { cutoffReaderThread?: Promise<RpcClient | null> };

async function start(): Promise<RpcClient | null> {
  // The literal form Next's Turbopack bundles as a worker entry.
  const worker = await launchWorker(() => new Worker(new URL("./reader-worker.ts", import.meta.url)), import.meta.url.replace(/\/reader-client\.ts$/, "/reader-worker.ts"));
  if (!worker) {
    console.warn("cutoff: the SQLite reader thread did not start; long reads run on the app's thread");
    return null;
  }
  return rpcClient(worker, () => {
    globalForReader.cutoffReaderThread = undefined; // the next read starts a new one
  });
}

function readerThread(): Promise<RpcClient | null> {
  globalForReader.cutoffReaderThread ??= start();
  return globalForReader.cutoffReaderThread;
}

/** Runs a read on the reader thread; `here` runs it in this thread when there is none. */
export async function readerCall<T>(op: string, args: unknown[], here: () => T): Promise<T> {
  const reader = await readerThread();
  return reader ? reader.call<T>(op, args) : here();
}

/** A read whose answer is a long list, as its slices, each asked for when the last is taken; `here` reads in this thread when there is no reader. */
export async function* readerSlices<T>(op: string, args: unknown[], here: () => T[], sliceSize: number): AsyncGenerator<T[]> {
  const reader = await readerThread();
  if (reader) return yield* reader.stream<T[]>(op, args);
  const all = here();
  for (let at = 0; at < all.length; at += sliceSize) yield all.slice(at, at + sliceSize);
}

/** A read whose answer is a long list, sent in slices; `here` runs it in this thread when there is no reader. */
export async function readerList<T>(op: string, args: unknown[], here: () => T[]): Promise<T[]> {
  const reader = await readerThread();
  if (!reader) return here();
  const all: T[] = [];
  const last = await reader.call<T[]>(op, args, {
    onPart: (slice) => {
      for (const item of slice as T[]) all.push(item);
    },
  });
  for (const item of last) all.push(item);
  return all;
}
