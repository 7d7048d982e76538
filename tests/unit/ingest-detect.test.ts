import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isGzip, sniffDelimiter, stripBom } from "@/lib/ingest/detect";
import { readScore, readTimestamp, jsonStringArray } from "@/lib/ingest/cells";
import { LabelReader, knownCoding } from "@/lib/ingest/labels";
import { previewCsv, appendPreview, APPEND_PREVIEW_LINES } from "@/lib/ingest/preview";
import { detectMapping, resolveMapping } from "@/lib/ingest/roles";
import { IngestError } from "@/lib/ingest/errors";
import { UNLABELED } from "@/lib/ingest/types";
import { thrownBy } from "../support/thrown";

describe("sniffDelimiter", () => {
  test.each([
    ["comma", "a,b,c\n1,2,3\n4,5,6\n", ","],
    ["semicolon with decimal commas", "a;b;c\n1,5;2,5;3\n4;5;6\n", ";"],
    ["tab", "a\tb\tc\n1\t2\t3\n", "\t"],
    ["comma inside quotes does not count", 'a;b\n"x,y,z";1\n"p,q";2\n', ";"],
    ["single column", "score\n0.5\n", ","],
    ["CRLF", "a;b\r\n1;2\r\n", ";"],
  ])("%s", (_name, text, expected) => {
    expect(sniffDelimiter(text)).toBe(expected);
  });
});

test("gzip magic bytes and BOM", () => {
  expect(isGzip(new Uint8Array([0x1f, 0x8b, 8]))).toBe(true);
  expect(isGzip(new TextEncoder().encode("label,score"))).toBe(false);
  expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
  expect(stripBom("\ufeffa,b")).toBe("a,b");
  expect(stripBom("a,b")).toBe("a,b");
});

describe("readScore", () => {
  test.each([
    ["0.25", 0.25],
    ["0", 0],
    ["-0", 0],
    ["1", 1],
    [" 0.5 ", 0.5],
    ["1e-3", 0.001],
    ["abc", '"abc" is not a number'],
    ["1.5", '"1.5" is outside [0, 1]'],
    ["-0.1", '"-0.1" is outside [0, 1]'],
    ["", "the score is empty"],
    ["NaN", '"NaN" is not a number'],
  ])("%j → %j", (cell, expected) => {
    expect(readScore(cell)).toBe(expected);
  });

  test("plain decimals (read digit by digit) are exactly what Number() reads", () => {
    const decimal = fc
      .tuple(fc.stringMatching(/^[0-9]{0,9}$/), fc.boolean(), fc.stringMatching(/^[0-9]{0,9}$/))
      .map(([whole, point, fraction]) => (point ? `${whole}.${fraction}` : whole));
    fc.assert(
      fc.property(fc.oneof(decimal, fc.double({ min: 0, max: 1, noNaN: true }).map(String)), (cell) => {
        const x = Number(cell);
        const expected = cell.trim() === "" ? "the score is empty" : Number.isNaN(x) ? `${JSON.stringify(cell)} is not a number` : x > 1 ? `${JSON.stringify(cell)} is outside [0, 1]` : x;
        expect(readScore(cell)).toBe(expected);
      }),
      { numRuns: 20_000, seed: 20261127 },
    );
  });
});

