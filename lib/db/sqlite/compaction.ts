import { MAX_SEGMENT_ROWS, mergeSegments } from "../../metrics/segment";
import { checkpointsAtCommit, writerSqlite } from "./connection";
import { sortKeys } from "../../metrics/key-sort";
import type { SegmentKeys } from "../codec";
import { deleteSegments, insertSegments, listSegments, readSegment, readSegmentKeys } from "./segments";

/** The keys of several segments as one sorted list, their offsets counted from `firstId`; null when none has keys. */
function mergedKeys(parts: ((SegmentKeys & { firstId: number }) | null)[], firstId: number): SegmentKeys | null {
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

/** Segments of about the same size (a tier) that are merged into one. */
export const SEGMENTS_PER_TIER = 4;

/** A segment's size tier: segments within a factor of 4 of each other share one. */
const tierOf = (rows: number) => Math.floor(Math.log(Math.max(rows, 1)) / Math.log(SEGMENTS_PER_TIER));

/**
 * Merges the segments of the smallest size tier that holds SEGMENTS_PER_TIER of them (size-tiered
 * compaction: a row is merged again only once the segments around it have grown 4 times, so a
 * stream's whole life costs about n log n, and a dataset keeps a few segments per tier). One
 * transaction; the figures do not change, but the version does, so every process reloads the
 * segments. False when nothing needed merging.
 */
export function compactDataset(datasetId: number, sliceColumns: number, db = writerSqlite()): boolean {
  const refs = listSegments(datasetId, db);
  if (!refs) return false;
  const tiers = new Map<number, typeof refs>();
  // Segments of half the largest size or more are left as they are: merged they would be split again.
  for (const ref of refs.filter((r) => r.rows < MAX_SEGMENT_ROWS / 2)) tiers.set(tierOf(ref.rows), [...(tiers.get(tierOf(ref.rows)) ?? []), ref]);
  const full = [...tiers.entries()].filter(([, group]) => group.length >= SEGMENTS_PER_TIER).sort((a, b) => a[0] - b[0])[0];
  if (!full) return false;
  const merged = full[1];
  db.exec("BEGIN IMMEDIATE");
  checkpointsAtCommit(db, false);
  try {
    const segments = merged.map((ref) => readSegment(ref.id, sliceColumns, db)).filter((s) => s !== null);
    const lastId = Math.max(...merged.map((r) => r.lastId));
    const segment = mergeSegments(segments);
    insertSegments(db, datasetId, segment, lastId, mergedKeys(merged.map((ref) => readSegmentKeys(ref.id, db)), segment.firstId));
    deleteSegments(db, merged.map((r) => r.id));
    db.prepare(`UPDATE "Dataset" SET version = version + 1 WHERE id = ?`).run(datasetId);
    db.exec("COMMIT");
    return true;
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  } finally {
    checkpointsAtCommit(db, true);
  }
}
