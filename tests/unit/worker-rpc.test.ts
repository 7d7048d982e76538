import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Worker } from "node:worker_threads";
import { buildScoreTable, cumulate, curvesReport } from "@/lib/metrics";
import { seededRandom } from "@/lib/demo/random";
import { compute, OFF_THREAD_FROM } from "@/lib/workers/compute";
import { PARTS_AHEAD, rpcClient, type RpcClient } from "@/lib/workers/rpc";
import { launchWorker } from "@/lib/workers/start";

// lib/workers/rpc.ts through a real worker thread: parts in order, never more than PARTS_AHEAD
// sent before the caller takes them, a caller that stops early stops the worker's op, errors keep
// their name and code.
let worker: Worker;
let client: RpcClient;
const entry = new URL("../support/rpc-test-worker.ts", import.meta.url).href;

beforeAll(async () => {
  const started = await launchWorker(() => {
    throw new Error("no bundled worker in tests");
  }, entry);
  if (!started) throw new Error("the test worker did not start");
  worker = started;
  client = rpcClient(worker, () => undefined);
});
afterAll(() => worker?.terminate());

const state = () => client.call<{ sendsReturned: number; ended: string }>("state", []);
const settle = () => new Promise((r) => setTimeout(r, 50));

describe("parts of a long answer", () => {
  test("read with call() and no onPart, the call fails instead of answering without them", async () => {
    await expect(client.call("parts", [3])).rejects.toThrow("worker op parts answered in parts that were not read");
    const parts: unknown[] = [];
    expect(await client.call("parts", [3], { onPart: (p) => parts.push(p) })).toBe("end");
    expect(parts).toEqual([0, 1, 2]);
  });

  test("arrive in order, then the stream ends", async () => {
    const parts: number[] = [];
    for await (const part of client.stream<number>("parts", [7])) parts.push(part);
    expect(parts).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(await state()).toEqual({ sendsReturned: 7, ended: "done" });
  });

  test(`the worker runs at most ${PARTS_AHEAD} parts ahead of the caller`, async () => {
    const stream = client.stream<number>("parts", [10]);
    expect((await stream.next()).value).toBe(0);
    await settle();
    // Part 0 is being taken and part 1 waits: the worker's send of part 1 has not returned.
    expect((await state()).sendsReturned).toBe(PARTS_AHEAD - 1);
    expect((await stream.next()).value).toBe(1);
    await settle();
    expect((await state()).sendsReturned).toBe(PARTS_AHEAD);
    for await (const part of stream) expect(part).toBeGreaterThan(1);
    expect(await state()).toEqual({ sendsReturned: 10, ended: "done" });
  });

  test("a caller that stops early stops the worker's op", async () => {
    let taken = 0;
    for await (const part of client.stream<number>("parts", [1000])) {
      taken++;
      if (part === 2) break;
    }
    await settle();
    expect(taken).toBe(3);
    expect(await state()).toMatchObject({ ended: "stopped" });
    expect((await state()).sendsReturned).toBeLessThan(10);
  });
});

test("an error crosses with its name and code", async () => {
  const error = await client.call("fail", []).catch((e: Error & { code?: string }) => e);
  expect(error).toBeInstanceOf(Error);
  expect({ name: (error as Error).name, message: (error as Error).message, code: (error as { code?: string }).code }).toEqual({ name: "NotFoundError", message: "dataset 7 not found", code: "not_found" });
});

test("compute() in the worker gives what the same computation gives here", async () => {
  const random = seededRandom(5);
  const n = OFF_THREAD_FROM * 2;
  const scores = Float64Array.from({ length: n }, () => random());
  const labels = Uint8Array.from(scores, (s) => (random() < s ? 1 : 0));
  const table = cumulate(buildScoreTable(scores, labels));
  const offThread = await compute("curves", table.scores.length, table);
  expect(offThread).toEqual(curvesReport(table));
  const tableThere = await compute("segmentTable", n, { scores: Float64Array.from(scores).sort(), labels });
  expect(tableThere.scores.buffer).toBeInstanceOf(SharedArrayBuffer);
});
