import { describe, expect, test } from "vitest";
import { csvField, neutraliseCell, toCsv } from "@/lib/export/csv";

describe("neutraliseCell", () => {
  test.each([
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\tindent", "'\tindent"],
    ["\rline", "'\rline"],
    ["=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"],
    ["plain", "plain"],
    ["a=b", "a=b"],
    [" =spaced", " =spaced"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });
});

describe("csvField", () => {
  test.each([
    [null, ""],
    [undefined, ""],
    [0.5, "0.5"],
    [Number.NaN, ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+2,3", `"'=1+2,3"`],
    ["\rx", `"'\rx"`],
    [" padded ", '" padded "'],
  ])("%j → %j", (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});

test("toCsv writes a header and CRLF-terminated rows, neutralising every cell", () => {
  expect(toCsv(["name", "=formula header"], [["=cmd|' /C calc'!A0", 1], ["ok", null]])).toBe(
    `name,'=formula header\r\n'=cmd|' /C calc'!A0,1\r\nok,\r\n`,
  );
});
