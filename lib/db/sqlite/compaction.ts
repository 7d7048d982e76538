import { mergeSegments } from "../../metrics/segment";
import { mergedKeys, segmentsToMerge } from "../compaction-plan";
import { checkpointsAtCommit, immediateTransaction, writerSqlite } from "./connection";
import { deleteSegments, insertSegments, listSegments, readSegment, readSegmentKeys } from "./segments";

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
  const merged = segmentsToMerge(refs);
  if (!merged) return false;
  checkpointsAtCommit(db, false);
  try {
    return immediateTransaction(db, () => {
      const segments = merged.map((ref) => readSegment(ref.id, sliceColumns, db)).filter((s) => s !== null);
      const lastId = Math.max(...merged.map((r) => r.lastId));
      const segment = mergeSegments(segments);
      insertSegments(db, datasetId, segment, lastId, mergedKeys(merged.map((ref) => readSegmentKeys(ref.id, db)), segment.firstId));
      deleteSegments(db, merged.map((r) => r.id));
      db.prepare(`UPDATE "Dataset" SET version = version + 1 WHERE id = ?`).run(datasetId);
      return true;
    });
  } finally {
    checkpointsAtCommit(db, true);
  }
}
