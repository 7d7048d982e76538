import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { buildScoreOrder, buildScoreTable, pageOfOutcome, RADIX_FROM, ScoreOrderBuilder, scoreTableOfOrder, type Outcome } from "@/lib/metrics";

/** The positions of `scores` in the order buildScoreOrder puts them (ids null: positions). */
const scorePermutation = (scores: Float64Array) => Array.from(buildScoreOrder(scores, new Uint8Array(scores.length), null).ids);

const tiedScore = fc.constantFrom(0, 0.1, 0.3, 0.1 * 3, 0.5, 0.49999999, 0.7, 1);
const anyScore = fc.oneof(tiedScore, fc.double({ min: 0, max: 1, noNaN: true }));
// 255 = not labelled yet: in the order, but in no outcome.
const example = fc.record({ score: anyScore, label: fc.constantFrom(0, 1, 1, 0, 255), gap: fc.integer({ min: 1, max: 3 }) });
const OUTCOMES: Outcome[] = ["fp", "fn", "tp", "tn"];

interface Row {
  id: number;
  score: number;
  label: number;
}

/** The gallery's definition, written the slow way: filter, then sort by (score, id) in the direction. */
function naivePage(rows: Row[], outcome: Outcome, threshold: number, direction: "ASC" | "DESC", offset: number, limit: number): number[] {
  const flagged = outcome === "tp" || outcome === "fp";
  const label = outcome === "tp" || outcome === "fn" ? 1 : 0;
  const sign = direction === "ASC" ? 1 : -1;
  return rows
    .filter((r) => r.label === label && (r.score >= threshold) === flagged)
    .sort((a, b) => sign * (a.score - b.score || a.id - b.id))
    .slice(offset, offset + limit)
    .map((r) => r.id);
}

