import { crc32 } from "node:zlib";
import { describe, expect, inject, test } from "vitest";
import { postCsv, tableCounts } from "../support/ingest-client";
import { watchHealth } from "../support/health-watch";
import { buildZip, type ZipEntrySpec } from "../support/zip-builder";

// Hostile and corrupt .zip uploads (issue 18, items 1 and 2): each is refused with a short 400
// naming what is wrong, the database is left as it was, and the server keeps answering.
const baseUrl = inject("baseUrl");
const database = inject("database");

type ErrorAnswer = { error?: { code: string; message: string; details?: { row?: number; column?: string; message: string }[] } };

async function postZip(zip: Uint8Array, query = "") {
  const response = await fetch(`${baseUrl}/api/datasets/zip?filename=upload.zip${query}`, { method: "POST", headers: { "content-type": "application/zip" }, body: zip as BodyInit });
  const text = await response.text();
  return { status: response.status, size: Buffer.byteLength(text), body: JSON.parse(text) as Record<string, unknown> & ErrorAnswer };
}

const rowsCsv = (n: number) => "label,score\n" + Array.from({ length: n }, (_, i) => `${i % 2},0.${i % 10}\n`).join("");
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe("a zip of 64 MB of NUL bytes", () => {
  test("is refused at once with a short 400 while the server keeps answering", async () => {
    const before = (await tableCounts(database));
    const zip = buildZip([{ name: "nul.csv", data: new Uint8Array(64 * 2 ** 20) }]);
    expect(zip.length).toBeLessThan(100_000);
    const health = watchHealth(baseUrl);
    const start = performance.now();
    const answer = await postZip(zip);
    const elapsed = performance.now() - start;
    const { maxMs } = await health.stop();
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe("invalid_header");
    expect(answer.body.error?.message).toBe("row 1: the header holds a NUL byte (0x00): this is a binary file, not a CSV");
    expect(answer.size).toBeLessThan(4096);
    expect(elapsed).toBeLessThan(2000);
    expect(maxMs, `slowest /api/health: ${maxMs} ms`).toBeLessThan(400);
    expect((await tableCounts(database))).toEqual(before);
  });
});

describe("no error body is over a few KB, whatever the file echoes", () => {
  const huge = "x".repeat(8 * 2 ** 20);
  test.each([
    ["ten giant label values (third label value)", `label,score\ncat,0.5\ndog,0.5\n${`${huge},0.5\n`.repeat(10)}`, "&positive=cat", "invalid_rows"],
    ["giant label values to choose from (in the sample)", `label,score\n${"x".repeat(100_000)}a,0.5\n${"x".repeat(100_000)}b,0.5\n`, "", "positive_label_required"],
    ["giant label values past the sample", `label,score\n${huge}a,0.5\n${huge}b,0.5\n`, "", "invalid_rows"],
    ["giant column names", `${"a".repeat(400_000)},${"b".repeat(400_000)}\n1,0.5\n`, "", "invalid_header"],
    ["a giant score cell", `label,score\n1,${"9".repeat(2 ** 20)}\n`, "", "invalid_rows"],
  ])("%s", async (_name, csv, query, code) => {
    const answer = await postZip(buildZip([{ name: "big.csv", data: csv }]), query);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe(code);
    expect(answer.size).toBeLessThan(4096);
  });
});

