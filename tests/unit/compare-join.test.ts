import { describe, expect, test } from "vitest";
import {
  candidatePairs, compareAt, joinPair, joinRows, keyedRows, pairCandidates, prepareComparison, scoreOrderOf, seededRandom,
  type KeyedRows, type KeyedSegment,
} from "@/lib/compare";
import { compute, OFF_THREAD_FROM } from "@/lib/workers/compute";
import { exampleKey } from "@/lib/ingest/example-key";

/** One stored row of a test dataset: its example id, score, label (255: not labelled) and slice code. */
interface Row {
  id: string;
  score: number;
  label: number;
  code?: number;
}

/**
 * A segment as the writer stores it: rows get ids firstId + arrival position; offsets in (score,
 * offset) order; keys sorted with their offsets. `keyOf` may force collisions.
 */
function segmentOf(rows: Row[], firstId: number, keyOf: (id: string) => number = (id) => exampleKey(id)): KeyedSegment & { texts: Map<number, string> } {
  const order = rows.map((_, i) => i).sort((i, j) => rows[i].score - rows[j].score || i - j);
  const keyed = rows.map((r, i) => ({ key: keyOf(r.id), offset: i })).sort((x, y) => x.key - y.key || x.offset - y.offset);
  return {
    segment: {
      firstId,
      offsets: Uint32Array.from(order),
      scores: Float64Array.from(order, (i) => rows[i].score),
      labels: Uint8Array.from(order, (i) => rows[i].label),
      times: null,
      slices: [Uint16Array.from(order, (i) => rows[i].code ?? 0)],
    },
    keys: Float64Array.from(keyed, (k) => k.key),
    keyOffsets: Uint32Array.from(keyed, (k) => k.offset),
    texts: new Map(rows.map((r, i) => [firstId + i, r.id])),
  };
}

/** The join the way a person would do it: by the ids' text. */
function bruteForce(a: Row[], b: Row[]) {
  const inB = new Map(b.map((r) => [r.id, r]));
  const inA = new Set(a.map((r) => r.id));
  const matched: { scoreA: number; scoreB: number; label: number; code: number }[] = [];
  let conflicts = 0;
  let unlabeled = 0;
  for (const r of a) {
    const other = inB.get(r.id);
    if (!other) continue;
    if (r.label === 255 && other.label === 255) unlabeled++;
    else if (r.label !== 255 && other.label !== 255 && r.label !== other.label) conflicts++;
    else matched.push({ scoreA: r.score, scoreB: other.score, label: r.label === 255 ? other.label : r.label, code: r.code ?? 0 });
  }
  const sort = (list: typeof matched) => [...list].sort((x, y) => x.scoreA - y.scoreA || x.scoreB - y.scoreB || x.label - y.label || x.code - y.code);
  return { matched: sort(matched), onlyA: a.filter((r) => !inB.has(r.id)).length, onlyB: b.filter((r) => !inA.has(r.id)).length, conflicts, unlabeled, sort };
}

function join(partsA: ReturnType<typeof segmentOf>[], partsB: ReturnType<typeof segmentOf>[]) {
  const a = keyedRows(partsA, 1);
  const b = keyedRows(partsB, 0);
  const textA = new Map(partsA.flatMap((p) => [...p.texts]));
  const textB = new Map(partsB.flatMap((p) => [...p.texts]));
  const candidates = candidatePairs(a, b);
  const same = (k: number) => textA.get(a.ids[candidates.a[k]]) === textB.get(b.ids[candidates.b[k]]);
  return { a, b, candidates, joined: joinRows(a, b, candidates, same, [{ column: "country", values: ["FR", "DE", "US"] }]) };
}

/** Two datasets of the same transactions: shuffled, some ids on one side only, a few labels in conflict or missing. */
function syntheticPair(seed: number, n: number) {
  const random = seededRandom(seed);
  const base = Array.from({ length: n }, (_, i) => ({ id: `tx-${i}`, label: random() < 0.2 ? 1 : 0, score: Math.round(random() * 50) / 50, code: Math.floor(random() * 3) }));
  const a: Row[] = [];
  const b: Row[] = [];
  for (const r of base) {
    const u = random();
    if (u < 0.05) a.push(r); // A only
    else if (u < 0.1) b.push({ ...r, score: Math.min(1, r.score + 0.02) }); // B only
    else {
      const conflict = random() < 0.02;
      const missing = random() < 0.03 ? (random() < 0.5 ? "a" : random() < 0.5 ? "b" : "both") : null;
      a.push({ ...r, label: missing === "a" || missing === "both" ? 255 : r.label });
      b.push({ ...r, score: Math.min(1, Math.max(0, r.score + (random() - 0.5) * 0.1)), label: conflict ? 1 - r.label : missing === "b" || missing === "both" ? 255 : r.label });
    }
  }
  for (let i = b.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [b[i], b[j]] = [b[j], b[i]];
  }
  return { a, b };
}

