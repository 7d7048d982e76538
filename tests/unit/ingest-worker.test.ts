import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { IngestError, MAX_PROBLEMS, SAMPLE_BYTES, WORKER_FROM_BYTES, ingestCsv, type IngestOptions } from "@/lib/ingest";
import { startParseWorker } from "@/lib/ingest/parse-host";
import { MemorySink } from "../support/memory-sink";

const ROWS = 30_000;
const START = Date.UTC(2026, 10, 2);
const COUNTRIES = ["FR", "US", "JP"];

/**
 * Data row `i` (spreadsheet row i + 2): every 50th has a quoted text with a delimiter, doubled
 * quotes, a line break and multibyte characters; every 11th has no label and every 13th no id.
 */
function dataLine(i: number, eol = "\n"): string {
  const id = i % 13 === 0 ? "" : `ex-${i}`;
  const label = i % 11 === 0 ? "" : i % 7 === 0 ? "1" : "0";
  const text = i % 50 === 0 ? `"café, ""日本""${eol}line 2 🎉 ${i}"` : `text ${i}`;
  return `${id},${new Date(START + i * 1000).toISOString()},${text},${COUNTRIES[i % 3]},${label},${((i * 37) % 1000) / 1000}${eol}`;
}
const HEADER = "id,timestamp,text,country,label,score";
const MAPPING = { id: "id", timestamp: "timestamp", text: "text", label: "label", score: "score", slice: ["country"] };
const bigCsv = (rows = ROWS, eol = "\n", tail = "") => `${HEADER}${eol}${Array.from({ length: rows }, (_, i) => dataLine(i, eol)).join("")}${tail}`;

/** Uneven chunks (like a network), so records, CRLFs and UTF-8 characters straddle them. */
async function* chunked(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  const sizes = [1, 4093, 65_536, 7, 31_111];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length];
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function ingest(csv: string | Uint8Array, options: IngestOptions = {}) {
  const sink = new MemorySink();
  const bytes = typeof csv === "string" ? new TextEncoder().encode(csv) : csv;
  const outcome = await ingestCsv(chunked(bytes), { ...MAPPING, ...options }, sink).then(
    (result) => ({ result, error: null }),
    (error: unknown) => ({ result: null, error }),
  );
  return { sink, ...outcome };
}

const expectedPositives = Array.from({ length: ROWS }, (_, i) => i % 11 !== 0 && i % 7 === 0).filter(Boolean).length;
const expectedUnlabeled = Math.ceil(ROWS / 11);

test("a body that fits in the sample goes to the worker from WORKER_FROM_BYTES (an append of a thousand rows), a smaller one is parsed here; both alike", async () => {
  const thousand = bigCsv(1000);
  const bytes = new TextEncoder().encode(thousand).length;
  expect(bytes).toBeGreaterThan(WORKER_FROM_BYTES);
  expect(bytes).toBeLessThan(SAMPLE_BYTES);
  const there = await ingest(thousand);
  const here = await ingest(thousand, { worker: false });
  expect(there.result?.parsedIn).toBe("worker");
  expect(there.sink.rows).toEqual(here.sink.rows);
  expect(there.result).toMatchObject({ rows: 1000, positives: here.result!.positives, negatives: here.result!.negatives, unlabeled: here.result!.unlabeled });
  const small = await ingest(bigCsv(100));
  expect(small.result?.parsedIn).toBe("thread");
  expect(small.result?.rows).toBe(100);
});

