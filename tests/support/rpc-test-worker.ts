/** A worker for tests/unit/worker-rpc.test.ts: ops that send parts, report how far they got, and fail on purpose. */
import { parentPort } from "node:worker_threads";
import { serveRpc, type SendPart } from "../../lib/workers/rpc";

/** Parts whose send() has returned (the worker may prepare the next), and how the last parts op ended. */
const state = { sendsReturned: 0, ended: "running" as "running" | "done" | "stopped" };

serveRpc(parentPort!, {
  parts: async (send: SendPart, n: number) => {
    state.sendsReturned = 0;
    state.ended = "running";
    try {
      for (let i = 0; i < n; i++) {
        await send(i);
        state.sendsReturned++;
      }
      state.ended = "done";
      return { value: "end" };
    } catch (error) {
      state.ended = "stopped";
      throw error;
    }
  },
  state: () => ({ value: { ...state } }),
  fail: () => {
    throw Object.assign(new Error("dataset 7 not found"), { name: "NotFoundError", code: "not_found" });
  },
});