const matchedOf = (joined: ReturnType<typeof join>["joined"]) =>
  Array.from(joined.rows.labels, (label, m) => ({ scoreA: joined.rows.scoresA[m], scoreB: joined.rows.scoresB[m], label, code: joined.rows.slices![0].codes[m] }));

describe("joining two datasets by example id", () => {
  test.each([
    [1, 500, 1],
    [2, 2000, 1],
    [3, 2000, 3],
    [4, 400, 2],
  ])("seed %s, %s ids, A in %s segments: the same matched rows, onlyA, onlyB, conflicts as a join by text", (seed, n, segments) => {
    const { a, b } = syntheticPair(seed, n);
    const size = Math.ceil(a.length / segments);
    const partsA = Array.from({ length: segments }, (_, s) => segmentOf(a.slice(s * size, (s + 1) * size), 1 + s * size));
    const { joined } = join(partsA, [segmentOf(b, 10_000)]);
    const expected = bruteForce(a, b);
    expect(expected.conflicts).toBeGreaterThan(0);
    expect(expected.onlyA).toBeGreaterThan(0);
    expect({ onlyA: joined.onlyA, onlyB: joined.onlyB, labelConflicts: joined.labelConflicts, unlabeled: joined.unlabeled }).toEqual({ onlyA: expected.onlyA, onlyB: expected.onlyB, labelConflicts: expected.conflicts, unlabeled: expected.unlabeled });
    expect(expected.sort(matchedOf(joined))).toEqual(expected.matched);
    expect(joined.conflictExamples).toHaveLength(Math.min(20, expected.conflicts));
  });

  test("two different ids under one key (a collision) are told apart by their text", () => {
    // Every id gets key 7: the keys say "maybe", the texts decide.
    const collide = () => 7;
    const partsA = [segmentOf([{ id: "x", score: 0.9, label: 1 }, { id: "y", score: 0.2, label: 0 }, { id: "z", score: 0.5, label: 0 }], 1, collide)];
    const partsB = [segmentOf([{ id: "y", score: 0.3, label: 0 }, { id: "w", score: 0.8, label: 1 }, { id: "x", score: 0.7, label: 1 }], 100, collide)];
    const { candidates, joined } = join(partsA, partsB);
    expect(candidates.a).toHaveLength(9);
    expect(matchedOf(joined).sort((p, q) => p.scoreA - q.scoreA)).toEqual([
      { scoreA: 0.2, scoreB: 0.3, label: 0, code: 0 },
      { scoreA: 0.9, scoreB: 0.7, label: 1, code: 0 },
    ]);
    expect([joined.onlyA, joined.onlyB]).toEqual([1, 1]);
    expect(Array.from(joined.predictionIdsB).sort()).toEqual([100, 102]);
  });

  test("datasets without a shared id: no candidates, everything on one side", () => {
    const { candidates, joined } = join([segmentOf([{ id: "a1", score: 0.1, label: 0 }], 1)], [segmentOf([{ id: "b1", score: 0.2, label: 1 }], 5)]);
    expect(candidates.a).toHaveLength(0);
    expect(joined).toMatchObject({ onlyA: 1, onlyB: 1, labelConflicts: 0 });
    expect(joined.rows.labels).toHaveLength(0);
  });

  test("a slice code past the column's values becomes 'other values'", () => {
    const rows = [{ id: "p", score: 0.4, label: 1, code: 65535 }, { id: "q", score: 0.6, label: 0, code: 1 }];
    const a = keyedRows([segmentOf(rows, 1)], 1);
    const b = keyedRows([segmentOf(rows, 9)], 0);
    const joined = joinRows(a, b, candidatePairs(a, b), () => true, [{ column: "shop", values: ["s0", "s1"] }]);
    const [shop] = joined.rows.slices!;
    expect(shop.values).toEqual(["s0", "s1", "other values"]);
    expect(Array.from(shop.codes).sort()).toEqual([1, 2]);
  });
});

describe("the matched rows' score orders come from the segments", () => {
  test.each([[5, 1], [6, 4]])("seed %s, %s segments: ascending scores, every matched row once, and prepareComparison gives the same answer", (seed, segments) => {
    const { a, b } = syntheticPair(seed, 3000);
    const size = Math.ceil(a.length / segments);
    const partsA = Array.from({ length: segments }, (_, s) => segmentOf(a.slice(s * size, (s + 1) * size), 1 + s * size));
    const partsB = [segmentOf(b, 50_000)];
    const { joined } = join(partsA, partsB);
    const orderA = scoreOrderOf(joined.segmentA, joined.positionA, joined.rows.scoresA, partsA.map((p) => p.segment.offsets.length));
    const orderB = scoreOrderOf(joined.segmentB, joined.positionB, joined.rows.scoresB, partsB.map((p) => p.segment.offsets.length));
    for (const [order, scores] of [[orderA, joined.rows.scoresA], [orderB, joined.rows.scoresB]] as const) {
      expect(Array.from(order).sort((x, y) => x - y)).toEqual(Array.from({ length: scores.length }, (_, i) => i));
      expect(Array.from(order, (m) => scores[m])).toEqual(Array.from(scores).sort((x, y) => x - y));
    }
    const plain = prepareComparison(joined.rows);
    const fromSegments = prepareComparison(joined.rows, { a: orderA, b: orderB });
    expect(fromSegments.auc).toEqual(plain.auc);
    expect(fromSegments.sortedA).toEqual(plain.sortedA);
    expect(fromSegments.sortedB).toEqual(plain.sortedB);
  });

  test("an order that is not ascending is refused", () => {
    const rows = { scoresA: Float64Array.of(0.1, 0.9), scoresB: Float64Array.of(0.2, 0.3), labels: Uint8Array.of(0, 1) };
    expect(() => prepareComparison(rows, { a: Uint32Array.of(1, 0), b: Uint32Array.of(0, 1) })).toThrow("the score order is not ascending at 1");
  });
});

