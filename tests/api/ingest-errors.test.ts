import http from "node:http";
import { describe, expect, inject, test } from "vitest";
import { postCsv, tableCounts } from "../support/ingest-client";

const baseUrl = inject("baseUrl");
const database = inject("database");

describe("bad files get a 400 naming the row and column, and the database is unchanged", () => {
  const many = Array.from({ length: 3000 }, (_, i) => `${i % 2},0.${i % 10}`).join("\n");
  test.each([
    ["non-numeric score", "label,score\n1,0.5\n0,abc\n", {}, "invalid_rows", { row: 3, column: "score", message: '"abc" is not a number' }],
    ["score outside [0, 1]", "label,score\n1,0.5\n0,1.2\n", {}, "invalid_rows", { row: 3, column: "score", message: '"1.2" is outside [0, 1]' }],
    ["third label value", "label,score\ncat,0.5\ndog,0.4\nbird,0.3\n", { positive: "cat" }, "invalid_rows", { row: 4, column: "label", message: '"bird" is a third label value (the column already has "cat" and "dog")' }],
    ["missing column", "label,score\n1,0.5\n", { score: "probability" }, "missing_column", { column: "probability", message: 'the score column "probability" is not in the file' }],
    ["unterminated quote", 'id,label,score\na,1,0.5\n"b,0,0.4\nc,1,0.3\n', {}, "invalid_csv", { row: 3, message: "a quoted field is never closed (unterminated quote)" }],
    ["no positive for string labels", "label,score\nspam,0.9\nham,0.1\n", {}, "positive_label_required", { column: "label", message: "label values found: spam, ham" }],
    ["bad timestamp", "label,score,timestamp\n1,0.5,2026-11-02\n0,0.4,next tuesday\n", {}, "invalid_rows", { row: 3, column: "timestamp", message: '"next tuesday" is not an ISO 8601 date or a Unix time' }],
    ["wrong number of fields", "label,score\n1,0.5\n0,0.4,extra\n", {}, "invalid_rows", { row: 3, message: "has 3 fields, the header has 2" }],
    ["a failure at the last row of many", `label,score\n${many}\n1,oops\n`, {}, "invalid_rows", { row: 3002, column: "score", message: '"oops" is not a number' }],
  ])("%s", async (_name, csv, params, code, detail) => {
    const before = (await tableCounts(database));
    const { status, body } = await postCsv(baseUrl, csv, params as Record<string, string>);
    expect(status).toBe(400);
    expect(body.error?.code).toBe(code);
    expect(body.error?.details?.[0]).toEqual(detail);
    expect((await tableCounts(database))).toEqual(before);
  });

  test("an empty file", async () => {
    const before = (await tableCounts(database));
    const response = await fetch(`${baseUrl}/api/datasets`, { method: "POST", headers: { "content-type": "text/csv" }, body: "" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("empty_file");
    expect((await tableCounts(database))).toEqual(before);
  });

  test("a header without rows", async () => {
    const { status, body } = await postCsv(baseUrl, "label,score\n");
    expect([status, body.error?.code, body.error?.message]).toEqual([400, "no_rows", "the file has a header but no data rows"]);
  });

  test("the first ten problems are listed", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `1,${i + 2}`).join("\n");
    const { body } = await postCsv(baseUrl, `label,score\n${rows}\n`);
    expect(body.error?.details).toHaveLength(10);
    expect(body.error?.details?.[9]).toEqual({ row: 11, column: "score", message: '"11" is outside [0, 1]' });
  });

  test("a corrupt gzip", async () => {
    const { gzipSync } = await import("node:zlib");
    const gz = gzipSync("label,score\n" + "1,0.5\n0,0.2\n".repeat(500));
    const { status, body } = await postCsv(baseUrl, gz.subarray(0, gz.length - 20), {}, "application/gzip");
    expect([status, body.error?.code]).toEqual([400, "invalid_gzip"]);
  });
});

describe("bad requests", () => {
  test("an unsupported content type is a 415", async () => {
    const response = await fetch(`${baseUrl}/api/datasets`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(response.status).toBe(415);
  });

  test("a form without a file field", async () => {
    const form = new FormData();
    form.append("name", "x");
    const response = await fetch(`${baseUrl}/api/datasets`, { method: "POST", body: form });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("missing_file");
  });

  test("an announced size over MAX_UPLOAD_BYTES is a 413 before any byte is read", async () => {
    const url = new URL(`${baseUrl}/api/datasets`);
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "text/csv", "content-length": String(3 * 1024 ** 3) } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      request.on("error", reject);
      request.write("label,score\n1,0.5\n");
    });
    expect(status).toBe(413);
  });
});
