import { expect, test } from "vitest";
import { drainBody, requestBody } from "@/lib/http";

// Request bodies read part way by a route (an upload refused at its first bad row) are read to
// their end before the answer, so a client still sending sees the answer, not a reset.

const encoder = new TextEncoder();

function streamOf(chunks: string[], { endless = false } = {}): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled < chunks.length) controller.enqueue(encoder.encode(chunks[pulled]));
      else if (!endless) return controller.close();
      else return new Promise(() => undefined); // a client that stopped sending
      pulled++;
    },
  });
  return { stream, pulled: () => pulled };
}

const post = (stream: ReadableStream<Uint8Array>) => new Request("http://localhost/x", { method: "POST", body: stream, duplex: "half" } as RequestInit);

test("a body left part way through requestBody is read to its end by drainBody", async () => {
  const chunks = Array.from({ length: 10 }, (_, i) => `chunk ${i};`);
  const { stream, pulled } = streamOf(chunks);
  const request = post(stream);
  const seen: string[] = [];
  for await (const chunk of requestBody(request)) {
    seen.push(new TextDecoder().decode(chunk));
    if (seen.length === 3) break; // a route that stops reading: the stream is not cancelled
  }
  expect(seen).toEqual(chunks.slice(0, 3));
  expect(await drainBody(request)).toBe(true);
  expect(pulled()).toBe(10);
  // Read again after the end: nothing more, and still drained.
  const after: Uint8Array[] = [];
  for await (const chunk of requestBody(request)) after.push(chunk);
  expect(after).toEqual([]);
  expect(await drainBody(request)).toBe(true);
});

test("a body never read is drained too; one over the byte limit is not", async () => {
  const untouched = streamOf(["a".repeat(100), "b".repeat(100)]);
  const request = post(untouched.stream);
  expect(await drainBody(request)).toBe(true);
  expect(untouched.pulled()).toBe(2);

  const long = streamOf(Array.from({ length: 20 }, () => "c".repeat(100)));
  expect(await drainBody(post(long.stream), { bytes: 500, ms: 5000 })).toBe(false);
  expect(long.pulled()).toBeLessThan(20);
});

test("a client that stops sending is given up on after the time limit", async () => {
  const stalled = streamOf(["x"], { endless: true });
  const started = performance.now();
  expect(await drainBody(post(stalled.stream), { bytes: 1000, ms: 60 })).toBe(false);
  expect(performance.now() - started).toBeGreaterThanOrEqual(55);
});

test("a body read by request.json() counts as read; no body is nothing to drain", async () => {
  const request = new Request("http://localhost/x", { method: "POST", body: '{"a":1}' });
  expect(await request.json()).toEqual({ a: 1 });
  expect(await drainBody(request)).toBe(true);
  expect(await drainBody(new Request("http://localhost/x"))).toBe(true);
});
