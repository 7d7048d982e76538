import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Worker } from "node:worker_threads";
import { buildScoreTable, cumulate, curvesReport } from "@/lib/metrics";
import { seededRandom } from "@/lib/demo/random";
import { assemblePreparation, chooseReplaySteps, DAY_MS, mergeDays, mergeTables, planPreparation, prepareMonitoringReusing, segmentDays } from "@/lib/monitoring";
import { compute, OFF_THREAD_FROM } from "@/lib/workers/compute";
import { inSharedMemory } from "@/lib/workers/shared-memory";
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

test("monitoring's day walks, merges, preparation and replay grids in the worker give what they give here, in shared memory", async () => {
  const random = seededRandom(11);
  const n = OFF_THREAD_FROM * 2;
  const start = Date.parse("2026-10-05T00:00:00Z");
  // Two score-sorted segments over the same 20 days, with ties, unlabelled rows and rows without a time.
  const segment = (drift: number) => {
    const scores = Float64Array.from({ length: n }, () => Math.round(Math.min(1, random() + drift * random()) * 1e4) / 1e4).sort();
    const labels = Uint8Array.from(scores, (s) => (random() < 0.1 ? 2 : random() < s ? 1 : 0));
    const times = Float64Array.from(scores, () => (random() < 0.01 ? NaN : start + Math.floor(random() * 20 * DAY_MS)));
    return { scores, labels, times };
  };
  const segments = [segment(0), segment(0.2)];
  const parts = await Promise.all(segments.map((s) => compute("segmentDays", n, s)));
  expect(parts).toEqual(segments.map(segmentDays));
  expect(parts[0].days[0].scores.buffer).toBeInstanceOf(SharedArrayBuffer);
  const days = mergeDays(segments.map(segmentDays)).days;
  expect(await compute("mergePeriodTables", 2 * n, [parts[0].days[3], parts[1].days[3]], days[3].start)).toEqual(days[3]);
  const reference = mergeTables(days.slice(0, 7), 0);
  const referenceThere = await compute("mergePeriodTables", 2 * n, days.slice(0, 7), 0);
  expect(referenceThere).toEqual(reference);
  // 10,001 distinct scores: 80 KB a column, over SHARED_FROM_BYTES.
  expect(referenceThere.scores.buffer).toBeInstanceOf(SharedArrayBuffer);
  const o = { period: "day" as const, span: { from: start, now: start + 20 * DAY_MS }, referenceDays: 7 };
  const plan = planPreparation(days, reference, o);
  const computed = await compute("preparePeriods", 2 * n, reference, plan.reference, plan.jobs, o);
  const there = assemblePreparation(plan, reference, o, computed).prepared;
  const here = prepareMonitoringReusing(days, reference, o).prepared;
  expect(there).toEqual(here);
  expect(await compute("replayGrids", 2 * n, there.periods, there.reference.table, 200_000)).toEqual(chooseReplaySteps(here.periods, here.reference.table, 200_000));
});

test("inSharedMemory moves what a value holds twice once, and it stays one", () => {
  const big = Float64Array.from({ length: 10_000 }, (_, i) => i);
  const rows = { scores: big };
  const moved = inSharedMemory({ joined: { rows }, prepared: { rows }, again: big, small: new Uint8Array(4) });
  expect(moved.prepared.rows).toBe(moved.joined.rows);
  expect(moved.again).toBe(moved.joined.rows.scores);
  expect(moved.again.buffer).toBeInstanceOf(SharedArrayBuffer);
  expect(Array.from(moved.again.subarray(0, 3))).toEqual([0, 1, 2]);
  expect(moved.small.buffer).not.toBeInstanceOf(SharedArrayBuffer);
});
