import { describe, expect, test } from "vitest";
import { drawAudit, estimateAt, firstAtOrAbove, prepareEstimates, proportionCounts, shareInterval, sortedFrame, type AuditDesign } from "../../lib/audit";
import { seededRandom } from "../../lib/demo/random";

/**
 * A design written by hand: 20 rows scored 0, 0.05, …, 0.95; stratum A = rows 0–9 with 4 drawn
 * (rows 1, 4, 6, 8: negative, negative, positive, negative), stratum B = rows 10–19 with 5 drawn
 * (rows 10, 12, 15, 17, 19: negative, then four positives).
 */
const scores = Float64Array.from({ length: 20 }, (_, i) => i / 20);
const drawn: [number, number, number][] = [[1, 0, 0], [4, 0, 0], [6, 0, 1], [8, 0, 0], [10, 1, 0], [12, 1, 1], [15, 1, 1], [17, 1, 1], [19, 1, 1]];
const handDesign: AuditDesign<number> = {
  rows: 20,
  size: 9,
  seed: 0,
  rounds: 1,
  rule: { power: 0.35, minimumPerStratum: 4, doubleReviewShare: 0 },
  strata: [
    { start: 0, end: 10, minScore: 0, maxScore: 0.45, rows: 10, sampled: 4 },
    { start: 10, end: 20, minScore: 0.5, maxScore: 0.95, rows: 10, sampled: 5 },
  ],
  items: drawn.map(([position, stratum], order) => ({ id: position, position, score: scores[position], stratum, inclusionProbability: stratum ? 0.5 : 0.4, order, doubleReview: false, round: 0 })),
};
const handLabels = Uint8Array.from(drawn, (d) => d[2]);
const rowsBelow = (t: number) => firstAtOrAbove(scores, t);

describe("estimates from a hand-made design", () => {
  const est = prepareEstimates(handDesign, handLabels, rowsBelow);

  test.each([
    // threshold, flagged, positives flagged, positives not flagged
    ["0.5: the strata's boundary: B's 4/5 of 10 flagged, A's 1/4 of 10 not", 0.5, 10, 8, 2.5],
    ["0.325 cuts A after row 6: 1/3 of rows 0–6, 0/1 of rows 7–9", 0.325, 13, 8, 7 / 3],
    ["0.275 cuts A after row 5: 0/2 of rows 0–5, 1/2 of rows 6–9", 0.275, 14, 10, 0],
    ["0.025 leaves row 0 alone below: no labelled row there, both parts take A's 1/4", 0.025, 19, 10.25, 0.25],
  ])("%s", (_, t, flagged, tp, fn) => {
    const e = estimateAt(est, t);
    expect(e.flagged).toEqual({ estimate: flagged, lower: flagged, upper: flagged });
    expect(e.truePositives.estimate).toBeCloseTo(tp, 12);
    expect(e.precision.estimate).toBeCloseTo(tp / flagged, 12);
    expect(e.falsePositives.estimate).toBeCloseTo(flagged - tp, 12);
    expect(e.falseNegatives.estimate).toBeCloseTo(fn, 12);
    expect(e.recall.estimate).toBeCloseTo(tp / (tp + fn), 12);
    for (const f of [e.precision, e.recall, e.truePositives, e.falsePositives, e.falseNegatives]) {
      expect(f.lower).toBeLessThanOrEqual(f.estimate as number);
      expect(f.upper).toBeGreaterThanOrEqual(f.estimate as number);
    }
  });

  test("at 0.5 the precision interval is the share interval of the hand-computed sums", () => {
    // B: m = 5, p̂ = 0.8, s² = 5·0.8·0.2/4 = 0.2, 1 − f = 0.5: variance 10²·0.5·0.2/5 = 2; Poisson
    // variances (10²/5)·0.5·0.8 = 8 and ·0.2 = 2; one labelled row stands for 10/5 = 2 rows.
    const [pos, neg] = proportionCounts(8, 10, 2, { positives: 8, negatives: 2 }, 2);
    const [lower, upper] = shareInterval(pos, neg);
    expect(estimateAt(est, 0.5).precision).toEqual({ estimate: 0.8, lower, upper });
  });

  test("a threshold at a stratum's lowest score never asks the frame; one inside a stratum must be answered inside it", () => {
    const strict = prepareEstimates(handDesign, handLabels, () => {
      throw new Error("asked");
    });
    expect(estimateAt(strict, 0.5).flagged.estimate).toBe(10);
    expect(() => estimateAt(strict, 0.3)).toThrow("asked");
    expect(() => estimateAt(prepareEstimates(handDesign, handLabels, () => 12), 0.3)).toThrow("rowsBelow(0.3) = 12 is not inside rows 0–10 of the stratum holding that score");
  });

  test.each([
    ["above every score: nothing flagged", 2, { estimate: null, lower: 0, upper: 1 }, { estimate: 0, lower: 0, upper: 0 }, 0],
    ["at the lowest score: everything flagged", 0, { estimate: 10.5 / 20, lower: expect.any(Number), upper: expect.any(Number) }, { estimate: 1, lower: 1, upper: 1 }, 20],
  ])("%s", (_, t, precision, recall, flagged) => {
    const e = estimateAt(est, t);
    expect(e.flagged.estimate).toBe(flagged);
    expect(e.precision).toEqual(precision);
    expect(e.recall).toEqual(recall);
    if (flagged === 20) expect(e.falseNegatives).toEqual({ estimate: 0, lower: 0, upper: 0 });
    if (flagged === 0) expect(e.truePositives).toEqual({ estimate: 0, lower: 0, upper: 0 });
  });

  test("no label yet: nothing is estimated, the flagged count is still exact", () => {
    const e = estimateAt(prepareEstimates(handDesign, new Uint8Array(9).fill(255), rowsBelow), 0.5);
    expect(e).toMatchObject({ labeled: 0, size: 9, flagged: { estimate: 10, lower: 10, upper: 10 }, precision: { estimate: null, lower: 0, upper: 1 }, falseNegatives: { estimate: null, lower: 0, upper: 10 } });
  });

  test("a stratum with no label yet takes the nearest labelled stratum's rate", () => {
    const labels = Uint8Array.from(handLabels, (l, i) => (drawn[i][1] === 0 ? 255 : l));
    const e = estimateAt(prepareEstimates(handDesign, labels, rowsBelow), 0.5);
    expect(e.labeled).toBe(5);
    expect(e.falseNegatives.estimate).toBeCloseTo(8, 12); // A borrows B's 4/5
  });

  test("labels and items must line up", () => {
    expect(() => prepareEstimates(handDesign, new Uint8Array(3), rowsBelow)).toThrow("3 labels for 9 audit items");
  });
});