describe("readTimestamp", () => {
  test.each([
    ["2026-11-02T10:00:00Z", Date.UTC(2026, 10, 2, 10)],
    ["2026-11-02T10:00:00", Date.UTC(2026, 10, 2, 10)],
    ["2026-11-02 10:00", Date.UTC(2026, 10, 2, 10)],
    ["2026-11-02T10:00:00.250Z", Date.UTC(2026, 10, 2, 10, 0, 0, 250)],
    ["2026-11-02T12:00:00+02:00", Date.UTC(2026, 10, 2, 10)],
    ["2026-11-02T05:00:00-0500", Date.UTC(2026, 10, 2, 10)],
    ["2026-11-02", Date.UTC(2026, 10, 2)],
    ["1793613600", Date.UTC(2026, 10, 2, 10)],
    ["1793613600000", Date.UTC(2026, 10, 2, 10)],
    ["1793613600.5", Date.UTC(2026, 10, 2, 10) + 500],
    ["", null],
    ["yesterday", '"yesterday" is not an ISO 8601 date or a Unix time'],
    ["2026-13-45", '"2026-13-45" is not an ISO 8601 date or a Unix time'],
  ])("%j → %j", (cell, expected) => {
    expect(readTimestamp(cell)).toBe(expected);
  });

  test("canonical UTC instants (read digit by digit) are exactly what Date.parse reads, impossible dates included", () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
    const canonical = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), two(13), two(32), two(25), two(61), two(61), fc.constantFrom("", ".", ".5", ".05", ".123", ".999"))
      .map(([y, mo, d, h, mi, s, fraction]) => `${String(y).padStart(4, "0")}-${mo}-${d}T${h}:${mi}:${s}${fraction}Z`);
    const instants = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }).map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.oneof(canonical, instants), (cell) => {
        const parsed = Date.parse(cell);
        expect(readTimestamp(cell)).toBe(Number.isNaN(parsed) ? `${JSON.stringify(cell)} is not an ISO 8601 date or a Unix time` : parsed);
      }),
      { numRuns: 20_000, seed: 20261127 },
    );
  });
});

test("jsonStringArray escapes only what JSON needs", () => {
  const values = ["plain", 'with "quote"', "back\\slash", "new\nline", "é ünïcode"];
  expect(JSON.parse(jsonStringArray(values))).toEqual(values);
  expect(jsonStringArray(["a", "b"])).toBe('["a","b"]');
});

describe("labels", () => {
  test.each([
    [["1", "0", "1.0", "0.0"], ["1", "0"]],
    [["True", "FALSE"], ["true", "false"]],
    [["yes", "No"], ["yes", "no"]],
    [["spam", "ham"], null],
  ])("coding of %j", (values, expected) => {
    expect(knownCoding(values)).toEqual(expected);
  });

  test("a well-known coding, empty cells unlabelled, anything else a problem", () => {
    const r = new LabelReader("is_fraud", ["0", "1"], undefined);
    expect([r.read("1"), r.read("0"), r.read(" 1.0 "), r.read(""), r.read("2")]).toEqual([1, 0, 1, UNLABELED, '"2" is not a label of this column (expected 1 or 0)']);
    expect(r.labelValues()).toEqual({ positiveLabel: "1", negativeLabel: "0" });
  });

  test("strings need the positive value; a third value is a problem", () => {
    expect(() => new LabelReader("label", ["spam", "ham"], undefined)).toThrow(IngestError);
    const error = thrownBy(() => new LabelReader("label", ["spam", "ham", "spam"], undefined)) as IngestError;
    expect(error.code).toBe("positive_label_required");
    expect(error.message).toContain('"spam", "ham"');
    const r = new LabelReader("label", ["ham", "spam"], "spam");
    expect([r.read("ham"), r.read("spam"), r.read("eggs")]).toEqual([0, 1, '"eggs" is a third label value (the column already has "spam" and "ham")']);
    expect(r.labelValues()).toEqual({ positiveLabel: "spam", negativeLabel: "ham" });
  });

  test("positive may invert a 0/1 column", () => {
    const r = new LabelReader("y", ["0", "1"], "0");
    expect([r.read("0"), r.read("1")]).toEqual([1, 0]);
  });
});