test("keyed rows merge several segments in (key, id) order", () => {
  const partsA = [segmentOf([{ id: "m", score: 0.1, label: 0 }, { id: "k", score: 0.5, label: 1 }], 1), segmentOf([{ id: "n", score: 0.3, label: 0 }], 3)];
  const rows: KeyedRows = keyedRows(partsA, 1);
  expect(Array.from(rows.keys)).toEqual(["m", "k", "n"].map((id) => exampleKey(id)).sort((x, y) => x - y));
  const byId = new Map([[1, 0.1], [2, 0.5], [3, 0.3]]);
  rows.ids.forEach((id, i) => expect(rows.scores[i]).toBe(byId.get(id)));
  expect(Array.from(rows.segment).sort()).toEqual([0, 0, 1]);
});

test("the pair's two long steps in the compute worker give what they give here, with one text check", async () => {
  const random = seededRandom(23);
  const n = 4000;
  const rowsA: Row[] = Array.from({ length: n }, (_, i) => ({ id: `ex-${i}`, score: Math.round(random() * 1e3) / 1e3, label: random() < 0.05 ? 255 : random() < 0.2 ? 1 : 0, code: i % 3 }));
  // B: most of A's ids (in another order, other scores), some of its own; "ex-7" and "b-extra-0" share a key (a collision).
  const rowsB: Row[] = rowsA.filter(() => random() < 0.9).map((r) => ({ id: r.id, score: Math.round(random() * 1e3) / 1e3, label: r.label }));
  for (let i = 0; i < 100; i++) rowsB.push({ id: `b-extra-${i}`, score: random(), label: 0 });
  rowsB.sort(() => random() - 0.5);
  const keyOf = (id: string) => (id === "b-extra-0" ? exampleKey("ex-7") : exampleKey(id));
  const partsA = [segmentOf(rowsA.slice(0, n / 2), 1, keyOf), segmentOf(rowsA.slice(n / 2), 1 + n / 2, keyOf)];
  const partsB = [segmentOf(rowsB, 1, keyOf)];
  const here = pairCandidates(partsA, partsB, 1);
  const there = await compute("pairCandidates", OFF_THREAD_FROM, partsA, partsB, 1);
  expect(there).toEqual(here);
  const textA = new Map(partsA.flatMap((p) => [...p.texts]));
  const textB = new Map(partsB.flatMap((p) => [...p.texts]));
  const same = Uint8Array.from(here.idsA, (id, k) => (textA.get(id) === textB.get(here.idsB[k]) ? 1 : 0));
  expect(same.filter((x) => x === 0).length).toBe(1);
  const slices = [{ column: "c", values: ["x", "y", "z"] }];
  const segmentRows = { a: partsA.map((p) => p.segment.offsets.length), b: partsB.map((p) => p.segment.offsets.length) };
  const joinedHere = joinPair(here, same, slices, segmentRows)!;
  const joinedThere = (await compute("joinPair", OFF_THREAD_FROM, there, same, slices, segmentRows))!;
  expect(joinedThere).toEqual(joinedHere);
  // One set of matched rows, shared by the join and the comparison, as here.
  expect(joinedThere.prepared.rows).toBe(joinedThere.joined.rows);
  expect(joinedHere.joined.rows.scoresA.length).toBe(bruteForce(rowsA, rowsB).matched.length);
  // The report at a threshold and at a load, in the worker (with its own scratch), as here.
  const traffic = { volumePerDay: 10_000, prevalence: 0.2 };
  for (const point of [{ threshold: 0.5 }, { flagged: 500 }]) {
    expect(await compute("compareAt", OFF_THREAD_FROM, joinedThere.prepared, point, traffic, { seed: 3 })).toEqual(compareAt(joinedHere.prepared, point, traffic, { seed: 3 }));
  }
  // No check (null) keeps every pair: the speculative join.
  expect(joinPair(here, null, slices, segmentRows)).toEqual(joinPair(here, same.map(() => 1), slices, segmentRows));
});
