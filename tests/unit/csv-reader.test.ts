import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { expect, test } from "vitest";
import { CsvRecordReader, CsvSyntaxError } from "@/lib/ingest/csv-reader";
import { thrownBy } from "../support/thrown";

function readAll(text: string, delimiter: "," | ";" | "\t", cuts: number[] = []): string[][] {
  const out: string[][] = [];
  const reader = new CsvRecordReader(delimiter, (fields) => out.push(fields));
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.push(text.slice(at, cut));
    at = cut;
  }
  reader.push(text.slice(at));
  reader.end();
  return out;
}

const field = fc.stringMatching(/^[a-c ,;"\t\r\né]{0,6}$/);
const quoteField = (value: string) => (/[",;\t\r\n]/.test(value) || value === "" ? `"${value.replaceAll('"', '""')}"` : value);

test("reads the same records as csv-parse, however the text is cut into chunks", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(",", ";", "\t"),
      fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
      fc.constantFrom("\n", "\r\n"),
      fc.boolean(),
      fc.array(fc.nat(200), { maxLength: 5 }),
      (delimiter, records, newline, finalNewline, cuts) => {
        const text = records.map((r) => r.map((v) => quoteField(v)).join(delimiter)).join(newline) + (finalNewline ? newline : "");
        const expected = parse(text, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
        expect(readAll(text, delimiter as "," | ";" | "\t", cuts.map((c) => c % (text.length + 1)))).toEqual(expected);
      },
    ),
    { numRuns: 500, seed: 42 },
  );
});

test.each([
  ["plain", "a,b\n1,2\n", [["a", "b"], ["1", "2"]]],
  ["CRLF and no final newline", "a,b\r\n1,2", [["a", "b"], ["1", "2"]]],
  ["BOM", "\ufeffa,b\n1,2\n", [["a", "b"], ["1", "2"]]],
  ["quoted delimiter, quote, newline", 'x,y\n"1,5","say ""hi""\nthere"\n', [["x", "y"], ["1,5", 'say "hi"\nthere']]],
  ["blank line", "a\n\nb\n", [["a"], [""], ["b"]]],
  ["quote inside an unquoted field", 'a,b\n5" screen,1\n', [["a", "b"], ['5" screen', "1"]]],
  ["empty quoted field at the end", 'a,b\n1,""\n', [["a", "b"], ["1", ""]]],
])("%s", (_name, text, expected) => {
  expect(readAll(text, ",")).toEqual(expected);
  expect(readAll(text, ",", [1, 3, 5, 8, 13])).toEqual(expected);
});

test("an unterminated quote names its record", () => {
  const error = thrownBy(() => readAll('a,b\n1,2\n"3,4\n5,6\n', ","));
  expect(error).toBeInstanceOf(CsvSyntaxError);
  expect((error as CsvSyntaxError).record).toBe(3);
  expect((error as CsvSyntaxError).reason).toBe("unterminated_quote");
});

test("text after a closing quote is an error", () => {
  expect(() => readAll('a,b\n"1"x,2\n', ",")).toThrow("a closing quote is followed by other characters");
});

test("a runaway quote stops at the record limit instead of holding the rest of the file", () => {
  const reader = new CsvRecordReader(",", () => undefined);
  reader.push('a,b\n1,2\n"3,4\n');
  const chunk = "5,6\n".repeat(2 ** 16);
  let error: unknown = null;
  try {
    for (let i = 0; i < 100; i++) reader.push(chunk);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CsvSyntaxError);
  expect((error as CsvSyntaxError).record).toBe(3);
  expect((error as CsvSyntaxError).reason).toBe("record_too_long");
});
