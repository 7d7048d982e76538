import type { BatchView } from "../types";
import { isoInstant } from "./annotations";
import { sharedSqlite } from "./connection";

/** A dataset's batches (imports, appends, label sets), oldest first. */
export function listBatches(datasetId: number): BatchView[] {
  const rows = sharedSqlite()
    .prepare(`SELECT id, kind, sourceFile, rows, positives, negatives, unlabeled, bytes, durationMs, createdAt FROM "Import" WHERE datasetId = ? ORDER BY createdAt, id`)
    .all(datasetId) as (Omit<BatchView, "createdAt"> & { createdAt: number | string })[];
  return rows.map((r) => ({ ...r, createdAt: isoInstant(r.createdAt) ?? "" }));
}
