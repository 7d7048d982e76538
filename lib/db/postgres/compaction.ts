// Size-tiered compaction of a dataset's segments on PostgreSQL (the plan: lib/db/compaction-plan.ts).
import { mergeSegments } from "../../metrics/segment";
import { mergedKeys, segmentsToMerge } from "../compaction-plan";
import { deleteSegments, insertSegments, listSegments, readSegment, readSegmentKeys } from "./segments";
import { inWriteTransaction } from "./write-transaction";

/**
 * Merges the segments of the smallest full size tier into one, in one transaction holding the
 * write lock, as the SQLite compactDataset does: the figures do not change, the version does (every
 * instance reloads the segments). False when nothing needed merging or the dataset is gone.
 */
export function compactDataset(datasetId: number, sliceColumns: number): Promise<boolean> {
  return inWriteTransaction(datasetId, async (db) => {
    if (!db) return false;
    const merged = segmentsToMerge((await listSegments(datasetId, db)) ?? []);
    if (!merged) return false;
    const segments = (await Promise.all(merged.map((ref) => readSegment(ref.id, sliceColumns, db)))).filter((s) => s !== null);
    const keys = await Promise.all(merged.map((ref) => readSegmentKeys(ref.id, db)));
    const lastId = Math.max(...merged.map((r) => r.lastId));
    const segment = mergeSegments(segments);
    await insertSegments(db, datasetId, segment, lastId, mergedKeys(keys, segment.firstId));
    await deleteSegments(db, merged.map((r) => r.id));
    await db.query(`UPDATE "Dataset" SET "version" = "version" + 1 WHERE "id" = $1`, [datasetId]);
    return true;
  });
}
