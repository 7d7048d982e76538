import fc from "fast-check";
import { expect, test } from "vitest";
import { allKeys, repeatedKeyPositions } from "@/lib/db/batch-checks";
import { sortKeys } from "@/lib/metrics/key-sort";
import type { KeyOrder } from "@/lib/metrics/segment-builder";

/** Segments' key orders as the parser builds them: each sorted (ties by position), positions rising from segment to segment. */
function keyOrders(segments: number[][]): KeyOrder[] {
  let position = 0;
  return segments.map((keys) => {
    const positions = Uint32Array.from(keys, () => position++);
    const sorted = sortKeys(Float64Array.from(keys), positions);
    return { keys: sorted.keys, positions: sorted.positions };
  });
}

/** The reference: every key of every segment in one list, sorted by (key, position); neighbours with equal keys. */
function bruteForce(orders: KeyOrder[]): [number, number][] {
  const all = orders.flatMap((o) => [...o.keys].map((key, i) => ({ key, position: o.positions[i] })));
  all.sort((a, b) => a.key - b.key || a.position - b.position);
  const pairs: [number, number][] = [];
  for (let i = 1; i < all.length; i++) if (all[i].key === all[i - 1].key) pairs.push([all[i - 1].position, all[i].position]);
  return pairs;
}

test("repeated keys across segments, read as their merge, are the pairs of one sorted list (keys repeated within and across segments, empty segments)", () => {
  fc.assert(
    fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }), { maxLength: 9 }), (segments) => {
      const orders = keyOrders(segments);
      const expected = bruteForce(orders);
      expect(repeatedKeyPositions(orders)).toEqual(expected);
      const merged = allKeys(orders);
      expect(merged ? repeatedKeyPositions(merged) : []).toEqual(expected);
    }),
    { numRuns: 400 },
  );
});

test("a million keys in five segments with 1,000 ids repeated: the same pairs as the merged sort", () => {
  const segments = Array.from({ length: 5 }, (_, s) => Array.from({ length: 200_000 }, (_, i) => (s === 4 && i < 1000 ? i * 7 : s * 200_000 + i) * 1.5));
  const orders = keyOrders(segments);
  const pairs = repeatedKeyPositions(orders);
  expect(pairs).toHaveLength(1000);
  expect(pairs).toEqual(repeatedKeyPositions(allKeys(orders)!));
  expect(pairs[0]).toEqual([0, 800_000]);
});
