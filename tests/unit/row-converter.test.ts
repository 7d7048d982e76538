import { expect, test } from "vitest";
import { LabelReader } from "../../lib/ingest/labels";
import { RowConverter } from "../../lib/ingest/rows";
import { OVERFLOW_CODE, SliceDictionary } from "../../lib/ingest/slice-codes";
import type { ColumnMapping, IngestProblem } from "../../lib/ingest/types";

/** A converter for `label,score,s0,…` with `slices` slice columns, over `dictionary`. */
function converter(slices: number, dictionary: SliceDictionary) {
  const names = Array.from({ length: slices }, (_, c) => `s${c}`);
  const mapping: ColumnMapping = { label: "label", score: "score", id: null, timestamp: null, text: null, image: null, slices: names, extras: [], columns: ["label", "score", ...names] };
  const problems: IngestProblem[] = [];
  return { convert: new RowConverter(mapping, new LabelReader("label", ["0", "1"], undefined), problems, ",", dictionary), problems };
}

/** Seeded value picks from a small alphabet, so combinations repeat (and some carry spaces or quotes). */
function* records(count: number, slices: number, seed: number): Generator<string[]> {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % 7;
  const values = ["FR", " US", "DE ", 'say "hi"', "a\\b", "", "ünï"];
  for (let i = 0; i < count; i++) yield [String(i % 2), "0.5", ...Array.from({ length: slices }, () => values[next()])];
}

test.each([1, 2, 3, 4])("each row's slices JSON is its own trimmed values, however often a combination repeats (%i columns)", (slices) => {
  const dictionary = new SliceDictionary(slices);
  const { convert, problems } = converter(slices, dictionary);
  let rows = 0;
  for (const record of records(5000, slices, slices)) {
    const row = convert.convert(record, ++rows + 1)!;
    const expected = record.slice(2).map((v) => v.trim());
    expect(JSON.parse(row.slices!)).toEqual(expected);
    expect(Array.from(convert.codes, (code, c) => dictionary.values[c][code])).toEqual(expected);
  }
  expect(problems).toEqual([]);
});

test("values past the dictionary's last code share it, and each row still keeps its own values", () => {
  // A dictionary one value short of full: the second new value of column 0 overflows.
  const dictionary = new SliceDictionary(2, [Array.from({ length: OVERFLOW_CODE - 1 }, (_, i) => `v${i}`), []]);
  const { convert } = converter(2, dictionary);
  const seen = ["new-1", "new-2", "new-3", "new-2", "new-1"].map((value, i) => {
    const row = convert.convert(["1", "0.5", value, "FR"], i + 2)!;
    return { json: JSON.parse(row.slices!), code: convert.codes[0] };
  });
  expect(seen.map((s) => s.json)).toEqual([["new-1", "FR"], ["new-2", "FR"], ["new-3", "FR"], ["new-2", "FR"], ["new-1", "FR"]]);
  expect(seen.map((s) => s.code)).toEqual([OVERFLOW_CODE - 1, OVERFLOW_CODE, OVERFLOW_CODE, OVERFLOW_CODE, OVERFLOW_CODE - 1]);
});