describe("a file larger than the sample is parsed in a worker thread", () => {
  test("vitest runs the worker from source through tsx", async () => {
    const worker = await startParseWorker();
    expect(worker).not.toBeNull();
    await worker?.terminate();
  });

  test("worker and in-thread parsing give the same rows, counts and label values", async () => {
    const csv = bigCsv();
    expect(new TextEncoder().encode(csv).length).toBeGreaterThan(4 * SAMPLE_BYTES);
    const inWorker = await ingest(csv);
    const inThread = await ingest(csv, { worker: false });
    expect(inWorker.result?.parsedIn).toBe("worker");
    expect(inThread.result?.parsedIn).toBe("thread");
    expect(inWorker.sink.state).toBe("committed");
    expect(inWorker.sink.checkedScores).toBe(true);
    expect(inWorker.result).toMatchObject({ rows: ROWS, positives: expectedPositives, negatives: ROWS - expectedPositives - expectedUnlabeled, unlabeled: expectedUnlabeled, positiveLabel: "1", negativeLabel: "0" });
    expect(inWorker.sink.rows).toEqual(inThread.sink.rows);
    expect(inWorker.sink.rows[50]).toEqual({
      row: 52, label: 0, score: 0.85, exampleId: "ex-50", timestamp: START + 50_000, text: 'café, "日本"\nline 2 🎉 50', image: null, slices: '["JP"]', extras: null,
    });
    expect(inWorker.sink.rows[ROWS - 1]).toEqual({
      row: ROWS + 1, label: 0, score: ((ROWS - 1) * 37 % 1000) / 1000, exampleId: `ex-${ROWS - 1}`, timestamp: START + (ROWS - 1) * 1000, text: `text ${ROWS - 1}`, image: null, slices: '["JP"]', extras: null,
    });
    expect(inWorker.sink.rows[0]).toMatchObject({ row: 2, exampleId: null, label: 255 });
  });

  test.each([true, false])("segments of segmentRows rows are handed to the sink as they complete (worker: %s), each after its rows", async (worker) => {
    const { result, sink } = await ingest(bigCsv(), { segmentRows: 7000, worker });
    expect(result).toMatchObject({ rows: ROWS, parsedIn: worker ? "worker" : "thread" });
    // 30,000 rows: four complete segments on the way, the last 2,000 rows with finish().
    expect(sink.segments.map((s) => s.part.segment.offsets.length)).toEqual([7000, 7000, 7000, 7000]);
    expect(sink.checkedScores).toBe(true);
  });

  test.each([
    ["CRLF", bigCsv(ROWS, "\r\n"), 'café, "日本"\r\nline 2 🎉 50'],
    ["BOM", "\ufeff" + bigCsv(), 'café, "日本"\nline 2 🎉 50'],
    ["semicolons", bigCsv().replaceAll(",", ";"), 'café; "日本"\nline 2 🎉 50'],
  ])("%s: every row, text with line breaks kept", async (_name, csv, text) => {
    const { result, sink } = await ingest(csv);
    expect(result).toMatchObject({ rows: ROWS, positives: expectedPositives, parsedIn: "worker" });
    expect(sink.rows[50]).toMatchObject({ row: 52, exampleId: "ex-50", text, slices: '["JP"]' });
    expect(sink.rows[ROWS - 1]).toMatchObject({ row: ROWS + 1, exampleId: `ex-${ROWS - 1}`, timestamp: START + (ROWS - 1) * 1000 });
  });

  test("one chunk of the whole file: decoded 64 KB at a time, characters split between pieces", async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `ex-${i},2026-11-02T00:00:00Z,日本語のテキスト ✓ ${i},FR,${i % 2},0.5\n`);
    const bytes = new TextEncoder().encode(`${HEADER}\n${lines.join("")}`);
    const sink = new MemorySink();
    const result = await ingestCsv((async function* () { yield bytes; })(), MAPPING, sink);
    expect(result).toMatchObject({ rows: 20_000, parsedIn: "worker" });
    expect(sink.rows.every((r, i) => r.text === `日本語のテキスト ✓ ${i}`)).toBe(true);
  });

  test("a UTF-8 character split between two chunks is read whole; a truncated one is refused with its row and column", async () => {
    const encoder = new TextEncoder();
    const head = encoder.encode(`${HEADER}\n${Array.from({ length: 5000 }, (_, i) => dataLine(i)).join("")}ex-x,2026-11-02T00:00:00Z,"bad `);
    const first = new Uint8Array([...head, 0xe6, 0x97]);
    const whole = new MemorySink();
    const split = await ingestCsv((async function* () { yield first; yield new Uint8Array([0xa5, ...encoder.encode(`tail",FR,1,0.5\n${dataLine(5001)}`)]); })(), MAPPING, whole);
    expect(split.parsedIn).toBe("worker");
    expect(whole.rows[5000].text).toBe("bad 日tail");
    const sink = new MemorySink();
    const error = await ingestCsv((async function* () { yield first; yield encoder.encode(`tail",FR,1,0.5\n${dataLine(5001)}`); })(), MAPPING, sink).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_encoding", details: [{ row: 5002, column: "text", message: "the cell is not valid UTF-8 (byte 0xE6): if the file is not UTF-8, name its encoding (encoding=windows-1252 or latin1)" }] });
    expect(sink.state).toBe("aborted");
  });

  test("a gzip file of the same rows", async () => {
    const { result, sink } = await ingest(gzipSync(bigCsv()));
    expect(result).toMatchObject({ rows: ROWS, compressed: true, parsedIn: "worker" });
    expect(sink.rows[50].text).toBe('café, "日本"\nline 2 🎉 50');
  });

  test("string labels with the positive value chosen", async () => {
    const csv = bigCsv().replace(/,([01]),(\d|0\.\d+)\n/g, (_m, l: string, s: string) => `,${l === "1" ? "spam" : "ham"},${s}\n`);
    const { result } = await ingest(csv, { positive: "spam" });
    expect(result).toMatchObject({ rows: ROWS, positives: expectedPositives, positiveLabel: "spam", negativeLabel: "ham", parsedIn: "worker" });
  });

  test("a bad score far into the file: its row and column, and the sink rolled back", async () => {
    const { error, sink } = await ingest(bigCsv(ROWS, "\n", ",2026-11-03T00:00:00Z,late,FR,1,abc\n"));
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe("invalid_rows");
    expect((error as IngestError).details).toEqual([{ row: ROWS + 2, column: "score", message: '"abc" is not a number' }]);
    expect((error as IngestError).message).toBe(`row ${ROWS + 2}, column "score": "abc" is not a number`);
    expect(sink.state).toBe("aborted");
  });

  test("many bad rows: the first MAX_PROBLEMS, in file order", async () => {
    const bad = Array.from({ length: 50 }, (_, k) => `x,2026-11-03T00:00:00Z,t,FR,${k % 2 ? "maybe" : "1"},0.5\n`).join("");
    const { error, sink } = await ingest(bigCsv(ROWS, "\n", bad));
    const details = (error as IngestError).details;
    expect(details).toHaveLength(MAX_PROBLEMS);
    expect(details[0]).toEqual({ row: ROWS + 3, column: "label", message: '"maybe" is not a label of this column (expected 1 or 0)' });
    expect(details.map((d) => d.row)).toEqual(Array.from({ length: MAX_PROBLEMS }, (_, k) => ROWS + 3 + 2 * k));
    expect((error as IngestError).message).toMatch(/\(and 9 more problems at least\)$/);
    expect(sink.state).toBe("aborted");
  });

  test("an unterminated quote far into the file", async () => {
    const { error, sink } = await ingest(bigCsv(ROWS, "\n", 'x,2026-11-03T00:00:00Z,"never closed,FR,1,0.5\n'));
    expect((error as IngestError).code).toBe("invalid_csv");
    expect((error as IngestError).details).toEqual([{ row: ROWS + 2, message: "a quoted field is never closed (unterminated quote)" }]);
    expect(sink.state).toBe("aborted");
  });

  test("the upload limit stops reading with upload_too_large", async () => {
    const { error, sink } = await ingest(bigCsv(), { maxBytes: 3 * SAMPLE_BYTES });
    expect((error as IngestError).code).toBe("upload_too_large");
    expect(sink.state).toBe("aborted");
  });

  test("progress: rows every 16,384 rows, then the total before finishing", async () => {
    const reports: { phase: string; rows: number }[] = [];
    await ingest(bigCsv(), { onProgress: ({ phase, rows }) => reports.push({ phase, rows }) });
    expect(reports).toEqual([
      { phase: "reading", rows: 0 },
      { phase: "reading", rows: 16_384 },
      { phase: "finishing", rows: ROWS },
    ]);
  });
});