describe("role detection", () => {
  const demo = previewCsv(
    "transaction_id,timestamp,amount,merchant_category,country,is_fraud,fraud_probability\n" +
      Array.from({ length: 40 }, (_, i) => `tx-${i},2026-11-02T00:00:${String(i).padStart(2, "0")}Z,${(i * 3.7).toFixed(2)},${["grocery", "travel", "fuel"][i % 3]},${["US", "GB"][i % 2]},${i % 7 === 0 ? 1 : 0},${(i / 40).toFixed(4)}`).join("\n") +
      "\n",
    true,
  );

  test("the demo's columns get their roles from names and contents", () => {
    expect(demo.mapping).toEqual({
      label: "is_fraud",
      score: "fraud_probability",
      id: "transaction_id",
      timestamp: "timestamp",
      text: null,
      image: null,
      slices: ["merchant_category", "country"],
      extras: ["amount"],
      columns: ["transaction_id", "timestamp", "amount", "merchant_category", "country", "is_fraud", "fraud_probability"],
    });
    expect(demo.labelValues).toEqual(["0", "1"]);
    expect(demo.rows).toHaveLength(40);
  });

  test.each([
    [["y_true", "y_score"], ["1", "0.3"], { label: "y_true", score: "y_score" }],
    [["target", "prob_1"], ["0", "0.9"], { label: "target", score: "prob_1" }],
    [["class", "pred"], ["spam", "0.1"], { label: "class", score: "pred" }],
    [["outcome", "p_positive_probability"], ["true", "0.2"], { label: "outcome", score: "p_positive_probability" }],
    [["flag", "value"], ["1", "0.25"], { label: "flag", score: "value" }], // by content: two values 0/1, numbers in [0, 1]
  ])("names %j", (columns, row, expected) => {
    const rows = Array.from({ length: 8 }, (_, i) => [i % 2 ? row[0] : row[0] === "1" ? "0" : row[0] === "0" ? "1" : row[0] === "true" ? "false" : "ham", row[1]]);
    const m = detectMapping(columns, rows);
    expect({ label: m.label, score: m.score }).toEqual(expected);
  });

  test("text, image URLs, and explicit choices", () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`m${i}`, `this is a fairly long message number ${i} with words`, `https://img.example.com/${i}.png`, String(i % 2), "0.5"]);
    const m = detectMapping(["message_id", "body", "picture", "label", "score"], rows);
    expect([m.id, m.text, m.image]).toEqual(["message_id", "body", "picture"]);
    const chosen = detectMapping(["message_id", "body", "picture", "label", "score"], rows, { text: "", image: "", slice: [] });
    expect([chosen.text, chosen.image, chosen.slices, chosen.extras]).toEqual([null, null, [], ["body", "picture"]]);
  });

  test("a column named but missing is an error listing the columns", () => {
    expect(() => resolveMapping(["a", "b"], [], { label: "a", score: "nope" })).toThrow('the score column "nope" is not in the file (the columns are "a", "b")');
  });
});

test("preview of an empty file", () => {
  expect(() => previewCsv("", true)).toThrow("the file is empty");
  expect(() => previewCsv("\ufeff\n", true)).toThrow("the file is empty");
});

describe("an append's preview reads the first lines only", () => {
  const lines = (n: number, header = "id;score;label") => [header, ...Array.from({ length: n }, (_, i) => `ex-${i};0.${i % 10};${i % 2}`)].join("\n") + "\n";
  test("the same delimiter and columns as the full preview, from at most APPEND_PREVIEW_LINES lines", () => {
    const sample = lines(1000);
    const full = previewCsv(sample, true);
    const head = appendPreview(sample, true);
    expect({ delimiter: head.delimiter, columns: head.columns }).toEqual({ delimiter: full.delimiter, columns: full.columns });
    expect(head.delimiter).toBe(";");
    expect(head.rows.length).toBeLessThan(APPEND_PREVIEW_LINES);
    expect(full.rows.length).toBe(1000);
  });
  test("a short body and a quoted header get the full preview", () => {
    expect(appendPreview(lines(10), true)).toEqual(previewCsv(lines(10), true));
    const quoted = lines(500, '"id";"score";"label"');
    expect(appendPreview(quoted, true)).toEqual(previewCsv(quoted, true));
  });
});
