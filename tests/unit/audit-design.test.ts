import { describe, expect, test } from "vitest";
import { allocate, buildStrata, drawAudit, sortedFrame, topUpAudit, type AuditDesign } from "../../lib/audit";

const ranks = (n: number) => Float64Array.from({ length: n }, (_, i) => i / n);
const frameOf = (scores: Float64Array) => sortedFrame(scores, Array.from(scores, (_, i) => `row-${i}`));

describe("strata", () => {
  test("1,000 distinct scores: 20 top rows, then doubling, then the bulk in strata of at most a quarter", () => {
    expect(buildStrata(frameOf(ranks(1000))).map((s) => [s.start, s.end])).toEqual([[0, 233], [233, 467], [467, 700], [700, 860], [860, 940], [940, 980], [980, 1000]]);
  });

  test("cuts snap to the start of a run of ties, and a threshold in use becomes a boundary", () => {
    const scores = Float64Array.from([0, 0, 0, 0.1, 0.1, 0.2, 0.3, 0.3, 0.3, 0.3, 0.4, 0.5, 0.5, 0.5, 0.6, 0.7, 0.8, 0.8, 0.9, 0.9]);
    const strata = buildStrata(frameOf(scores), [0.55], { topShare: 0, minTopRows: 2, growth: 2, maxShare: 0.25 });
    expect(strata.map((s) => [s.start, s.end, s.minScore, s.maxScore])).toEqual([[0, 5, 0, 0.1], [5, 6, 0.2, 0.2], [6, 14, 0.3, 0.5], [14, 18, 0.6, 0.8], [18, 20, 0.9, 0.9]]);
  });

  test.each([
    ["empty frame", new Float64Array(0), 0],
    ["every score tied", new Float64Array(500).fill(0.3), 1],
    ["one row", Float64Array.from([0.7]), 1],
  ])("%s", (_, scores, count) => {
    expect(buildStrata(frameOf(scores))).toHaveLength(count);
  });
});

describe("power allocation", () => {
  test.each([
    ["proportional (a = 1)", 1, 0, [1, 2, 4, 8, 85]],
    ["equal (a = 0), a stratum of 10 and one of 20 taken whole", 0, 0, [10, 20, 24, 23, 23]],
    // √N_h·100/52.05 = 6.08, 8.59, 12.15, 17.18, 56.0: floors add to 99, the largest remainder (8.59) gets the last.
    ["square root (a = ½)", 0.5, 4, [6, 9, 12, 17, 56]],
    // 5, 5, 5 for the three smallest; the other 85 in proportion to 80 and 850: 7.31 and 77.69, floors 7 and 77, the larger remainder gets the last row.
    ["a minimum of 5 a stratum", 1, 5, [5, 5, 5, 7, 78]],
  ])("%s", (_, power, minimum, expected) => {
    expect(allocate([10, 20, 40, 80, 850], 100, power, minimum)).toEqual(expected);
  });

  test("more than the frame takes every row; a top-up keeps what each stratum has", () => {
    expect(allocate([3, 4], 50, 0.35, 4)).toEqual([3, 4]);
    // The first stratum keeps its 10 (above its 1.5 share); 140 go in proportion to the other four:
    // 2.83, 5.66, 11.31, 120.2, floors 2, 5, 11, 120 and the two largest remainders get one more.
    expect(allocate([10, 20, 40, 80, 850], 150, 1, 0, [10, 2, 4, 8, 85])).toEqual([10, 3, 6, 11, 120]);
  });
});

describe("drawing", () => {
  const frame = frameOf(ranks(1000));

  test("a seeded draw is reproducible and records its design", () => {
    const design = drawAudit(frame, { size: 60, seed: 3 });
    expect(drawAudit(frame, { size: 60, seed: 3 })).toEqual(design);
    expect(drawAudit(frame, { size: 60, seed: 4 }).items).not.toEqual(design.items);
    expect(design.strata.map((s) => s.sampled)).toEqual(allocate(design.strata.map((s) => s.rows), 60, 0.35, 4));
    expect(design.size).toBe(60);
    expect(design.items.filter((i) => i.doubleReview)).toHaveLength(6);
    design.items.forEach((item, order) => {
      const s = design.strata[item.stratum];
      expect(item.position).toBeGreaterThanOrEqual(s.start);
      expect(item.position).toBeLessThan(s.end);
      expect(item.id).toBe(`row-${item.position}`);
      expect(item.score).toBe(frame.scoreAt(item.position));
      expect(item.inclusionProbability).toBe(s.sampled / s.rows);
      expect(item.order).toBe(order);
    });
    expect(new Set(design.items.map((i) => i.position)).size).toBe(60);
  });

  test("every prefix of the queue is close to the allocation: two of each stratum first", () => {
    const design = drawAudit(frame, { size: 200, seed: 9 });
    const H = design.strata.length;
    for (let h = 0; h < H; h++) expect(design.items.slice(0, 2 * H).filter((i) => i.stratum === h)).toHaveLength(2);
    for (let k = 2 * H; k <= 200; k += 7) {
      for (const [h, s] of design.strata.entries()) {
        const got = design.items.slice(0, k).filter((i) => i.stratum === h).length;
        expect(Math.abs(got - (k * s.sampled) / 200)).toBeLessThanOrEqual(3);
      }
    }
  });

  test.each([
    [0, "audit size must be a whole number from 1, not 0"],
    [2.5, "audit size must be a whole number from 1, not 2.5"],
    [1001, "audit size 1001 is more than the 1000 rows of the frame"],
  ])("size %d is refused", (size, message) => {
    expect(() => drawAudit(frame, { size, seed: 1 })).toThrow(message);
  });
});

