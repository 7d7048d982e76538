/**
 * Calls into a worker thread that answers requests (the compute worker, the SQLite reader): each
 * request gets a number, which its answer repeats; an answer may come in parts (a long list sent
 * a slice at a time, so that the receiving thread never spends long on one message). Errors cross
 * as their name, message and code and are rebuilt as errors of the same name.
 */
import type { MessagePort, Worker } from "node:worker_threads";

/** A request to a worker. */
export interface RpcRequest {
  request: number;
  op: string;
  args: unknown[];
}

/** An answer: a part of a long one, the whole (or last part), or an error. */
export type RpcAnswer =
  | { request: number; type: "part"; value: unknown }
  | { request: number; type: "ok"; value: unknown }
  | { request: number; type: "error"; error: { name: string; message: string; code?: string; details?: unknown[] } };

/** Reached from a worker's op to send the parts of a long answer before returning the rest. */
export type SendPart = (value: unknown, transfer?: ArrayBuffer[]) => void;

export interface RpcClient {
  /** Runs `op` in the worker; `onPart` receives the parts of a long answer, in order, before it resolves. */
  call<T>(op: string, args: unknown[], options?: { transfer?: ArrayBuffer[]; onPart?: (value: unknown) => void }): Promise<T>;
}

/** A rebuilt error: the same name (routes map errors by name, lib/http.ts), message, code and details. */
function revived(e: { name: string; message: string; code?: string; details?: unknown[] }): Error {
  const error = new Error(e.message) as Error & { code?: string; details?: unknown[] };
  error.name = e.name;
  if (e.code !== undefined) error.code = e.code;
  if (e.details !== undefined) error.details = e.details;
  return error;
}

/**
 * A client of `worker`. The worker is kept unreferenced while nothing is pending (an idle worker
 * never keeps the process alive); `onExit` runs when it stops (the caller then starts another).
 */
export function rpcClient(worker: Worker, onExit: () => void): RpcClient {
  let requests = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; onPart?: (v: unknown) => void }>();
  worker.unref();
  worker.on("message", (m: RpcAnswer) => {
    const waiting = pending.get(m.request);
    if (!waiting) return;
    if (m.type === "part") return waiting.onPart?.(m.value);
    pending.delete(m.request);
    if (pending.size === 0) worker.unref();
    if (m.type === "ok") waiting.resolve(m.value);
    else waiting.reject(revived(m.error));
  });
  const fail = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    onExit();
  };
  worker.on("error", fail).on("exit", (code) => fail(new Error(`a worker thread stopped (exit code ${code})`)));
  return {
    call<T>(op: string, args: unknown[], { transfer = [], onPart }: { transfer?: ArrayBuffer[]; onPart?: (value: unknown) => void } = {}) {
      const request = ++requests;
      return new Promise<T>((resolve, reject) => {
        pending.set(request, { resolve: resolve as (v: unknown) => void, reject, onPart });
        worker.ref();
        worker.postMessage({ request, op, args } satisfies RpcRequest, transfer);
      });
    },
  };
}

/** What an op returns: its value, and the buffers to move (not copy) with it. */
export interface OpResult {
  value: unknown;
  transfer?: ArrayBuffer[];
}

/**
 * The worker's side: answers each request with `ops[op](send, ...args)`, one request at a time in
 * arrival order, and says `{ type: "ready" }` once loaded (lib/workers/start.ts waits for it).
 */
export function serveRpc(port: MessagePort, ops: Record<string, (send: SendPart, ...args: never[]) => OpResult | Promise<OpResult>>): void {
  let queue: Promise<unknown> = Promise.resolve();
  port.on("message", (m: RpcRequest) => {
    queue = queue.then(async () => {
      const send: SendPart = (value, transfer = []) => port.postMessage({ request: m.request, type: "part", value } satisfies RpcAnswer, transfer);
      try {
        const op = ops[m.op];
        if (!op) throw new Error(`unknown worker op ${m.op}`);
        const { value, transfer = [] } = await op(send, ...(m.args as never[]));
        port.postMessage({ request: m.request, type: "ok", value } satisfies RpcAnswer, transfer);
      } catch (error) {
        const e = error as { name?: string; message?: string; code?: unknown; details?: unknown };
        const sent = { name: e?.name ?? "Error", message: e?.message ?? String(error), code: typeof e?.code === "string" ? e.code : undefined, details: Array.isArray(e?.details) ? e.details : undefined };
        port.postMessage({ request: m.request, type: "error", error: sent } satisfies RpcAnswer);
      }
    });
  });
  port.postMessage({ type: "ready" });
}
