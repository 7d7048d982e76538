/**
 * The compute worker (started by compute.ts): runs the long computations of compute-ops.ts off
 * the app's thread. Typed arrays in its answers are copied here into shared memory, so that the
 * app can cache them and send them back with a later request without a copy on its thread.
 */
import { parentPort } from "node:worker_threads";
import { allocateShared } from "../metrics/typed-arrays";
import { computeOps } from "./compute-ops";
import { serveRpc, type SendPart } from "./rpc";
import { inSharedMemory } from "./shared-memory";
import { lowerThreadPriority } from "./priority";

const port = parentPort;
if (!port) throw new Error("compute-worker.ts runs as a worker thread");
// Long computations: requests first. (Linux: this thread only.)
lowerThreadPriority(10);
// Large arrays the computations make are in shared memory from the start (no copy for the answer).
allocateShared(true);

const ops = Object.fromEntries(
  Object.entries(computeOps).map(([name, op]) => [name, (_send: SendPart, ...args: unknown[]) => ({ value: inSharedMemory((op as (...a: unknown[]) => unknown)(...args)) })]),
) as Record<string, (send: SendPart, ...args: never[]) => { value: unknown }>;

serveRpc(port, ops);
