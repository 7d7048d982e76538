// A new dataset on PostgreSQL, in one transaction (see PgBatchWriter).
import type { DatasetMeta, ScoreIndexes, WrittenDataset } from "../../ingest/types";
import { summarize } from "../../metrics";
import { refuseProblems } from "../batch-checks";
import { sliceValuesJson } from "../views";
import { PgBatchWriter, type BatchRows, type FinishInput } from "./batch-writer";
import { insertSegment } from "./segments";
import { instantAt, rowOf } from "./sql";

/** A byte count as "Import"."bytes" (INTEGER) holds it: at most 2^31 − 1 (a 2 GB upload is 2^31). */
export const storedBytes = (bytes: number | undefined) => Math.min(bytes ?? 0, 2 ** 31 - 1);

/** Epoch ms, or null for ±Infinity (a batch without timestamps). */
export const finiteOrNull = (ms: number) => (Number.isFinite(ms) ? ms : null);

/**
 * Writes one new dataset in a single transaction: the rows (COPY), then at the end their
 * segment, their example-id keys in key order (a repeated id refuses the file), the summary
 * figures and the import record, exactly as the SQLite DatasetWriter does.
 */
export class PgDatasetWriter extends PgBatchWriter {
  protected async openDataset(meta: DatasetMeta): Promise<number> {
    const row = await rowOf<{ id: number }>(
      `INSERT INTO "Dataset" ("name", "sourceFile", "createdAt", "updatedAt", "version", "positiveLabel", "negativeLabel", "mapping", "modelName", "modelVersion", "isDemo")
       VALUES ($1, $2, ${instantAt("$3")}, ${instantAt("$3")}, 1, $4, $5, $6, $7, $8, $9) RETURNING "id"`,
      [meta.name, meta.sourceFile ?? null, Date.now(), meta.positiveLabel, meta.negativeLabel, JSON.stringify(meta.mapping), meta.modelName ?? null, meta.modelVersion ?? null, meta.isDemo ?? false],
      this.db,
    );
    return row!.id;
  }

  protected async writeBatch(rows: BatchRows, indexes: ScoreIndexes, final: FinishInput): Promise<WrittenDataset> {
    const meta = { ...this.meta!, ...final };
    const mapping = meta.mapping as { id?: string | null; slices?: string[] };
    const { segment, table, keys } = indexes;
    if (keys) refuseProblems(await this.repeatedIds(keys, rows.firstId, mapping.id ?? "id"));
    const summary = summarize(table);
    const unlabeled = rows.count - summary.positives - summary.negatives;
    const datasetId = this.datasetId;
    await this.db.query(
      `UPDATE "Dataset" SET "rowCount" = $1, "positives" = $2, "negatives" = $3, "unlabeled" = $4, "scoreMin" = $5, "scoreMax" = $6, "rocAuc" = $7, "averagePrecision" = $8, "brier" = $9,
         "timestampMin" = ${instantAt("$10")}, "timestampMax" = ${instantAt("$11")}, "positiveLabel" = $12, "negativeLabel" = $13, "sliceValues" = $14, "summaryVersion" = "version" WHERE "id" = $15`,
      [
        rows.count, summary.positives, summary.negatives, unlabeled, summary.scoreMin, summary.scoreMax, summary.rocAuc, summary.averagePrecision, summary.brier,
        finiteOrNull(rows.timestampMin), finiteOrNull(rows.timestampMax), meta.positiveLabel, meta.negativeLabel, sliceValuesJson(mapping.slices ?? [], indexes.sliceValues), datasetId,
      ],
    );
    await insertSegment(this.db, datasetId, { ...segment, firstId: rows.firstId }, rows.lastId, keys && { keys: keys.keys, offsets: keys.positions });
    const durationMs = this.duration;
    await this.db.query(
      `INSERT INTO "Import" ("datasetId", "kind", "firstId", "lastId", "sourceFile", "mapping", "rows", "positives", "negatives", "unlabeled", "bytes", "durationMs", "createdAt")
       VALUES ($1, 'import', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ${instantAt("$12")})`,
      [datasetId, rows.firstId, rows.lastId, meta.sourceFile ?? null, JSON.stringify(meta.mapping), rows.count, summary.positives, summary.negatives, unlabeled, storedBytes(meta.bytes), durationMs, Date.now()],
    );
    return { id: datasetId, rows: rows.count, positives: summary.positives, negatives: summary.negatives, unlabeled, durationMs };
  }
}
