/**
 * Long computations off the app's thread: `compute(op, size, ...args)` runs one of compute-ops.ts
 * in a compute worker (compute-worker.ts, started on first use, COMPUTE_WORKERS at most) when `size`
 * (the rows or distinct scores it passes over) is large, and here when it is small or when no
 * worker can start. The app's thread keeps answering requests meanwhile (issue 18: no request may
 * hold the event loop for more than 100 ms).
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import { computeOps, type ComputeOp, type ComputeOps } from "./compute-ops";
import { rpcClient, type RpcClient } from "./rpc";
import { launchWorker } from "./start";

/** Below this many rows or scores a computation takes a few milliseconds: a message would cost more. */
export const OFF_THREAD_FROM = 50_000;

/** One compute worker and the calls it is running. */
interface Slot {
  client: Promise<RpcClient | null>;
  pending: number;
}

/**
 * Compute workers a process may run: one per core (at most 4). A second starts only when a
 * computation comes while the first is busy (two days' walks, two halves of a preparation), so
 * concurrent computations use both cores of a small machine; the workers run at a lower priority
 * than the app's thread (compute-worker.ts), which keeps answering.
 */
export const COMPUTE_WORKERS = Math.max(1, Math.min(4, os.availableParallelism()));

const globalForCompute = globalThis as unknown as { cutoffComputeWorkers?: Slot[] };

function start(slot: Slot): Promise<RpcClient | null> {
  const forget = () => {
    const slots = globalForCompute.cutoffComputeWorkers ?? [];
    if (slots.includes(slot)) slots.splice(slots.indexOf(slot), 1); // the next computation starts a new worker
  };
  return (async () => {
    // The literal form Next's Turbopack bundles as a worker entry.
    const worker = await launchWorker(() => new Worker(new URL("./compute-worker.ts", import.meta.url)), import.meta.url.replace(/\/compute\.ts$/, "/compute-worker.ts"));
    if (!worker) {
      console.warn("cutoff: the compute worker did not start; long computations run on the app's thread");
      return null;
    }
    return rpcClient(worker, forget);
  })();
}

/** An idle compute worker, a new one while there are fewer than COMPUTE_WORKERS, else the least busy. */
function computeSlot(): Slot {
  const slots = (globalForCompute.cutoffComputeWorkers ??= []);
  const idle = slots.find((s) => s.pending === 0);
  if (idle) return idle;
  if (slots.length < COMPUTE_WORKERS) {
    const slot: Slot = { client: Promise.resolve(null), pending: 0 };
    slot.client = start(slot);
    slots.push(slot);
    return slot;
  }
  return slots.reduce((a, b) => (b.pending < a.pending ? b : a));
}

/** `computeOps[op](...args)`, in the compute worker when `size` is at least OFF_THREAD_FROM. */
export async function compute<K extends ComputeOp>(op: K, size: number, ...args: Parameters<ComputeOps[K]>): Promise<ReturnType<ComputeOps[K]>> {
  const here = () => (computeOps[op] as (...a: unknown[]) => ReturnType<ComputeOps[K]>)(...args);
  if (size < OFF_THREAD_FROM) return here();
  const slot = computeSlot();
  slot.pending++;
  try {
    const worker = await slot.client;
    return worker ? await worker.call<ReturnType<ComputeOps[K]>>(op, args) : here();
  } finally {
    slot.pending--;
  }
}
