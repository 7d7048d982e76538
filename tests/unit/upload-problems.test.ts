import { expect, test } from "vitest";
import { inRowOrder } from "@/app/upload/problems";

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
