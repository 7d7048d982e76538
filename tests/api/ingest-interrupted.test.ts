import net from "node:net";
import { expect, inject, test } from "vitest";
import { tableCounts } from "../support/ingest-client";

// A multipart upload cut off before its closing boundary (issue 18, item 3): a 400 every time,
// wherever the cut falls and however long the client waits before ending its body.
const baseUrl = inject("baseUrl");
const database = inject("database");

const BOUNDARY = "----cutoff-test-boundary";
const rows = Array.from({ length: 60_000 }, (_, i) => `tx-${i},${i % 2},0.${i % 100}\n`).join("");
const body = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\ninterrupted\r\n` +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="eval.csv"\r\nContent-Type: text/csv\r\n\r\n` +
    `id,label,score\n${rows}\r\n--${BOUNDARY}--\r\n`,
);
const fileStart = body.indexOf("id,label,score");

/**
 * Sends the first `cut` bytes of the form as a chunked body over a raw socket, in pieces of
 * `piece` bytes `pauseMs` apart, then ends the body cleanly (the last chunk) and reads the answer.
 */
function sendTruncated(cut: number, piece: number, pauseMs: number): Promise<{ status: number; body: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let answer = "";
    socket.on("data", (d) => (answer += d));
    socket.on("error", reject);
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, body: answer.slice(answer.indexOf("\r\n\r\n") + 4) });
    });
    socket.on("connect", async () => {
      socket.write(`POST /api/datasets HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`);
      for (let at = 0; at < cut; at += piece) {
        const part = body.subarray(at, Math.min(cut, at + piece));
        socket.write(`${part.length.toString(16)}\r\n`);
        socket.write(part);
        socket.write("\r\n");
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
      socket.write("0\r\n\r\n");
    });
  });
}

test.each([
  ["inside the first field's headers", 30, 1 << 20, 0],
  ["after the mapping field, before the file", body.indexOf(`--${BOUNDARY}`, 10) + 5, 1 << 20, 0],
  ["inside the file part's headers", fileStart - 20, 1 << 20, 0],
  ["right after the file part's headers", fileStart, 1 << 20, 0],
  ["ten bytes into the file", fileStart + 10, 1 << 20, 0],
  ["ten bytes into the file, after a pause", fileStart + 10, 1 << 20, 300],
  ["mid-file, sent in small pieces", fileStart + 100_000, 16_384, 5],
  ["after most of a large file (the parse worker runs)", body.length - 4000, 65_536, 0],
  ["after most of a large file, slowly", body.length - 4000, 262_144, 100],
  ["just before the closing boundary", body.length - 10, 1 << 20, 0],
])("cut %s → 400", async (_name, cut, piece, pauseMs) => {
  const before = (await tableCounts(database));
  const answer = await sendTruncated(cut, piece, pauseMs);
  expect(answer.status, answer.body.slice(0, 300)).toBe(400);
  expect(answer.body).toMatch(/"code":"(upload_interrupted|invalid_request)"/);
  expect((await tableCounts(database))).toEqual(before);
});

test("the whole form still imports", async () => {
  const answer = await sendTruncated(body.length, 1 << 20, 0);
  expect(answer.status, answer.body.slice(0, 300)).toBe(201);
  expect(answer.body).toContain('"rows":60000');
});