describe("corrupt archives are refused with a 400 naming the problem, nothing imported", () => {
  const csv = rowsCsv(10_000);
  const honest = (extra: Partial<ZipEntrySpec> = {}): ZipEntrySpec => ({ name: "eval.csv", data: csv, ...extra });
  test.each([
    ["a header declaring 100 unpacked bytes for 10,000 rows", [honest({ size: 100 })], "corrupt_zip", /eval\.csv unpacks to more than the 100 bytes its header declares/],
    ["a declared size larger than the data", [honest({ size: csv.length + 5 })], "corrupt_zip", /eval\.csv unpacks to \d+ bytes, not the \d+ its header declares/],
    ["a wrong CRC-32", [honest({ crc: (crc32(csv) ^ 1) >>> 0 })], "corrupt_zip", /eval\.csv fails its CRC-32 check/],
    ["a stored entry with a wrong CRC-32", [honest({ method: 0, crc: 12345 })], "corrupt_zip", /eval\.csv fails its CRC-32 check/],
    ["an encrypted entry", [honest({ flags: 0x801 })], "encrypted_zip", /eval\.csv is encrypted/],
    ["a data descriptor that disagrees with the central directory", [honest({ dataDescriptor: { crc: 7 } })], "corrupt_zip", /eval\.csv: its data descriptor disagrees with the central directory/],
    ["a local header that disagrees with the central directory", [honest({ local: { size: 99 } })], "corrupt_zip", /eval\.csv: its local header disagrees with the central directory/],
    ["a local header naming another file", [honest({ local: { name: "other.csv" } })], "corrupt_zip", /local header/],
    ["zip64 sizes", [honest({ zip64: true })], "unsupported_zip", /zip64/],
    ["an unsupported compression method (bzip2)", [honest({ method: 12 })], "unsupported_zip", /compression method 12/],
    ["two CSV files", [honest(), { name: "more/second.csv", data: csv }], "several_csv", /2 CSV files/],
    ["two entries of the same name", [{ name: "cat.png", data: PNG }, { name: "cat.png", data: PNG }, honest()], "invalid_zip", /two entries named "cat\.png"/],
    ["an image with a wrong CRC-32", [honest(), { name: "cat.png", data: PNG, crc: 1 }], "corrupt_zip", /cat\.png fails its CRC-32 check/],
    ["an image whose deflated data is cut short", [honest(), { name: "cat.png", data: PNG, compressedSize: 4 }], "corrupt_zip", /cat\.png/],
  ])("%s → %s", async (_name, entries, code, message) => {
    const before = (await tableCounts(database));
    const answer = await postZip(buildZip(entries));
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.error?.code).toBe(code);
    expect(answer.body.error?.message).toMatch(message);
    expect((await tableCounts(database))).toEqual(before);
  });

  test("a truncated archive", async () => {
    const zip = buildZip([honest()]);
    const answer = await postZip(zip.subarray(0, zip.length - 30));
    expect([answer.status, answer.body.error?.code]).toEqual([400, "invalid_zip"]);
  });

  test("the same honest archive imports all 10,000 rows", async () => {
    const answer = await postZip(buildZip([honest(), { name: "readme.txt.bak", data: "ignored" }]));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.rows).toBe(10_000);
  });

  test("a stored (uncompressed) CSV and a data descriptor that agrees import too", async () => {
    expect((await postZip(buildZip([honest({ method: 0 })]))).body.rows).toBe(10_000);
    expect((await postZip(buildZip([honest({ dataDescriptor: {} })]))).body.rows).toBe(10_000);
  });
});

describe("a large CSV inside a zip streams through the parse worker", () => {
  const lines: string[] = ["id,label,score,country"];
  for (let i = 0; i < 400_000; i++) lines.push(`tx-${i},${i % 7 === 0 ? 1 : 0},${((i * 7919) % 10_000) / 10_000},${["FR", "DE", "ES"][i % 3]}`);
  const mapping = "&label=label&score=score&id=id";

  test("400,000 rows import whole", async () => {
    const answer = await postZip(buildZip([{ name: "big/eval.csv", data: lines.join("\n") + "\n" }]), mapping);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(201);
    expect(answer.body).toMatchObject({ rows: 400_000, positives: 57_143, negatives: 342_857 });
  });

  // 1.5 million rows (28 MB, a 69 KB zip) with a bad score on row 3: no row is written, so the
  // server's thread only moves bytes while the worker reads the file to the end, as it does for the
  // same file sent as text/csv. Before issue 18 the zip was unzipped in that thread and read whole
  // as the detection sample: /api/health then took 290–510 ms against 70–85 ms for text/csv; now
  // 13–45 ms against 55–76 ms (a 2-core machine shared with other builds). Compared with text/csv in
  // the same run, so that the machine's load cancels out; the best of two runs of each.
  test("the whole file is read off the request's thread: /api/health answers as during a text/csv upload", async () => {
    const csv = "label,score,a,b,c,d,e,f\n1,0.5,a,b,c,d,e,f\n1,2,a,b,c,d,e,f\n" + "0,0.25,a,b,c,d,e,f\n".repeat(1_500_000);
    const zip = buildZip([{ name: "eval.csv", data: csv }]);
    const slowest: Record<"zip" | "csv", number[]> = { zip: [], csv: [] };
    for (let run = 0; run < 2; run++) {
      for (const kind of ["zip", "csv"] as const) {
        const health = watchHealth(baseUrl);
        const answer = kind === "zip" ? await postZip(zip) : await postCsv(baseUrl, csv);
        slowest[kind].push((await health.stop()).maxMs);
        expect(answer.status).toBe(400);
        expect(answer.body.error?.details).toEqual([{ row: 3, column: "score", message: '"2" is outside [0, 1]' }]);
      }
    }
    expect(Math.min(...slowest.zip), `slowest /api/health (ms): ${JSON.stringify(slowest)}`).toBeLessThan(Math.max(...slowest.csv) + 100);
  });
});
