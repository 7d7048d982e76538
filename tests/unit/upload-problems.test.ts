import { expect, test } from "vitest";
import { inRowOrder } from "@/app/upload/problems";
import { listed, progressText } from "@/app/upload/upload-words";

test("problems are listed in row order, whole-file problems first, ties as reported", () => {
  const details = [
    { row: 20, message: "a quoted field is never closed" },
    { row: 10, message: "3 fields, expected 2" },
    { message: "the file has no score column" },
    { row: 10, column: "score", message: '"abc" is not a number' },
    { row: 3, message: "a third label value" },
  ];
  expect(inRowOrder(details).map((d) => d.message)).toEqual([
    "the file has no score column",
    "a third label value",
    "3 fields, expected 2",
    '"abc" is not a number',
    "a quoted field is never closed",
  ]);
});

test.each([
  [[], ""],
  [["a label column"], "a label column"],
  [["a label column", "a score column"], "a label column and a score column"],
  [["a", "b", "c"], "a, b and c"],
])("listed(%j) = %j", (items, text) => {
  expect(listed(items)).toBe(text);
});

test.each([
  [{ phase: "uploading", sentBytes: 524_288, totalBytes: 524_288, rows: 0 }, "Sending the file…"],
  [{ phase: "uploading", sentBytes: 3 * 1024 ** 2, totalBytes: 64 * 1024 ** 2, rows: 0 }, "Sending the file: 3 MB of 64 MB"],
  [{ phase: "processing", sentBytes: 524_288, totalBytes: 524_288, rows: 0 }, "Checking and saving the rows…"],
  [{ phase: "processing", sentBytes: 524_288, totalBytes: 524_288, rows: 120_000 }, "Checking and saving rows: 120,000 so far…"],
] as const)("progress %j reads %j", (progress, text) => {
  expect(progressText(progress)).toBe(text);
});
