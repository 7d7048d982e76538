import { describe, expect, test } from "vitest";
import { countsAt, countsAtAll, prepareTable } from "@/lib/monitoring";
import { periodOf, seededRandom } from "./monitoring-fixtures";

// Rows: 0.2 (1 positive, 5 negatives, 3 unlabelled), 0.6 (2, 1, 7), 0.8 (4, 0, 0).
const period = prepareTable(periodOf([[0.2, 1, 5, 3], [0.6, 2, 1, 7], [0.8, 4, 0, 0]]));

describe("countsAt: flagged = score >= threshold", () => {
  test.each([
    // threshold, flagged (all rows), tp, fp
    [0, 23, 7, 6],
    [0.2, 23, 7, 6], // a score exactly at the threshold is flagged
    [0.2000001, 14, 6, 1],
    [0.6, 14, 6, 1],
    [0.7, 4, 4, 0],
    [0.8, 4, 4, 0],
    [0.81, 0, 0, 0],
    [1, 0, 0, 0],
  ])("at %s: %s flagged, tp %s, fp %s", (threshold, flagged, tp, fp) => {
    expect(countsAt(period, threshold)).toEqual({ threshold, rows: 23, labeled: 13, positives: 7, negatives: 6, flagged, tp, fp, fn: 7 - tp, tn: 6 - fp });
  });

  test("counts are 32-bit integers, and doubles for a period of 2^32 rows or more, still exact", () => {
    const small = prepareTable(periodOf([[0.2, 3, 4, 5], [0.7, 1, 0, 2]], 0));
    expect(small.rowsAtOrAbove).toBeInstanceOf(Uint32Array);
    expect([small.rows, small.positives, small.negatives]).toEqual([15, 4, 4]);
    const huge = prepareTable(periodOf([[0.2, 3e9, 2e9, 7], [0.7, 1, 0, 2 ** 32 - 1]], 0));
    expect(huge.rowsAtOrAbove).toBeInstanceOf(Float64Array);
    expect([huge.rows, huge.positives, huge.negatives]).toEqual([5e9 + 7 + 2 ** 32, 3e9 + 1, 2e9]);
    expect(countsAt(huge, 0.5)).toMatchObject({ flagged: 2 ** 32, tp: 1, fp: 0, fn: 3e9 });
  });

  test("an empty period counts zeros", () => {
    expect(countsAt(prepareTable(periodOf([])), 0.5)).toEqual({ threshold: 0.5, rows: 0, labeled: 0, positives: 0, negatives: 0, flagged: 0, tp: 0, fp: 0, fn: 0, tn: 0 });
  });

  test("equals counting the rows one by one, on 50 seeded periods at 20 thresholds", () => {
    const random = seededRandom(5);
    const periods = [];
    const rowsOf: { score: number; label: 0 | 1 | null }[][] = [];
    for (let p = 0; p < 50; p++) {
      const rows = Array.from({ length: Math.floor(random() * 300) }, () => ({
        score: Math.round(random() * 100) / 100,
        label: random() < 0.3 ? null : random() < 0.1 ? (1 as const) : (0 as const),
      }));
      rowsOf.push(rows);
      const scores = [...new Set(rows.map((r) => r.score))].sort((a, b) => a - b);
      const count = (s: number, l: 0 | 1 | null) => rows.filter((r) => r.score === s && r.label === l).length;
      periods.push(prepareTable(periodOf(scores.map((s) => [s, count(s, 1), count(s, 0), count(s, null)]))));
    }
    for (let t = 0; t <= 1.0001; t += 0.05) {
      countsAtAll(periods, t).forEach((c, p) => {
        const rows = rowsOf[p];
        const flaggedRows = rows.filter((r) => r.score >= t);
        expect(c.flagged).toBe(flaggedRows.length);
        expect(c.tp).toBe(flaggedRows.filter((r) => r.label === 1).length);
        expect(c.fp).toBe(flaggedRows.filter((r) => r.label === 0).length);
        expect(c.fn).toBe(rows.filter((r) => r.score < t && r.label === 1).length);
        expect(c.tn).toBe(rows.filter((r) => r.score < t && r.label === 0).length);
        expect(c.rows).toBe(rows.length);
      });
    }
  });
});

describe("prepareTable refuses a malformed table, saying what is wrong", () => {
  test.each([
    ["scores out of order", periodOf([[0.5, 1, 0, 0], [0.4, 0, 1, 0]]), /not strictly ascending at index 1 \(0\.5, 0\.4\)/],
    ["a repeated score", periodOf([[0.5, 1, 0, 0], [0.5, 0, 1, 0]]), /not strictly ascending/],
    ["a missing count column", { ...periodOf([[0.5, 1, 0, 0]]), unlabeled: new Float64Array(0) }, /1 scores but 1 positive, 1 negative and 0 unlabelled counts/],
  ])("%s", (_name, table, message) => expect(() => prepareTable(table)).toThrow(message));
});
