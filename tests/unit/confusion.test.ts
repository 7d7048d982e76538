import { describe, expect, test } from "vitest";
import { buildScoreTable, confusionAt, cumulate, ratesOf } from "@/lib/metrics";

const labels = Uint8Array.from([1, 0, 1, 0, 0, 1, 255]);
const scores = Float64Array.from([0.9, 0.5, 0.5, 0.2, 0.7, 0.1, 0.99]);
const table = cumulate(buildScoreTable(scores, labels));

describe("confusionAt: flagged means score >= threshold", () => {
  test.each([
    { threshold: 0, tp: 3, fp: 3, tn: 0, fn: 0 },
    { threshold: 0.1, tp: 3, fp: 3, tn: 0, fn: 0 },
    { threshold: 0.5, tp: 2, fp: 2, tn: 1, fn: 1 },
    { threshold: 0.5000001, tp: 1, fp: 1, tn: 2, fn: 2 },
    { threshold: 0.9, tp: 1, fp: 0, tn: 3, fn: 2 },
    { threshold: 1, tp: 0, fp: 0, tn: 3, fn: 3 },
  ])("at $threshold", ({ threshold, tp, fp, tn, fn }) => {
    expect(confusionAt(table, threshold)).toEqual({ threshold, tp, fp, tn, fn });
  });

  test("unlabelled rows (255) are left out", () => {
    expect(table.totalPositives + table.totalNegatives).toBe(6);
  });

  test("rates with a zero denominator are null, never NaN", () => {
    const r = ratesOf({ threshold: 1, tp: 0, fp: 0, tn: 3, fn: 3 });
    expect(r.precision).toBeNull();
    expect(r.recall).toBe(0);
    expect(r.flagRate).toBe(0);
    expect(ratesOf({ threshold: 0.5, tp: 0, fp: 0, tn: 0, fn: 0 }).accuracy).toBeNull();
  });
});
