/**
 * Long computations off the app's thread: `compute(op, size, ...args)` runs one of compute-ops.ts
 * in the compute worker (compute-worker.ts, one per process, started on first use) when `size`
 * (the rows or distinct scores it passes over) is large, and here when it is small or when no
 * worker can start. The app's thread keeps answering requests meanwhile (issue 18: no request may
 * hold the event loop for more than 100 ms).
 */
import { Worker } from "node:worker_threads";
import { computeOps, type ComputeOp, type ComputeOps } from "./compute-ops";
import { rpcClient, type RpcClient } from "./rpc";
import { launchWorker } from "./start";

/** Below this many rows or scores a computation takes a few milliseconds: a message would cost more. */
export const OFF_THREAD_FROM = 50_000;

const globalForCompute = globalThis as unknown as { cutoffComputeWorker?: Promise<RpcClient | null> };

async function start(): Promise<RpcClient | null> {
  // The literal form Next's Turbopack bundles as a worker entry.
  const worker = await launchWorker(() => new Worker(new URL("./compute-worker.ts", import.meta.url)), import.meta.url.replace(/\/compute\.ts$/, "/compute-worker.ts"));
  if (!worker) {
    console.warn("cutoff: the compute worker did not start; long computations run on the app's thread");
    return null;
  }
  return rpcClient(worker, () => {
    globalForCompute.cutoffComputeWorker = undefined; // the next computation starts a new worker
  });
}

/** The process's compute worker, or null when none can start here. */
function computeWorker(): Promise<RpcClient | null> {
  globalForCompute.cutoffComputeWorker ??= start();
  return globalForCompute.cutoffComputeWorker;
}

/** `computeOps[op](...args)`, in the compute worker when `size` is at least OFF_THREAD_FROM. */
export async function compute<K extends ComputeOp>(op: K, size: number, ...args: Parameters<ComputeOps[K]>): Promise<ReturnType<ComputeOps[K]>> {
  const here = () => (computeOps[op] as (...a: unknown[]) => ReturnType<ComputeOps[K]>)(...args);
  if (size < OFF_THREAD_FROM) return here();
  const worker = await computeWorker();
  return worker ? worker.call<ReturnType<ComputeOps[K]>>(op, args) : here();
}