describe("a census and an average", () => {
  const random = seededRandom(5);
  const frameScores = Float64Array.from({ length: 3000 }, () => random()).sort();
  const truth = Uint8Array.from(frameScores, (s) => (random() < 0.02 + 0.5 * s ** 4 ? 1 : 0));
  const frame = sortedFrame(frameScores, Array.from(frameScores, (_, i) => i));
  const below = (t: number) => firstAtOrAbove(frameScores, t);
  const truthAt = (t: number) => {
    const c = below(t);
    let [tp, fn] = [0, 0];
    truth.forEach((y, i) => (i < c ? (fn += y) : (tp += y)));
    return { tp, fn, flagged: 3000 - c };
  };

  test("labelling every row gives every figure exactly, with no width", () => {
    const design = drawAudit(frame, { size: 3000, seed: 2 });
    const est = prepareEstimates(design, Uint8Array.from(design.items, (i) => truth[i.position]), below);
    for (const t of [0.2, 0.61, 0.9]) {
      const { tp, fn, flagged } = truthAt(t);
      const e = estimateAt(est, t);
      expect(e.truePositives.lower).toBeCloseTo(tp, 6);
      expect(e.truePositives.upper).toBeCloseTo(tp, 6);
      expect(e.falseNegatives.lower).toBeCloseTo(fn, 6);
      expect(e.falseNegatives.upper).toBeCloseTo(fn, 6);
      expect(e.recall.lower).toBeCloseTo(tp / (tp + fn), 9);
      expect(e.precision.upper).toBeCloseTo(tp / flagged, 9);
    }
  });

  test("over 1,500 seeded audits the estimated counts average to the truth (design-unbiased)", () => {
    const t = 0.8;
    const { tp, fn } = truthAt(t);
    const [tps, fns] = [[] as number[], [] as number[]];
    for (let seed = 0; seed < 1500; seed++) {
      const design = drawAudit(frame, { size: 150, seed });
      const e = estimateAt(prepareEstimates(design, Uint8Array.from(design.items, (i) => truth[i.position]), below), t);
      tps.push(e.truePositives.estimate as number);
      fns.push(e.falseNegatives.estimate as number);
    }
    for (const [values, target] of [[tps, tp], [fns, fn]] as const) {
      const mean = values.reduce((s, x) => s + x, 0) / values.length;
      const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1));
      expect(Math.abs(mean - target)).toBeLessThan(4 * (sd / Math.sqrt(values.length)));
    }
  });
});