/** How often each position, and the pair (first two positions of stratum 0), is drawn over many seeds. */
function inclusionFrequencies(draw: (seed: number) => AuditDesign<string>, runs: number, rows: number) {
  const counts = new Float64Array(rows);
  let pair = 0;
  let design: AuditDesign<string> | null = null;
  for (let seed = 0; seed < runs; seed++) {
    design = draw(seed);
    const drawn = new Set(design.items.map((i) => i.position));
    for (const p of drawn) counts[p]++;
    if (drawn.has(0) && drawn.has(1)) pair++;
  }
  return { counts, pair, design: design as AuditDesign<string> };
}

describe("simple random sampling within strata, before and after a top-up", () => {
  const frame = frameOf(ranks(120));
  const runs = 6000;
  // Each frequency is binomial(runs, π): within 4.5 standard deviations of runs·π.
  const near = (count: number, p: number) => expect(Math.abs(count - runs * p)).toBeLessThan(4.5 * Math.sqrt(runs * p * (1 - p)) + 1);

  test.each([
    ["a first draw of 30", (seed: number) => drawAudit(frame, { size: 30, seed })],
    ["a draw of 18 topped up to 30", (seed: number) => topUpAudit(drawAudit(frame, { size: 18, seed }), frame, 30)],
  ])("%s: every row is drawn with probability n_h/N_h, every pair with n_h(n_h−1)/(N_h(N_h−1))", (_, draw) => {
    const { counts, pair, design } = inclusionFrequencies(draw, runs, 120);
    for (const s of design.strata) for (let p = s.start; p < s.end; p++) near(counts[p], s.sampled / s.rows);
    const s0 = design.strata[0];
    near(pair, (s0.sampled * (s0.sampled - 1)) / (s0.rows * (s0.rows - 1)));
  });
});

describe("top-up", () => {
  const frame = frameOf(ranks(1000));
  const design = drawAudit(frame, { size: 60, seed: 3 });

  test("keeps every row drawn, adds rows not drawn yet, and updates the inclusion probabilities", () => {
    const bigger = topUpAudit(design, frame, 100);
    expect(bigger.size).toBe(100);
    expect(bigger.rounds).toBe(2);
    expect(bigger.strata.map((s) => s.sampled)).toEqual(allocate(design.strata.map((s) => s.rows), 100, 0.35, 4, design.strata.map((s) => s.sampled)));
    expect(bigger.items.slice(0, 60).map((i) => [i.id, i.stratum, i.round])).toEqual(design.items.map((i) => [i.id, i.stratum, 0]));
    expect(new Set(bigger.items.map((i) => i.position)).size).toBe(100);
    expect(bigger.items.slice(60).every((i) => i.round === 1)).toBe(true);
    expect(bigger.items.filter((i) => i.doubleReview)).toHaveLength(6 + 4);
    for (const item of bigger.items) expect(item.inclusionProbability).toBe(bigger.strata[item.stratum].sampled / bigger.strata[item.stratum].rows);
  });

  test("refuses to shrink or to use another frame; the same size changes nothing", () => {
    expect(topUpAudit(design, frame, 60)).toBe(design);
    expect(() => topUpAudit(design, frame, 50)).toThrow("an audit of 60 rows cannot shrink to 50");
    expect(() => topUpAudit(design, frameOf(ranks(999)), 80)).toThrow("frame has 999 rows but the audit was drawn from 1000");
    const shifted = frameOf(Float64Array.from(ranks(1000), (s) => s + 0.0001));
    expect(() => topUpAudit(design, shifted, 80)).toThrow("frame differs from the one the audit was drawn from");
  });
});

describe("small audits", () => {
  test("the minimum is lowered when the size cannot give it to every stratum", () => {
    // Σ min(N_h, 3) = 15 > 12, so 2 each; the 4 left go to the largest stratum (850 × 12/1000 > 2).
    expect(allocate([10, 20, 40, 80, 850], 12, 1, 4)).toEqual([2, 2, 2, 2, 4]);
  });

  test("an audit of 10 rows merges strata down to 10 / 4 = 2, each with its minimum", () => {
    const design = drawAudit(frameOf(ranks(1000)), { size: 10, seed: 1 });
    expect(design.strata.map((s) => [s.start, s.end, s.sampled])).toEqual([[0, 467, 5], [467, 1000, 5]]);
  });
});
