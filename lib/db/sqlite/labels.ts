import type Database from "better-sqlite3";
import { idsInSegment, planLabelChanges, relabeled } from "../label-plan";
import type { LabelChangeInput, LabelsWritten } from "../types";
import { checkpointsAtCommit, immediateTransaction, writerSqlite } from "./connection";
import { listSegments, replaceSegmentLabels } from "./segments";

const CHUNK = 500;

/** The stored labels of the given predictions of a dataset (missing ids are left out). */
function currentLabels(db: Database.Database, datasetId: number, ids: number[]): Map<number, number | null> {
  const out = new Map<number, number | null>();
  for (let at = 0; at < ids.length; at += CHUNK) {
    const chunk = ids.slice(at, at + CHUNK);
    const rows = db.prepare(`SELECT id, label FROM "Prediction" WHERE datasetId = ? AND id IN (${chunk.map(() => "?").join(",")})`).raw(true).all(datasetId, ...chunk) as [number, number | null][];
    for (const [id, label] of rows) out.set(id, label);
  }
  return out;
}

/** Writes new labels into every segment holding one of the rows (segment labels blob, revision + 1). */
function relabelSegments(db: Database.Database, datasetId: number, changed: Map<number, number | null>): void {
  for (const ref of listSegments(datasetId, db) ?? []) {
    const mine = idsInSegment(changed, ref);
    if (mine.length === 0) continue;
    const row = db.prepare(`SELECT offsets, labels FROM "Segment" WHERE id = ?`).get(ref.id) as { offsets: Uint8Array; labels: Uint8Array };
    const offsets = new Uint32Array(row.offsets.buffer.slice(row.offsets.byteOffset, row.offsets.byteOffset + row.offsets.byteLength));
    const labels = relabeled(offsets, row.labels, ref.firstId, mine, changed);
    if (labels) replaceSegmentLabels(db, ref.id, labels);
  }
}

/**
 * Sets the labels of existing rows in one transaction: the rows, every segment holding them, the
 * dataset's counts and version, a history entry per changed row (who, when, the old value) and a
 * "labels" batch. Rows whose label does not change are counted but not written.
 */
export function writeLabels(datasetId: number, changes: LabelChangeInput[], source: string, reviewer: string | null, db: Database.Database = writerSqlite()): LabelsWritten {
  const started = Date.now();
  checkpointsAtCommit(db, false);
  try {
    return immediateTransaction(db, () => {
      const old = currentLabels(db, datasetId, changes.map((c) => c.predictionId));
      const { changed, reviewers, delta } = planLabelChanges(changes, old, reviewer);
      const update = db.prepare(`UPDATE "Prediction" SET label = ? WHERE id = ?`);
      const history = db.prepare(`INSERT INTO "LabelChange" (datasetId, predictionId, oldLabel, newLabel, reviewer, source, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`);
      const now = Date.now();
      for (const [id, label] of changed) {
        update.run(label, id);
        history.run(datasetId, id, old.get(id) ?? null, label, reviewers.get(id) ?? null, source, now);
      }
      if (changed.size) {
        relabelSegments(db, datasetId, changed);
        db.prepare(`UPDATE "Dataset" SET positives = positives + ?, negatives = negatives + ?, unlabeled = unlabeled + ?, version = version + 1, updatedAt = ? WHERE id = ?`).run(delta.positives, delta.negatives, delta.unlabeled, now, datasetId);
      }
      db.prepare(`INSERT INTO "Import" (datasetId, kind, firstId, lastId, sourceFile, rows, positives, negatives, unlabeled, durationMs, createdAt) VALUES (?, 'labels', 0, -1, ?, ?, ?, ?, ?, ?, ?)`).run(
        datasetId, source, changed.size, Math.max(0, delta.positives), Math.max(0, delta.negatives), 0, Date.now() - started, now,
      );
      return { received: changes.length, changed: changed.size };
    });
  } finally {
    checkpointsAtCommit(db, true);
  }
}
