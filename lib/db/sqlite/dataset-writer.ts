import type Database from "better-sqlite3";
import type { DatasetMeta, WrittenDataset } from "../../ingest/types";
import { summarize } from "../../metrics";
import { segmentCounts, segmentTable } from "../../metrics/segment";
import type { BuiltSegment, KeyOrder } from "../../metrics/segment-builder";
import { sliceValuesJson } from "../views";
import { BatchWriter, type FinishInput } from "./batch-writer";
import type { RowInserter } from "./row-inserter";
import { insertSegments } from "./segments";
import type { StoredParts } from "./writer-protocol";

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

  /** Written segments' keys (for the repeated-id check at the end) and row counts; the first segment, for the summary. */
  private written: { keys: KeyOrder[]; counts: { positives: number; negatives: number }; first: BuiltSegment | null } = { keys: [], counts: { positives: 0, negatives: 0 }, first: null };

  /** The ids each part was stored under (a part of more than MAX_SEGMENT_ROWS rows is split), in the order taken. */
  private stored: number[][] = [];

  /** Where the parts went: their stored segments' ids, part by part, and the first row's id (their firstId). */
  storedParts(): StoredParts {
    return { firstId: this.inserter?.firstId ?? 0, ids: this.stored };
  }

  /** Stores each segment as it completes, so an import holds no more than one segment's rows however long its file. */
  protected takePart(part: BuiltSegment): void {
    const rows = this.inserter!;
    const { segment, keys } = part;
    let last = 0;
    for (let i = 0; i < segment.offsets.length; i++) if (segment.offsets[i] > last) last = segment.offsets[i];
    this.stored.push(insertSegments(this.db, this.datasetId, { ...segment, firstId: rows.firstId }, rows.firstId + last, keys && { keys: keys.keys, offsets: keys.positions }));
    const counts = segmentCounts(segment);
    const w = this.written;
    w.counts = { positives: w.counts.positives + counts.positives, negatives: w.counts.negatives + counts.negatives };
    if (keys) w.keys.push(keys);
    // One segment's summary is computed here; several are summarized on first read (from all of them).
    w.first = this.stored.length === 1 ? part : null;
  }

  protected writeBatch(rows: RowInserter, sliceValues: string[][], final: FinishInput): WrittenDataset {
    const meta = { ...this.meta!, ...final };
    const mapping = meta.mapping as { id?: string | null; slices?: string[] };
    // Each segment's keys, merged as they are read (repeatedKeyPositions).
    this.refuse(this.repeatedIds(this.written.keys, rows.firstId, mapping.id ?? "id"));
    const { positives, negatives } = this.written.counts;
    const summary = this.written.first ? summarize(segmentTable(this.written.first.segment)) : { scoreMin: null, scoreMax: null, rocAuc: null, averagePrecision: null, brier: null };
    const unlabeled = rows.count - positives - negatives;
    const datasetId = this.datasetId;
    this.db
      .prepare(
        `UPDATE "Dataset" SET rowCount = ?, positives = ?, negatives = ?, unlabeled = ?, scoreMin = ?, scoreMax = ?, rocAuc = ?, averagePrecision = ?, brier = ?, timestampMin = ?, timestampMax = ?, positiveLabel = ?, negativeLabel = ?, sliceValues = ?, summaryVersion = CASE WHEN ? = 1 THEN version ELSE 0 END WHERE id = ?`,
      )
      .run(
        rows.count, positives, negatives, unlabeled, summary.scoreMin, summary.scoreMax, summary.rocAuc, summary.averagePrecision, summary.brier,
        Number.isFinite(rows.timestampMin) ? rows.timestampMin : null, Number.isFinite(rows.timestampMax) ? rows.timestampMax : null,
        meta.positiveLabel, meta.negativeLabel, sliceValuesJson(mapping.slices ?? [], sliceValues), this.written.first ? 1 : 0, datasetId,
      );
    const durationMs = this.duration;
    this.db
      .prepare(
        `INSERT INTO "Import" (datasetId, kind, firstId, lastId, sourceFile, mapping, rows, positives, negatives, unlabeled, bytes, durationMs, createdAt) VALUES (?, 'import', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(datasetId, rows.firstId, rows.lastId, meta.sourceFile ?? null, JSON.stringify(meta.mapping), rows.count, positives, negatives, unlabeled, meta.bytes ?? 0, durationMs, Date.now());
    return { id: datasetId, rows: rows.count, positives, negatives, unlabeled, durationMs };
  }
}
