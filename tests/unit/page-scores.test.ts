import { expect, test } from "vitest";
import { buildScoreTable, cumulate } from "@/lib/metrics";
import { pageScores } from "@/lib/db/page-scores";

// scores:  0.1 0.1 0.2 0.3 0.6 0.7 0.7 0.9
// labels:   0   1   0   1   0   1   0   0
const table = cumulate(buildScoreTable([0.1, 0.1, 0.2, 0.3, 0.6, 0.7, 0.7, 0.9], [0, 1, 0, 1, 0, 1, 0, 0]));

test.each([
  // false positives (negatives >= 0.5), highest first
  ["fp", "DESC", 1, [0.9]],
  ["fp", "DESC", 2, [0.9, 0.7]],
  ["fp", "DESC", 10, [0.9, 0.7, 0.6]],
  ["fp", "ASC", 1, [0.6]],
  // false negatives (positives < 0.5), lowest first
  ["fn", "ASC", 1, [0.1]],
  ["fn", "ASC", 5, [0.1, 0.3]],
  // true positives (positives >= 0.5)
  ["tp", "ASC", 3, [0.7]],
  // true negatives (negatives < 0.5), closest to the threshold first
  ["tn", "DESC", 1, [0.2]],
  ["tn", "DESC", 2, [0.2, 0.1]],
] as const)("%s %s, %i needed → %j", (kind, direction, needed, expected) => {
  expect(pageScores(table, kind, 0.5, direction, needed)).toEqual(expected);
});

test("a threshold exactly on a score counts that score as flagged", () => {
  expect(pageScores(table, "fp", 0.7, "ASC", 5)).toEqual([0.7, 0.9]);
  expect(pageScores(table, "fn", 0.7, "DESC", 5)).toEqual([0.3, 0.1]);
});

test("no examples of the kind → an empty list; too many scores → null (scan instead)", () => {
  expect(pageScores(table, "fn", 0, "ASC", 5)).toEqual([]);
  expect(pageScores(table, "fp", 0.5, "DESC", 10, 2)).toBeNull();
});
