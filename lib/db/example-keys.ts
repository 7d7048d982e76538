/**
 * Example ids → prediction ids, whatever the backend: each segment keeps its rows' example-id keys
 * sorted (53-bit hashes, lib/ingest/example-key.ts), so a lookup is a binary search per segment;
 * the stored example ids then settle which candidates really match (keys can collide).
 */
import { exampleKey } from "../ingest/example-key";
import { firstAtOrAbove } from "../metrics";
import type { SegmentKeys } from "./codec";
import type { StoredIds } from "./batch-checks";

/** A segment's keys with the first id its offsets count from. */
export type SegmentKeysAt = SegmentKeys & { firstId: number };

/** The prediction ids stored under each of `keys` in these segments (several when ids collide or repeat). */
export function predictionsOfKeysIn(segments: SegmentKeysAt[], keys: ArrayLike<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const segment of segments) {
    for (let q = 0; q < keys.length; q++) {
      const key = keys[q];
      for (let i = firstAtOrAbove(segment.keys, key); i < segment.keys.length && segment.keys[i] === key; i++) {
        const list = out.get(key);
        const id = segment.firstId + segment.offsets[i];
        if (!list) out.set(key, [id]);
        else if (!list.includes(id)) list.push(id);
      }
    }
  }
  return out;
}

/** The keys of example ids, in order. */
export const keysOfExamples = (exampleIds: string[]) => exampleIds.map((id) => exampleKey(id));

/** Every candidate prediction id of a lookup (to read their stored example ids). */
export const candidateIds = (candidates: Map<number, number[]>) => [...new Set([...candidates.values()].flat())];

/** The prediction id of each example id whose stored example id matches exactly (others are left out). */
export function matchExampleIds(exampleIds: string[], keys: number[], candidates: Map<number, number[]>, stored: StoredIds): Map<string, number> {
  const out = new Map<string, number>();
  exampleIds.forEach((id, i) => {
    const found = (candidates.get(keys[i]) ?? []).find((p) => stored.get(p)?.exampleId === id);
    if (found !== undefined) out.set(id, found);
  });
  return out;
}
