import type Database from "better-sqlite3";
import { splitSegment, type ScoreSegment } from "../../metrics/segment";
import { decodeKeys, decodeSegment, encodeKeys, encodeSegment, toBytes, type SegmentKeys } from "../codec";
import type { SegmentRef } from "../types";
import { sharedSqlite } from "./connection";

/** Stores a segment of a dataset (its ids: segment.firstId + offsets, up to lastId) with its keys; its id. */
export function insertSegment(db: Database.Database, datasetId: number, segment: ScoreSegment, lastId: number, keys: SegmentKeys | null): number {
  const c = encodeSegment(segment);
  const k = encodeKeys(keys);
  const result = db
    .prepare(`INSERT INTO "Segment" (datasetId, revision, firstId, lastId, rows, offsets, scores, labels, times, slices, keys, keyOffsets) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(datasetId, segment.firstId, lastId, segment.offsets.length, c.offsets, c.scores, c.labels, c.times, c.slices, k.keys, k.keyOffsets);
  return Number(result.lastInsertRowid);
}

/**
 * Stores the rows of a batch as segments of at most MAX_SEGMENT_ROWS rows each (split along the
 * score order): each is written, and later read, as one record of a few tens of MB at most.
 */
export function insertSegments(db: Database.Database, datasetId: number, segment: ScoreSegment, lastId: number, keys: SegmentKeys | null): number[] {
  return splitSegment(segment, keys).map((piece) => insertSegment(db, datasetId, piece.segment, lastId, piece.keys));
}

/** A stored segment's example-id keys (with its first id), or null when it has none or is gone. */
export function readSegmentKeys(segmentId: number, db: Database.Database = sharedSqlite(), options: { shared?: boolean } = {}): (SegmentKeys & { firstId: number }) | null {
  const row = db.prepare(`SELECT firstId, keys, keyOffsets FROM "Segment" WHERE id = ?`).get(segmentId) as { firstId: number; keys: Uint8Array | null; keyOffsets: Uint8Array | null } | undefined;
  const keys = row && decodeKeys(row.keys, row.keyOffsets, options);
  return keys ? { ...keys, firstId: row!.firstId } : null;
}

/** A dataset's segments, largest first; null when there is no such dataset. */
export function listSegments(datasetId: number, db: Database.Database = sharedSqlite()): SegmentRef[] | null {
  const rows = db.prepare(`SELECT s.id, s.revision, s.firstId, s.lastId, s.rows FROM "Dataset" d LEFT JOIN "Segment" s ON s.datasetId = d.id WHERE d.id = ? ORDER BY s.rows DESC, s.id`).all(datasetId) as (SegmentRef | { id: null })[];
  if (rows.length === 0) return null;
  return rows.filter((r): r is SegmentRef => r.id !== null);
}

/** One stored segment as typed arrays (over shared memory with `{ shared: true }`), or null when it is gone (replaced by a compaction). */
export function readSegment(segmentId: number, sliceColumns: number, db: Database.Database = sharedSqlite(), options: { shared?: boolean } = {}): ScoreSegment | null {
  const row = db.prepare(`SELECT firstId, offsets, scores, labels, times, slices FROM "Segment" WHERE id = ?`).get(segmentId) as
    | { firstId: number; offsets: Uint8Array; scores: Uint8Array; labels: Uint8Array; times: Uint8Array | null; slices: Uint8Array | null }
    | undefined;
  return row ? decodeSegment(row.firstId, row, sliceColumns, options) : null;
}

/** Replaces a segment's labels (same rows, same order) and bumps its revision. */
export function replaceSegmentLabels(db: Database.Database, segmentId: number, labels: Uint8Array): void {
  db.prepare(`UPDATE "Segment" SET labels = ?, revision = revision + 1 WHERE id = ?`).run(toBytes(labels), segmentId);
}

/** Deletes segments (after their rows went into a merged one). */
export function deleteSegments(db: Database.Database, ids: number[]): void {
  const drop = db.prepare(`DELETE FROM "Segment" WHERE id = ?`);
  for (const id of ids) drop.run(id);
}
