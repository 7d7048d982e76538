// A dataset's batches on PostgreSQL.
import type { BatchView } from "../types";
import { rowsOf } from "./sql";

/** A dataset's batches (imports, appends, label sets), oldest first. */
export async function listBatches(datasetId: number): Promise<BatchView[]> {
  const rows = await rowsOf<Omit<BatchView, "createdAt"> & { createdAt: Date }>(
    `SELECT "id", "kind", "sourceFile", "rows", "positives", "negatives", "unlabeled", "bytes", "durationMs", "createdAt" FROM "Import" WHERE "datasetId" = $1 ORDER BY "createdAt", "id"`,
    [datasetId],
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
