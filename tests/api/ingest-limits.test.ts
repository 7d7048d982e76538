import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { postCsv, tableCounts } from "../support/ingest-client";

// A second server with a small upload limit: 2,000 bytes.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ MAX_UPLOAD_BYTES: "2000", CUTOFF_DEMO: "false" });
});
afterAll(() => server?.stop());

const big = "label,score\n" + "1,0.5\n0,0.25\n".repeat(400);

test("a body over the limit with Content-Length is a 413", async () => {
  const { status, body } = await postCsv(server.url, big);
  expect(status).toBe(413);
  expect(body.error?.code).toBe("upload_too_large");
  expect(tableCounts(server.databaseFile)).toEqual({ datasets: 0, predictions: 0, segments: 0, exampleKeys: 0, imports: 0 });
});

test("a streamed (chunked) body is counted while reading and stopped with a 413", async () => {
  const bytes = new TextEncoder().encode(big);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 500) controller.enqueue(bytes.subarray(i, i + 500));
      controller.close();
    },
  });
  const response = await fetch(`${server.url}/api/datasets`, { method: "POST", headers: { "content-type": "text/csv" }, body: stream, duplex: "half" } as RequestInit);
  expect(response.status).toBe(413);
  expect(tableCounts(server.databaseFile).datasets).toBe(0);
});

test("a file under the limit imports", async () => {
  const { status, body } = await postCsv(server.url, "label,score\n1,0.5\n0,0.25\n");
  expect([status, body.rows]).toEqual([201, 2]);
});
