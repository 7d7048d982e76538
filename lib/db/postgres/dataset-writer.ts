// A new dataset on PostgreSQL, in one transaction (see PgBatchWriter).
import type { DatasetMeta, WrittenDataset } from "../../ingest/types";
import { summarize } from "../../metrics";
import { segmentCounts, segmentTable } from "../../metrics/segment";
import type { BuiltSegment, KeyOrder } from "../../metrics/segment-builder";
import { refuseProblems } from "../batch-checks";
import { sliceValuesJson } from "../views";
import { PgBatchWriter, type BatchRows, type FinishInput } from "./batch-writer";
import { insertSegments } from "./segments";
import { instantAt, rowOf } from "./sql";

/** A byte count as "Import"."bytes" (INTEGER) holds it: at most 2^31 − 1 (a 2 GB upload is 2^31). */
export const storedBytes = (bytes: number | undefined) => Math.min(bytes ?? 0, 2 ** 31 - 1);

/** Epoch ms, or null for ±Infinity (a batch without timestamps). */
export const finiteOrNull = (ms: number) => (Number.isFinite(ms) ? ms : null);

/**
 * Writes one new dataset in a single transaction, exactly as the SQLite DatasetWriter does: the
 * rows (COPY), each segment as the parser completes it, then at the end their example-id keys in
 * one key order (a repeated id refuses the file), the counts, the summary figures (of a single
 * segment; several are summarized on first read) and the import record.
 */
export class PgDatasetWriter extends PgBatchWriter {
  /** Written segments' keys (for the repeated-id check at the end) and row counts; the first segment, for the summary. */
  private written: { keys: KeyOrder[]; counts: { positives: number; negatives: number }; first: BuiltSegment | null; segments: number } = { keys: [], counts: { positives: 0, negatives: 0 }, first: null, segments: 0 };

  /** Stores each segment as it completes, so an import holds no more than one segment's columns however long its file. */
  protected async takePart(part: BuiltSegment): Promise<void> {
    const { segment, keys } = part;
    let last = 0;
    for (let i = 0; i < segment.offsets.length; i++) if (segment.offsets[i] > last) last = segment.offsets[i];
    const firstId = this.firstRowId;
    await insertSegments(this.db, this.datasetId, { ...segment, firstId }, firstId + last, keys && { keys: keys.keys, offsets: keys.positions });
    const counts = segmentCounts(segment);
    const w = this.written;
    w.counts = { positives: w.counts.positives + counts.positives, negatives: w.counts.negatives + counts.negatives };
    if (keys) w.keys.push(keys);
    w.first = w.segments++ === 0 ? part : null;
  }

  protected async openDataset(meta: DatasetMeta): Promise<number> {
    const row = await rowOf<{ id: number }>(
      `INSERT INTO "Dataset" ("name", "sourceFile", "createdAt", "updatedAt", "version", "positiveLabel", "negativeLabel", "mapping", "modelName", "modelVersion", "isDemo")
       VALUES ($1, $2, ${instantAt("$3")}, ${instantAt("$3")}, 1, $4, $5, $6, $7, $8, $9) RETURNING "id"`,
      [meta.name, meta.sourceFile ?? null, Date.now(), meta.positiveLabel, meta.negativeLabel, JSON.stringify(meta.mapping), meta.modelName ?? null, meta.modelVersion ?? null, meta.isDemo ?? false],
      this.db,
    );
    return row!.id;
  }

  protected async writeBatch(rows: BatchRows, sliceValues: string[][], final: FinishInput): Promise<WrittenDataset> {
    const meta = { ...this.meta!, ...final };
    const mapping = meta.mapping as { id?: string | null; slices?: string[] };
    // Each segment's keys, merged as they are read (repeatedKeyPositions).
    refuseProblems(await this.repeatedIds(this.written.keys, rows.firstId, mapping.id ?? "id"));
    const { positives, negatives } = this.written.counts;
    const summary = this.written.first ? summarize(segmentTable(this.written.first.segment)) : { scoreMin: null, scoreMax: null, rocAuc: null, averagePrecision: null, brier: null };
    const unlabeled = rows.count - positives - negatives;
    const datasetId = this.datasetId;
    await this.db.query(
      `UPDATE "Dataset" SET "rowCount" = $1, "positives" = $2, "negatives" = $3, "unlabeled" = $4, "scoreMin" = $5, "scoreMax" = $6, "rocAuc" = $7, "averagePrecision" = $8, "brier" = $9,
         "timestampMin" = ${instantAt("$10")}, "timestampMax" = ${instantAt("$11")}, "positiveLabel" = $12, "negativeLabel" = $13, "sliceValues" = $14, "summaryVersion" = CASE WHEN $16 THEN "version" ELSE 0 END WHERE "id" = $15`,
      [
        rows.count, positives, negatives, unlabeled, summary.scoreMin, summary.scoreMax, summary.rocAuc, summary.averagePrecision, summary.brier,
        finiteOrNull(rows.timestampMin), finiteOrNull(rows.timestampMax), meta.positiveLabel, meta.negativeLabel, sliceValuesJson(mapping.slices ?? [], sliceValues), datasetId, this.written.first !== null,
      ],
    );
    const durationMs = this.duration;
    await this.db.query(
      `INSERT INTO "Import" ("datasetId", "kind", "firstId", "lastId", "sourceFile", "mapping", "rows", "positives", "negatives", "unlabeled", "bytes", "durationMs", "createdAt")
       VALUES ($1, 'import', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ${instantAt("$12")})`,
      [datasetId, rows.firstId, rows.lastId, meta.sourceFile ?? null, JSON.stringify(meta.mapping), rows.count, positives, negatives, unlabeled, storedBytes(meta.bytes), durationMs, Date.now()],
    );
    return { id: datasetId, rows: rows.count, positives, negatives, unlabeled, durationMs };
  }
}
