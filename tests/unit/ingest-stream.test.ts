import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { IngestError, ingestCsv, textChunks } from "@/lib/ingest";
import { MemorySink } from "../support/memory-sink";

/** The text as a stream of small chunks, to cross chunk boundaries everywhere. */
async function* chunked(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
const bytesOf = (text: string) => new TextEncoder().encode(text);

async function run(text: string | Uint8Array, options = {}) {
  const sink = new MemorySink();
  const result = await ingestCsv(chunked(typeof text === "string" ? bytesOf(text) : text), options, sink);
  return { sink, result };
}

async function failure(text: string | Uint8Array, options = {}) {
  const sink = new MemorySink();
  const error = await ingestCsv(chunked(typeof text === "string" ? bytesOf(text) : text), options, sink).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  expect(sink.state === "new" || sink.state === "aborted").toBe(true);
  return error as IngestError;
}

describe("format variants give the same rows", () => {
  const plain = "id,label,score\na,1,0.9\nb,0,0.2\nc,1,0.6\n";
  test.each([
    ["LF", plain],
    ["CRLF", plain.replaceAll("\n", "\r\n")],
    ["BOM", "\ufeff" + plain],
    ["semicolon", plain.replaceAll(",", ";")],
    ["tab", plain.replaceAll(",", "\t")],
    ["no final newline", plain.trimEnd()],
    ["blank line", plain + "\n"],
  ])("%s", async (_name, text) => {
    const { sink, result } = await run(text);
    expect(sink.state).toBe("committed");
    expect(sink.checkedScores).toBe(true);
    expect(sink.rows.map((r) => [r.row, r.exampleId, r.label, r.score])).toEqual([
      [2, "a", 1, 0.9],
      [3, "b", 0, 0.2],
      [4, "c", 1, 0.6],
    ]);
    expect([result.rows, result.positives, result.negatives]).toEqual([3, 2, 1]);
  });

  test("gzip", async () => {
    const { sink, result } = await run(gzipSync(bytesOf(plain)));
    expect(result.compressed).toBe(true);
    expect(sink.rows).toHaveLength(3);
  });
});

test("quoted fields with delimiters, quotes and newlines keep their text; rows count records", async () => {
  const text = 'id,text,label,score\nm1,"hello, world",ham,0.1\nm2,"she said ""hi""",spam,0.8\nm3,"two\nlines",ham,0.3\nm4,plain,spam,0.7\n';
  const { sink, result } = await run(text, { positive: "spam" });
  expect(sink.rows.map((r) => [r.row, r.text, r.label])).toEqual([
    [2, "hello, world", 0],
    [3, 'she said "hi"', 1],
    [4, "two\nlines", 0],
    [5, "plain", 1],
  ]);
  expect([result.positiveLabel, result.negativeLabel]).toEqual(["spam", "ham"]);
});

test("slices and extras are kept as JSON arrays; timestamps in any form become UTC ms", async () => {
  const rows = Array.from({ length: 12 }, (_, i) => `${i},${i % 2},0.${i + 10},${["US", "GB", "DE"][i % 3]},${i * 10}.5,${["2026-11-02T10:00:00Z", "1793613600", "1793613600000"][i % 3]}`);
  const { sink, result } = await run(`n,is_churn,churn_probability,country,spend,created_at\n${rows.join("\n")}\n`);
  expect(result.mapping.slices).toEqual(["country"]);
  expect(result.mapping.extras).toEqual(["n", "spend"]);
  expect(result.mapping.timestamp).toBe("created_at");
  expect(JSON.parse(sink.rows[1].slices!)).toEqual(["GB"]);
  expect(JSON.parse(sink.rows[1].extras!)).toEqual(["1", "10.5"]);
  expect(new Set(sink.rows.map((r) => r.timestamp))).toEqual(new Set([Date.UTC(2026, 10, 2, 10)]));
});

test("an empty label cell is an unlabelled row", async () => {
  const { sink, result } = await run("label,score\n1,0.9\n,0.5\n0,0.1\n");
  expect(sink.rows.map((r) => r.label)).toEqual([1, 255, 0]);
  expect(result.unlabeled).toBe(1);
});

test("the demo CSV streams through unchanged", async () => {
  const { fraudDemoCsvLines } = await import("@/lib/demo/fraud-demo");
  const sink = new MemorySink();
  const result = await ingestCsv(textChunks(fraudDemoCsvLines({ days: 1, perDay: 500, fraudPerDay: 20, missedPerDay: 1, falseAlarmsPerDay: 12 })), {}, sink);
  expect([result.rows, result.positives, result.negatives]).toEqual([500, 20, 480]);
  expect(result.mapping.label).toBe("is_fraud");
});

describe("errors name the row and column and nothing is committed", () => {
  test.each([
    ["non-numeric score", "label,score\n1,0.5\n0,abc\n", "invalid_rows", 'row 3, column "score": "abc" is not a number'],
    ["score out of range", "label,score\n1,0.5\n0,1.5\n", "invalid_rows", 'row 3, column "score": "1.5" is outside [0, 1]'],
    ["third label value", "label,score\n1,0.5\n0,0.4\n2,0.3\n", "invalid_rows", 'row 4, column "label": "2" is not a label of this column (expected 1 or 0)'],
    ["wrong field count", "label,score\n1,0.5\n0\n", "invalid_rows", "row 3: has 1 field, the header has 2"],
    ["unterminated quote", 'id,label,score\na,1,0.5\n"b,0,0.4\nc,1,0.3\n', "invalid_csv", "row 3: a quoted field is never closed (unterminated quote)"],
    ["empty file", "", "empty_file", "the file is empty"],
    ["header only", "label,score\n", "no_rows", "the file has a header but no data rows"],
    ["bad timestamp", "label,score,timestamp\n1,0.5,2026-11-02\n0,0.4,soon\n", "invalid_rows", 'row 3, column "timestamp": "soon" is not an ISO 8601 date or a Unix time'],
  ])("%s", async (_name, text, code, message) => {
    const error = await failure(text);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  test("stops after ten problems and lists them", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `1,bad${i}`);
    const error = await failure(`label,score\n${rows.join("\n")}\n`);
    expect(error.details).toHaveLength(10);
    expect(error.details[9]).toEqual({ row: 11, column: "score", message: '"bad9" is not a number' });
    expect(error.message).toBe('row 2, column "score": "bad0" is not a number (and 9 more problems at least)');
  });

  test("strings without positive list the values found", async () => {
    const error = await failure("label,score\nspam,0.9\nham,0.1\n");
    expect(error.code).toBe("positive_label_required");
    expect(error.message).toBe('column "label" has the label values "spam", "ham": say which one is the positive class (positive=…)');
  });

  test("a third string value names its row", async () => {
    const error = await failure("label,score\nspam,0.9\nham,0.1\neggs,0.5\n", { positive: "spam" });
    expect(error.message).toBe('row 4, column "label": "eggs" is a third label value (the column already has "spam" and "ham")');
  });

  test("a corrupt gzip", async () => {
    const gz = gzipSync(bytesOf("label,score\n1,0.5\n0,0.2\n".repeat(100)));
    const error = await failure(gz.subarray(0, gz.length - 20));
    expect(error.code).toBe("invalid_gzip");
  });

  test("over the byte limit", async () => {
    const error = await failure("label,score\n" + "1,0.5\n".repeat(1000), { maxBytes: 100 });
    expect(error.code).toBe("upload_too_large");
  });
});

test("UTF-8 characters split across chunks survive", async () => {
  const sink = new MemorySink();
  const text = "id,label,score,city\nå,1,0.9,Zürich\nß,0,0.1,Łódź 🚀\n";
  await ingestCsv(chunked(bytesOf(text), 1), {}, sink);
  expect(sink.rows.map((r) => [r.exampleId, JSON.parse(r.slices!)])).toEqual([
    ["å", ["Zürich"]],
    ["ß", ["Łódź 🚀"]],
  ]);
});