describe("score order", () => {
  test("holds every row sorted by (score, id), labels travelling with their rows", () => {
    fc.assert(
      fc.property(fc.array(example, { maxLength: 80 }), (examples) => {
        let id = 100;
        const rows = examples.map((e) => ({ id: (id += e.gap), score: e.score, label: e.label }));
        const order = buildScoreOrder(Float64Array.from(rows, (r) => r.score), Uint8Array.from(rows, (r) => r.label), Float64Array.from(rows, (r) => r.id));
        const expected = [...rows].sort((a, b) => a.score - b.score || a.id - b.id);
        expect(Array.from(order.ids)).toEqual(expected.map((r) => r.id));
        expect(Array.from(order.scores)).toEqual(expected.map((r) => r.score));
        expect(Array.from(order.labels)).toEqual(expected.map((r) => r.label));
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });

  test("a page of any outcome, direction, offset and threshold is the filtered, sorted slice", () => {
    fc.assert(
      fc.property(fc.array(example, { maxLength: 80 }), anyScore, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 20 }), (examples, threshold, offset, limit) => {
        let id = 0;
        const rows = examples.map((e) => ({ id: (id += e.gap), score: e.score, label: e.label }));
        const order = buildScoreOrder(Float64Array.from(rows, (r) => r.score), Uint8Array.from(rows, (r) => r.label), Float64Array.from(rows, (r) => r.id));
        for (const t of [threshold, ...rows.slice(0, 3).map((r) => r.score)]) {
          for (const outcome of OUTCOMES) {
            for (const direction of ["ASC", "DESC"] as const) {
              expect(pageOfOutcome(order, outcome, t, direction, offset, limit)).toEqual(naivePage(rows, outcome, t, direction, offset, limit));
            }
          }
        }
      }),
      { numRuns: 1000, seed: 20261127 },
    );
  });

  test("known page: false positives at 0.5, most confident first, ties by the later row first", () => {
    const order = buildScoreOrder(Float64Array.of(0.9, 0.5, 0.9, 0.2, 0.7, 0.5), Uint8Array.of(0, 0, 0, 0, 1, 255), Float64Array.of(1, 2, 3, 4, 5, 6));
    expect(pageOfOutcome(order, "fp", 0.5, "DESC", 0, 10)).toEqual([3, 1, 2]);
    expect(pageOfOutcome(order, "fp", 0.5, "DESC", 1, 1)).toEqual([1]);
    expect(pageOfOutcome(order, "tn", 0.5, "DESC", 0, 10)).toEqual([4]);
    expect(pageOfOutcome(order, "tp", 0.5, "ASC", 0, 10)).toEqual([5]);
    expect(pageOfOutcome(order, "fn", 0.5, "ASC", 0, 10)).toEqual([]);
  });

  test("large skewed datasets (many scores per bucket, one distinct score) sort like a comparison sort", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const make of [() => random() ** 3, () => Math.round(random() * 100) / 100, () => 0.5, () => (random() < 0.5 ? 0 : 1 - random() * 1e-12)]) {
      const n = 20_000;
      const scores = Float64Array.from({ length: n }, make);
      const ids = Float64Array.from({ length: n }, (_, i) => 3 * i + 1);
      const order = buildScoreOrder(scores, new Uint8Array(n), ids);
      const expected = Array.from(ids.keys()).sort((a, b) => scores[a] - scores[b] || a - b);
      expect(Array.from(order.ids)).toEqual(expected.map((i) => ids[i]));
    }
  });

  test("the radix sort of scores is a stable sort: extreme, tied and nearly equal doubles, −0 as 0", () => {
    const edge = fc.constantFrom(0, -0, Number.MIN_VALUE, 2 ** -1074 * 3, 1e-300, 2 ** -20, 0.5, 0.5 + 2 ** -53, 1 - 2 ** -53, 1);
    const stableSort = (scores: number[]) => scores.map((_, i) => i).sort((a, b) => (scores[a] === scores[b] ? a - b : scores[a] - scores[b]));
    fc.assert(
      fc.property(fc.array(fc.oneof(edge, anyScore, fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 120 }), fc.boolean(), (some, long) => {
        // Long arrays (the generated scores repeated) take the radix sort, short ones the comparison sort.
        const scores = long && some.length > 0 ? Array.from({ length: RADIX_FROM + some.length }, (_, i) => some[i % some.length]) : some;
        expect(scorePermutation(Float64Array.from(scores))).toEqual(stableSort(scores));
      }),
      { numRuns: 400, seed: 20261127 },
    );
    // Scores outside [0, 1]'s sign take the comparison sort, with the same result.
    const mixed = Array.from({ length: RADIX_FROM + 6 }, (_, i) => [0.5, -0.25, 0.5, 3, -0.25, 0][i % 6]);
    expect(scorePermutation(Float64Array.from(mixed))).toEqual(stableSort(mixed));
  });

  test("the table read off an order is the score table of its labelled examples", () => {
    fc.assert(
      fc.property(fc.array(example, { maxLength: 80 }), (examples) => {
        const scores = Float64Array.from(examples, (e) => e.score);
        const labels = Uint8Array.from(examples, (e) => e.label);
        expect(scoreTableOfOrder(buildScoreOrder(scores, labels, null))).toEqual(buildScoreTable(scores, labels));
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });

  test("a million scores (all four radix passes needed) come out in (score, id) order, with their labels", () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const n = 1_000_000;
    const scores = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? Math.round(random() * 1e4) / 1e4 : random() * random()));
    const labels = Uint8Array.from({ length: n }, (_, i) => [0, 1, 255][i % 7 % 3]);
    const ids = Float64Array.from({ length: n }, (_, i) => 2 * i + 5);
    const order = buildScoreOrder(scores, labels, ids);
    const seen = new Uint8Array(n);
    for (let at = 0; at < n; at++) {
      const i = (order.ids[at] - 5) / 2;
      seen[i]++;
      if (order.scores[at] !== scores[i] || order.labels[at] !== labels[i]) throw new Error(`row ${i} lost its score or label at ${at}`);
      if (at > 0 && !(order.scores[at - 1] < order.scores[at] || (order.scores[at - 1] === order.scores[at] && order.ids[at - 1] < order.ids[at]))) {
        throw new Error(`ids ${order.ids[at - 1]} and ${order.ids[at]} are out of order at ${at}`);
      }
    }
    expect(seen.every((x) => x === 1)).toBe(true);
  });

  test("the order built run by run as rows arrive is the order of all rows sorted at once", () => {
    fc.assert(
      fc.property(fc.array(example, { maxLength: 200 }), fc.integer({ min: 1, max: 9 }), (examples, runRows) => {
        const builder = new ScoreOrderBuilder(runRows);
        for (const e of examples) builder.add(e.score, e.label);
        const built = builder.build();
        const whole = buildScoreOrder(Float64Array.from(examples, (e) => e.score), Uint8Array.from(examples, (e) => e.label), null);
        expect({ ids: Array.from(built.ids), scores: Array.from(built.scores), labels: Array.from(built.labels) }).toEqual({
          ids: Array.from(whole.ids), scores: Array.from(whole.scores), labels: Array.from(whole.labels),
        });
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });

  test("a million rows in 64K runs (each radix-sorted, then merged into the rows before it; a partial last run)", () => {
    let seed = 5;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const n = 1_000_003;
    const scores = Float64Array.from({ length: n }, (_, i) => (i % 2 ? Math.round(random() * 1e3) / 1e3 : random() ** 2));
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 5 === 0 ? 1 : 0);
    const builder = new ScoreOrderBuilder();
    for (let i = 0; i < n; i++) builder.add(scores[i], labels[i]);
    const built = builder.build();
    const whole = buildScoreOrder(scores, labels, null);
    expect(built.ids.length).toBe(n);
    for (let at = 0; at < n; at++) {
      if (built.ids[at] !== whole.ids[at] || built.labels[at] !== whole.labels[at] || built.scores[at] !== whole.scores[at]) throw new Error(`the orders differ at ${at}`);
    }
  });

  test("rejects ids that are not ascending", () => {
    expect(() => buildScoreOrder(Float64Array.of(0.1, 0.2), Uint8Array.of(0, 1), Float64Array.of(2, 1))).toThrow(/ascending/);
  });
});
