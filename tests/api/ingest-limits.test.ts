import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunningServer } from "../support/server";
import { startTestServer } from "../support/test-server";
import { postCsv, tableCounts } from "../support/ingest-client";

// A second server with a small upload limit: 2,000 bytes.
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ MAX_UPLOAD_BYTES: "2000", CUTOFF_DEMO: "false" });
});
afterAll(() => server?.stop());

const big = "label,score\n" + "1,0.5\n0,0.25\n".repeat(400);

test("a body over the limit with Content-Length is a 413", async () => {
  const { status, body } = await postCsv(server.url, big);
  expect(status).toBe(413);
  expect(body.error?.code).toBe("upload_too_large");
  expect((await tableCounts(server.database))).toEqual({ datasets: 0, predictions: 0, segments: 0, labelChanges: 0, imports: 0 });
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
  expect((await tableCounts(server.database)).datasets).toBe(0);
});

// The server refuses at byte 2,001 while this client still has most of its body to send: the
// rest is read before the answer, so the client's writes succeed and it reads the 413 (a server
// that closed at once failed them with EPIPE), and the connection stays open for the next request.
test("a refused body still being sent is read to its end, then answered", async () => {
  const bytes = new TextEncoder().encode(big);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= bytes.length) return controller.close();
      if (sent > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      controller.enqueue(bytes.subarray(sent, sent + 400));
      sent += 400;
    },
  });
  const response = await fetch(`${server.url}/api/datasets`, { method: "POST", headers: { "content-type": "text/csv" }, body: stream, duplex: "half" } as RequestInit);
  const answer = (await response.json()) as { error: { code: string } };
  expect([response.status, answer.error.code]).toEqual([413, "upload_too_large"]);
  expect(sent).toBeGreaterThanOrEqual(bytes.length);
  expect(response.headers.get("connection")).not.toBe("close");
  expect((await tableCounts(server.database)).datasets).toBe(0);
});

test("a file under the limit imports", async () => {
  const { status, body } = await postCsv(server.url, "label,score\n1,0.5\n0,0.25\n");
  expect([status, body.rows]).toEqual([201, 2]);
});

// The limit is on what the file unpacks to as well (issue 18, item 5): a small .csv.gz or .zip
// that expands past MAX_UPLOAD_BYTES is refused the same way.
test("a .csv.gz under the limit that unpacks to more is a 413", async () => {
  const { gzipSync } = await import("node:zlib");
  const packed = gzipSync(big);
  expect(packed.length).toBeLessThan(2000);
  const { status, body } = await postCsv(server.url, packed, {}, "application/gzip");
  expect([status, body.error?.code]).toEqual([413, "upload_too_large"]);
  expect(body.error?.message).toBe("the file unpacks to more than the limit of 2000 bytes");
  expect((await tableCounts(server.database)).datasets).toBe(1);
});

test("a .zip whose CSV unpacks past the limit is a 413, whatever its header declares", async () => {
  const { buildZip } = await import("../support/zip-builder");
  for (const declared of [undefined, 1500]) {
    const zip = buildZip([{ name: "eval.csv", data: big, size: declared }]);
    expect(zip.length).toBeLessThan(2000);
    const response = await fetch(`${server.url}/api/datasets/zip`, { method: "POST", headers: { "content-type": "application/zip" }, body: zip as BodyInit });
    const answer = (await response.json()) as { error: { code: string } };
    expect([response.status, answer.error.code], String(declared)).toEqual(declared === undefined ? [413, "zip_too_large"] : [400, "corrupt_zip"]);
  }
  const inner = (await import("node:zlib")).gzipSync(big);
  const zip = buildZip([{ name: "eval.csv.gz", data: inner, method: 0 }]);
  const response = await fetch(`${server.url}/api/datasets/zip`, { method: "POST", headers: { "content-type": "application/zip" }, body: zip as BodyInit });
  expect(response.status).toBe(413);
  expect((await tableCounts(server.database)).datasets).toBe(1);
});
