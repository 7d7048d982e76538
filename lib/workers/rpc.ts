/**
 * Calls into a worker thread that answers requests (the compute worker, the SQLite reader): each
 * request gets a number, which its answer repeats. A long answer comes in parts, at most
 * PARTS_AHEAD not yet taken by the caller (each taken part is acknowledged, an "ack"), so the
 * caller's thread never has a pile of messages to take in at once, nor a whole answer to hold.
 * Errors cross as their name, message, code and details and are rebuilt with the same name.
 */
import type { MessagePort, Worker } from "node:worker_threads";
import { collectWhenIdle } from "./idle-gc";

/** A request to a worker, the caller taking a part of an answer, or giving up the rest of it. */
export type RpcRequest = { request: number; type: "call"; op: string; args: unknown[] } | { request: number; type: "ack" | "cancel" };

/** An answer: a part of a long one, the whole (or the end of the parts), or an error. */
export type RpcAnswer =
  | { request: number; type: "part"; value: unknown }
  | { request: number; type: "ok"; value: unknown }
  | { request: number; type: "error"; error: { name: string; message: string; code?: string; details?: unknown[] } };

/** Parts of a long answer sent before the caller has taken them: one being taken, one ready behind it. */
export const PARTS_AHEAD = 2;

/** Sends a part of a long answer; resolves once fewer than PARTS_AHEAD parts wait for the caller (time to prepare the next). */
export type SendPart = (value: unknown, transfer?: ArrayBuffer[]) => Promise<void>;

export interface RpcClient {
  /** Runs `op` in the worker and resolves with its answer (parts, if any, are passed to `onPart` as they come). */
  call<T>(op: string, args: unknown[], options?: { transfer?: ArrayBuffer[]; onPart?: (value: unknown) => void }): Promise<T>;
  /** Runs `op` in the worker and yields the parts of its answer, each asked for when the last is taken. */
  stream<T>(op: string, args: unknown[]): AsyncGenerator<T>;
}

/** A rebuilt error: the same name (routes map errors by name, lib/http.ts), message, code and details. */
function revived(e: { name: string; message: string; code?: string; details?: unknown[] }): Error {
  const error = new Error(e.message) as Error & { code?: string; details?: unknown[] };
  error.name = e.name;
  if (e.code !== undefined) error.code = e.code;
  if (e.details !== undefined) error.details = e.details;
  return error;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onPart: (v: unknown) => void;
}

/**
 * A client of `worker`. The worker is kept unreferenced while nothing is pending (an idle worker
 * never keeps the process alive); `onExit` runs when it stops (the caller then starts another).
 */
export function rpcClient(worker: Worker, onExit: () => void): RpcClient {
  let requests = 0;
  const pending = new Map<number, Pending>();
  worker.unref();
  worker.on("message", (m: RpcAnswer) => {
    const waiting = pending.get(m.request);
    if (!waiting) return;
    if (m.type === "part") return waiting.onPart(m.value);
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
  const post = (message: RpcRequest, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);

  function start(op: string, args: unknown[], onPart: (value: unknown, request: number) => void, transfer: ArrayBuffer[] = []) {
    const request = ++requests;
    const answer = new Promise<unknown>((resolve, reject) => pending.set(request, { resolve, reject, onPart: (v) => onPart(v, request) }));
    worker.ref();
    post({ request, type: "call", op, args }, transfer);
    return answer;
  }

  return {
    call<T>(op: string, args: unknown[], { transfer, onPart }: { transfer?: ArrayBuffer[]; onPart?: (value: unknown) => void } = {}) {
      // An op that answers in parts read without `onPart` would lose them: that is an error, not a short answer.
      let unread = false;
      const answer = start(op, args, (value, request) => {
        if (onPart) onPart(value);
        else unread = true;
        post({ request, type: "ack" });
      }, transfer);
      return answer.then((value) => {
        if (unread) throw new Error(`worker op ${op} answered in parts that were not read: call it with onPart or stream()`);
        return value as T;
      });
    },
    async *stream<T>(op: string, args: unknown[]): AsyncGenerator<T> {
      const parts: { value: unknown; request: number }[] = [];
      let wake: (() => void) | null = null;
      let ended = false;
      const answer = start(op, args, (value, request) => {
        parts.push({ value, request });
        wake?.();
      }).finally(() => {
        ended = true;
        wake?.();
      });
      answer.catch(() => undefined); // rethrown below, once the parts before the error are taken
      const request = requests;
      try {
        for (;;) {
          if (parts.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          const next = parts.shift();
          if (next) {
            yield next.value as T;
            post({ request: next.request, type: "ack" });
            continue;
          }
          await answer;
          return;
        }
      } finally {
        // The caller stopped early (a download cancelled): the worker drops the rest.
        if (!ended && pending.delete(request)) {
          post({ request, type: "cancel" });
          if (pending.size === 0) worker.unref();
        }
      }
    },
  };
}

/** What an op returns: its value, and the buffers to move (not copy) with it. */
export interface OpResult {
  value: unknown;
  transfer?: ArrayBuffer[];
}

/**
 * The worker's side: answers each request with `ops[op](send, ...args)` as it arrives (the SQL and
 * the arithmetic run synchronously; an op sending parts lets other requests in while it waits for
 * each part to be taken), and says `{ type: "ready" }` once loaded (lib/workers/start.ts waits for it).
 */
export function serveRpc(port: MessagePort, ops: Record<string, (send: SendPart, ...args: never[]) => OpResult | Promise<OpResult>>): void {
  /** Per request sending parts: parts not yet taken, and the op waiting to send more. */
  const flows = new Map<number, { waiting: number; cancelled: boolean; resume: (() => void) | null }>();
  const run = async (m: Extract<RpcRequest, { type: "call" }>) => {
    const flow = { waiting: 0, cancelled: false, resume: null as (() => void) | null };
    flows.set(m.request, flow);
    const send: SendPart = async (value, transfer = []) => {
      if (flow.cancelled) throw new Error("the caller stopped reading");
      flow.waiting++;
      port.postMessage({ request: m.request, type: "part", value } satisfies RpcAnswer, transfer);
      if (flow.waiting >= PARTS_AHEAD) await new Promise<void>((resolve) => (flow.resume = resolve));
      if (flow.cancelled) throw new Error("the caller stopped reading");
    };
    try {
      const op = ops[m.op];
      if (!op) throw new Error(`unknown worker op ${m.op}`);
      const { value, transfer = [] } = await op(send, ...(m.args as never[]));
      port.postMessage({ request: m.request, type: "ok", value } satisfies RpcAnswer, transfer);
    } catch (error) {
      const e = error as { name?: string; message?: string; code?: unknown; details?: unknown };
      const sent = { name: e?.name ?? "Error", message: e?.message ?? String(error), code: typeof e?.code === "string" ? e.code : undefined, details: Array.isArray(e?.details) ? e.details : undefined };
      port.postMessage({ request: m.request, type: "error", error: sent } satisfies RpcAnswer);
    } finally {
      flows.delete(m.request);
      collectWhenIdle();
    }
  };
  port.on("message", (m: RpcRequest) => {
    if (m.type === "call") return void run(m);
    const flow = flows.get(m.request);
    if (!flow) return;
    if (m.type === "cancel") flow.cancelled = true;
    else flow.waiting--;
    const resume = flow.resume;
    flow.resume = null;
    resume?.();
  });
  port.postMessage({ type: "ready" });
}
