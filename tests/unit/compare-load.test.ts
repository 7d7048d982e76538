import { describe, expect, test } from "vitest";
import { loadForReviews, seededRandom, thresholdForLoad } from "@/lib/compare";

const load = (scores: number[], k: number) => thresholdForLoad(Float64Array.from(scores), k);

/** By definition: the lowest distinct score s with #{score ≥ s} ≤ K, or null when none has. */
function bruteForce(scores: number[], k: number): number | null {
  const fits = [...new Set(scores)].filter((s) => scores.filter((x) => x >= s).length <= k);
  return fits.length ? Math.min(...fits) : null;
}

describe("thresholdForLoad: the lowest own distinct score flagging at most K", () => {
  // Scores (shuffled): 0.9 ×1, 0.8 ×2, 0.5 ×3, 0.2 ×1. At or above: 0.9 → 1, 0.8 → 3, 0.5 → 6, 0.2 → 7.
  const scores = [0.5, 0.8, 0.2, 0.5, 0.9, 0.8, 0.5];
  test.each([
    { k: 7, threshold: 0.2, flagged: 7 },
    { k: 100, threshold: 0.2, flagged: 7 },
    { k: 6, threshold: 0.5, flagged: 6 },
    { k: 5, threshold: 0.8, flagged: 3 }, // the three tied at 0.5 would make 6
    { k: 4, threshold: 0.8, flagged: 3 },
    { k: 3, threshold: 0.8, flagged: 3 },
    { k: 2, threshold: 0.9, flagged: 1 }, // the pair tied at 0.8 would make 3
    { k: 1, threshold: 0.9, flagged: 1 },
    { k: 1.7, threshold: 0.9, flagged: 1 }, // a load from reviews a day need not be whole
    { k: 0, threshold: 1, flagged: 0 }, // flags nothing: the plainest number in (0.9, 1]
    { k: 0.5, threshold: 1, flagged: 0 },
  ])("K = $k → $threshold, flagging $flagged", ({ k, threshold, flagged }) => {
    expect(load(scores, k)).toEqual({ threshold, flagged, withinLoad: true });
  });

  test("more rows tied at the top than K: the threshold flags nothing and stays in [0, 1]", () => {
    expect(load([0.3, 0.987, 0.987, 0.987], 2)).toEqual({ threshold: 1, flagged: 0, withinLoad: true });
    expect(load([0.3, 0.4, 0.4, 0.4], 2)).toEqual({ threshold: 0.5, flagged: 0, withinLoad: true });
    expect(load([0.3, 0.44, 0.44], 1)).toEqual({ threshold: 0.5, flagged: 0, withinLoad: true });
    expect(load([0.3, 0.05, 0.05], 0)).toEqual({ threshold: 0.4, flagged: 0, withinLoad: true });
  });

  test("ties at 1 itself: no threshold in [0, 1] flags fewer, so threshold 1 and withinLoad false", () => {
    expect(load([0.2, 1, 1, 1], 2)).toEqual({ threshold: 1, flagged: 3, withinLoad: false });
    expect(load([0.2, 1, 1, 1], 3)).toEqual({ threshold: 1, flagged: 3, withinLoad: true });
  });

  test("all tied, empty input, a bad load", () => {
    expect(load([0.5, 0.5, 0.5], 3)).toEqual({ threshold: 0.5, flagged: 3, withinLoad: true });
    expect(load([], 10)).toEqual({ threshold: 0, flagged: 0, withinLoad: true });
    expect(() => load([0.5], -1)).toThrow("the review load must be 0 or more, got -1");
    expect(() => load([0.5], Number.NaN)).toThrow("review load");
  });

  test("matches the definition on random tied scores for every K", () => {
    const random = seededRandom(5);
    for (let round = 0; round < 30; round++) {
      const n = 1 + Math.floor(random() * 40);
      const scores = Array.from({ length: n }, () => Math.floor(random() * 8) / 8);
      for (let k = 0; k <= n + 1; k++) {
        const result = load(scores, k);
        const expected = bruteForce(scores, k);
        if (expected !== null) expect(result).toEqual({ threshold: expected, flagged: scores.filter((x) => x >= expected).length, withinLoad: true });
        else expect(result.flagged === 0 ? result.threshold > Math.max(...scores) : !result.withinLoad).toBe(true);
      }
    }
  });

  test("loadForReviews: the same share of the matched rows as of the daily volume", () => {
    expect(loadForReviews(200, 8280, 16560)).toBe(400);
    expect(() => loadForReviews(200, 0, 100)).toThrow("the daily volume must be more than 0, got 0");
  });
});
