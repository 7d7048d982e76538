import type Database from "better-sqlite3";
import type { DatasetMeta, ScoreIndexes, WrittenDataset } from "../../ingest/types";
import { summarize } from "../../metrics";
import { sliceValuesJson } from "../views";
import { BatchWriter, type FinishInput } from "./batch-writer";
import type { RowInserter } from "./row-inserter";
import { insertSegment } from "./segments";

/**
 * Writes one new dataset in a single transaction (see BatchWriter): the rows, then at the end
 * their segment, their example-id keys in key order (a repeated id refuses the file), the
 * summary figures and the import record. `new DatasetWriter(meta)` begins at once;
 * `new DatasetWriter()` waits for `begin(meta)` (the ingest core calls it once the header is read).
 */
export class DatasetWriter extends BatchWriter {
  constructor(meta?: DatasetMeta, db?: Database.Database) {
    super(db);
    if (meta) this.begin(meta);
  }

  protected openDataset(meta: DatasetMeta): number {
    const now = Date.now();
    const result = this.db
      .prepare(
        `INSERT INTO "Dataset" (name, sourceFile, createdAt, updatedAt, version, positiveLabel, negativeLabel, mapping, modelName, modelVersion, isDemo) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
      )
      .run(meta.name, meta.sourceFile ?? null, now, now, meta.positiveLabel, meta.negativeLabel, JSON.stringify(meta.mapping), meta.modelName ?? null, meta.modelVersion ?? null, meta.isDemo ? 1 : 0);
    return Number(result.lastInsertRowid);
  }

  protected writeBatch(rows: RowInserter, indexes: ScoreIndexes, final: FinishInput): WrittenDataset {
    const meta = { ...this.meta!, ...final };
    const mapping = meta.mapping as { id?: string | null; slices?: string[] };
    const { segment, table, keys } = indexes;
    if (keys) this.refuse(this.repeatedIds(keys, rows.firstId, mapping.id ?? "id"));
    const summary = summarize(table);
    const unlabeled = rows.count - summary.positives - summary.negatives;
    const datasetId = this.datasetId;
    this.db
      .prepare(
        `UPDATE "Dataset" SET rowCount = ?, positives = ?, negatives = ?, unlabeled = ?, scoreMin = ?, scoreMax = ?, rocAuc = ?, averagePrecision = ?, brier = ?, timestampMin = ?, timestampMax = ?, positiveLabel = ?, negativeLabel = ?, sliceValues = ?, summaryVersion = version WHERE id = ?`,
      )
      .run(
        rows.count, summary.positives, summary.negatives, unlabeled, summary.scoreMin, summary.scoreMax, summary.rocAuc, summary.averagePrecision, summary.brier,
        Number.isFinite(rows.timestampMin) ? rows.timestampMin : null, Number.isFinite(rows.timestampMax) ? rows.timestampMax : null,
        meta.positiveLabel, meta.negativeLabel, sliceValuesJson(mapping.slices ?? [], indexes.sliceValues), datasetId,
      );
    insertSegment(this.db, datasetId, { ...segment, firstId: rows.firstId }, rows.lastId, keys && { keys: keys.keys, offsets: keys.positions });
    const durationMs = this.duration;
    this.db
      .prepare(
        `INSERT INTO "Import" (datasetId, kind, firstId, lastId, sourceFile, mapping, rows, positives, negatives, unlabeled, bytes, durationMs, createdAt) VALUES (?, 'import', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(datasetId, rows.firstId, rows.lastId, meta.sourceFile ?? null, JSON.stringify(meta.mapping), rows.count, summary.positives, summary.negatives, unlabeled, meta.bytes ?? 0, durationMs, Date.now());
    return { id: datasetId, rows: rows.count, positives: summary.positives, negatives: summary.negatives, unlabeled, durationMs };
  }
}
