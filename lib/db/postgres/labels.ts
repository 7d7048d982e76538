// Late labels on PostgreSQL: rows, segments, counts, history and version in one transaction.
import { idsInSegment, planLabelChanges, relabeled } from "../label-plan";
import type { LabelChangeInput, LabelsWritten } from "../types";
import { listSegments, readSegmentLabels, replaceSegmentLabels } from "./segments";
import { instantAt, rowsOf } from "./sql";
import { inWriteTransaction } from "./write-transaction";

/**
 * Sets the labels of existing rows in one transaction, as the SQLite writeLabels does: the rows,
 * every segment holding them, the dataset's counts and version, a history entry per changed row
 * (who, when, the old value) and a "labels" batch. Rows whose label does not change are counted
 * but not written; ids the dataset does not have are ignored.
 */
export function writeLabels(datasetId: number, changes: LabelChangeInput[], source: string, reviewer: string | null): Promise<LabelsWritten> {
  const started = Date.now();
  return inWriteTransaction(datasetId, async (db) => {
    if (!db) return { received: changes.length, changed: 0 };
    const stored = await rowsOf<{ id: number; label: number | null }>(
      `SELECT "id", "label" FROM "Prediction" WHERE "datasetId" = $1 AND "id" = ANY($2::int[])`,
      [datasetId, changes.map((c) => c.predictionId)],
      db,
    );
    const old = new Map(stored.map((r) => [r.id, r.label]));
    const { changed, reviewers, delta } = planLabelChanges(changes, old, reviewer);
    const now = Date.now();
    if (changed.size) {
      const ids = [...changed.keys()];
      await db.query(
        `UPDATE "Prediction" p SET "label" = c."label" FROM unnest($1::int[], $2::int[]) AS c("id", "label") WHERE p."id" = c."id"`,
        [ids, ids.map((id) => changed.get(id))],
      );
      await db.query(
        `INSERT INTO "LabelChange" ("datasetId", "predictionId", "oldLabel", "newLabel", "reviewer", "source", "createdAt")
         SELECT $1, c."id", c."old", c."new", c."reviewer", $5, ${instantAt("$6")} FROM unnest($2::int[], $3::int[], $4::int[], $7::text[]) WITH ORDINALITY AS c("id", "old", "new", "reviewer", "n") ORDER BY c."n"`,
        [datasetId, ids, ids.map((id) => old.get(id) ?? null), ids.map((id) => changed.get(id)), source, now, ids.map((id) => reviewers.get(id) ?? null)],
      );
      for (const ref of (await listSegments(datasetId, db)) ?? []) {
        const mine = idsInSegment(changed, ref);
        if (mine.length === 0) continue;
        const columns = await readSegmentLabels(ref.id, db);
        const labels = columns && relabeled(columns.offsets, columns.labels, ref.firstId, mine, changed);
        if (labels) await replaceSegmentLabels(db, ref.id, labels);
      }
      await db.query(
        `UPDATE "Dataset" SET "positives" = "positives" + $1, "negatives" = "negatives" + $2, "unlabeled" = "unlabeled" + $3, "version" = "version" + 1, "updatedAt" = ${instantAt("$4")} WHERE "id" = $5`,
        [delta.positives, delta.negatives, delta.unlabeled, now, datasetId],
      );
    }
    await db.query(
      `INSERT INTO "Import" ("datasetId", "kind", "firstId", "lastId", "sourceFile", "rows", "positives", "negatives", "unlabeled", "durationMs", "createdAt")
       VALUES ($1, 'labels', 0, -1, $2, $3, $4, $5, 0, $6, ${instantAt("$7")})`,
      [datasetId, source, changed.size, Math.max(0, delta.positives), Math.max(0, delta.negatives), Date.now() - started, now],
    );
    return { received: changes.length, changed: changed.size };
  });
}
