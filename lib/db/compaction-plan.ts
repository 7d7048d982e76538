/**
 * Size-tiered compaction of a dataset's segments, whatever the backend: which segments to merge,
 * and their keys merged. The backend reads and writes the segments in one transaction.
 */
import { sortKeys } from "../metrics/key-sort";
import { MAX_SEGMENT_ROWS } from "../metrics/segment";
import type { SegmentKeys } from "./codec";
import type { SegmentKeysAt } from "./example-keys";
import type { SegmentRef } from "./types";

/** Segments of about the same size (a tier) that are merged into one. */
export const SEGMENTS_PER_TIER = 4;

/**
 * Segments of this many rows or more are not merged again: four of them would make a segment of
 * 256K rows or more, and such a merge holds all of them and the result at once in the writer and
 * then the readers (a stream's peak memory rose ~150 MB with each merge into a 1M-row segment). A
 * stream's rows end in segments of 64K–256K rows: a threshold is still one binary search each.
 */
export const MERGED_FROM_BELOW_ROWS = MAX_SEGMENT_ROWS / 16;

/** A segment's size tier: segments within a factor of 4 of each other share one. */
const tierOf = (rows: number) => Math.floor(Math.log(Math.max(rows, 1)) / Math.log(SEGMENTS_PER_TIER));

/**
 * The segments of the smallest size tier that holds SEGMENTS_PER_TIER of them, or null when no
 * tier is full (size-tiered compaction: a row is merged again only once the segments around it
 * have grown 4 times, so a stream's whole life costs about n log n).
 */
export function segmentsToMerge(refs: SegmentRef[]): SegmentRef[] | null {
  const tiers = new Map<number, SegmentRef[]>();
  for (const ref of refs.filter((r) => r.rows < MERGED_FROM_BELOW_ROWS)) tiers.set(tierOf(ref.rows), [...(tiers.get(tierOf(ref.rows)) ?? []), ref]);
  const full = [...tiers.entries()].filter(([, group]) => group.length >= SEGMENTS_PER_TIER).sort((a, b) => a[0] - b[0])[0];
  return full ? full[1] : null;
}

/** The keys of several segments as one sorted list, their offsets counted from `firstId`; null when none has keys. */
export function mergedKeys(parts: (SegmentKeysAt | null)[], firstId: number): SegmentKeys | null {
  const present = parts.filter((p) => p !== null);
  if (present.length === 0) return null;
  const n = present.reduce((sum, p) => sum + p.keys.length, 0);
  const keys = new Float64Array(n);
  const offsets = new Uint32Array(n);
  let at = 0;
  for (const p of present) {
    keys.set(p.keys, at);
    for (let i = 0; i < p.keys.length; i++) offsets[at + i] = p.firstId + p.offsets[i] - firstId;
    at += p.keys.length;
  }
  const sorted = sortKeys(keys, offsets);
  return { keys: sorted.keys, offsets: sorted.positions };
}
