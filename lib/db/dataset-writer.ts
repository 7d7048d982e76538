import type Database from "better-sqlite3";
import type { DatasetMeta, DatasetSink, PredictionRow, ScoreIndexes, WrittenDataset } from "../ingest/types";
import { UNLABELED } from "../ingest/types";
import { summarize, type ScoreOrder } from "../metrics";
import { batchTexts, type RowBatch } from "../ingest/row-batch";
import { ScoreCollector } from "../ingest/score-collector";
import { saveScoreOrder } from "./score-orders";
import { insertScoreTable } from "./score-tables";
import { checkpointsAtCommit, writerSqlite } from "./sqlite";

export { UNLABELED };
export type { DatasetMeta, PredictionRow, WrittenDataset };

const ROWS_PER_STATEMENT = 100;
const COLUMNS = ["datasetId", "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras"];
const WIDTH = COLUMNS.length;

const statements = new WeakMap<Database.Database, { many: Database.Statement; one: Database.Statement }>();

/** The multi-row INSERT statements of a connection, prepared once. */
function insertStatements(db: Database.Database) {
  let found = statements.get(db);
  if (!found) {
    const placeholders = `(${COLUMNS.map(() => "?").join(",")})`;
    const sql = (n: number) => `INSERT INTO "Prediction" (${COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${Array(n).fill(placeholders).join(",")}`;
    found = { many: db.prepare(sql(ROWS_PER_STATEMENT)), one: db.prepare(sql(1)) };
    statements.set(db, found);
  }
  return found;
}

/**
 * Writes one dataset in a single transaction on the writer connection: nothing is visible to
 * readers until `finish()` commits, and `abort()` (or any error) leaves the database as it was.
 * Callers serialize imports (lib/db/imports.ts): one connection holds one transaction at a time.
 * `new DatasetWriter(meta)` begins at once; `new DatasetWriter()` waits for `begin(meta)` (the
 * ingest core calls it once the header is read).
 */
export class DatasetWriter implements DatasetSink {
  private readonly db: Database.Database;
  private started = Date.now();
  private meta: DatasetMeta | null = null;
  private readonly pending: unknown[] = new Array(ROWS_PER_STATEMENT * WIDTH);
  private pendingRows = 0;
  /** Every row's score and label, unless the caller gives the score indexes to finish(). */
  private collected: ScoreCollector | null = null;
  private count = 0;
  /** Prediction ids of the first and the latest written row (rows of one import get consecutive ids). */
  private firstId = 0;
  private lastId = 0;
  private timestampMin = Infinity;
  private timestampMax = -Infinity;
  private open = false;
  datasetId = 0;

  constructor(meta?: DatasetMeta, db: Database.Database = writerSqlite()) {
    this.db = db;
    if (meta) this.begin(meta);
  }

  /** Opens the transaction and creates the (still invisible) dataset row. */
  begin(meta: DatasetMeta): void {
    if (this.meta) throw new Error("dataset writer already begun");
    this.meta = meta;
    this.collected = meta.scoresGiven ? null : new ScoreCollector();
    this.started = Date.now();
    const db = this.db;
    db.exec("BEGIN IMMEDIATE");
    checkpointsAtCommit(db, false);
    this.open = true;
    try {
      const now = Date.now();
      const result = db
        .prepare(
          `INSERT INTO "Dataset" (name, sourceFile, createdAt, updatedAt, positiveLabel, negativeLabel, mapping, modelName, modelVersion, isDemo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(meta.name, meta.sourceFile ?? null, now, now, meta.positiveLabel, meta.negativeLabel, JSON.stringify(meta.mapping), meta.modelName ?? null, meta.modelVersion ?? null, meta.isDemo ? 1 : 0);
      this.datasetId = Number(result.lastInsertRowid);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Rows written so far. */
  get rows(): number {
    return this.count;
  }

  append(row: PredictionRow): void {
    if (!this.open) throw new Error("dataset writer is not open");
    this.push(row.row, row.label, row.score, row.exampleId, row.timestamp, row.text, row.image, row.slices, row.extras);
  }

  /** The parse worker's batches, written without making an object per row. */
  appendBatch(batch: RowBatch): void {
    if (!this.open) throw new Error("dataset writer is not open");
    const text = batchTexts(batch);
    for (let i = 0; i < batch.count; i++) {
      const t = batch.timestamps[i];
      this.push(batch.rows[i], batch.labels[i], batch.scores[i], text(0, i), Number.isNaN(t) ? null : t, text(1, i), text(2, i), text(3, i), text(4, i));
    }
  }

  private push(row: number, label: number, score: number, exampleId: string | null, timestamp: number | null, text: string | null, image: string | null, slices: string | null, extras: string | null): void {
    this.collected?.add(score, label);
    this.count++;
    if (timestamp !== null) {
      if (timestamp < this.timestampMin) this.timestampMin = timestamp;
      if (timestamp > this.timestampMax) this.timestampMax = timestamp;
    }
    const p = this.pending;
    let at = this.pendingRows * WIDTH;
    p[at++] = this.datasetId;
    p[at++] = row;
    p[at++] = label === UNLABELED ? null : label;
    p[at++] = score;
    p[at++] = exampleId;
    p[at++] = timestamp;
    p[at++] = text;
    p[at++] = image;
    p[at++] = slices;
    p[at] = extras;
    if (++this.pendingRows === ROWS_PER_STATEMENT) this.flush();
  }

  private flush(): void {
    const { many, one } = insertStatements(this.db);
    if (this.pendingRows === 0) return;
    let lastId = 0;
    if (this.pendingRows === ROWS_PER_STATEMENT) {
      lastId = Number(many.run(this.pending).lastInsertRowid);
    } else {
      for (let i = 0; i < this.pendingRows; i++) lastId = Number(one.run(this.pending.slice(i * WIDTH, (i + 1) * WIDTH)).lastInsertRowid);
    }
    if (this.firstId === 0) this.firstId = lastId - this.pendingRows + 1;
    this.lastId = lastId;
    this.pendingRows = 0;
  }

  /**
   * Computes the score table and summary, records the import (file, mapping, counts, duration)
   * and commits. `final` overrides the label values and byte count known only at the end.
   */
  finish(final: Partial<Pick<DatasetMeta, "positiveLabel" | "negativeLabel" | "bytes">> & { scores?: ScoreIndexes } = {}): WrittenDataset {
    if (!this.open || !this.meta) throw new Error("dataset writer is not open");
    const { scores: given, ...labelsAndBytes } = final;
    const meta = { ...this.meta, ...labelsAndBytes };
    try {
      this.flush();
      if (given && given.order.ids.length !== this.count) throw new Error(`score indexes cover ${given.order.ids.length} rows, ${this.count} were written`);
      const indexes = given ?? this.collected?.indexes();
      if (!indexes) throw new Error("finish() needs the score indexes the caller promised (scoresGiven)");
      const { table, order } = indexes;
      const summary = summarize(table);
      const unlabeled = this.count - summary.positives - summary.negatives;
      this.db
        .prepare(
          `UPDATE "Dataset" SET rowCount = ?, positives = ?, negatives = ?, unlabeled = ?, scoreMin = ?, scoreMax = ?, rocAuc = ?, averagePrecision = ?, brier = ?, timestampMin = ?, timestampMax = ?, positiveLabel = ?, negativeLabel = ? WHERE id = ?`,
        )
        .run(
          this.count, summary.positives, summary.negatives, unlabeled, summary.scoreMin, summary.scoreMax, summary.rocAuc,
          summary.averagePrecision, summary.brier, Number.isFinite(this.timestampMin) ? this.timestampMin : null,
          Number.isFinite(this.timestampMax) ? this.timestampMax : null, meta.positiveLabel, meta.negativeLabel, this.datasetId,
        );
      insertScoreTable(this.db, this.datasetId, "", "", table);
      this.saveOrder(order);
      const durationMs = Date.now() - this.started;
      this.db
        .prepare(
          `INSERT INTO "Import" (datasetId, sourceFile, mapping, rows, positives, negatives, unlabeled, bytes, durationMs, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(this.datasetId, meta.sourceFile ?? null, JSON.stringify(meta.mapping), this.count, summary.positives, summary.negatives, unlabeled, meta.bytes ?? 0, durationMs, Date.now());
      this.db.exec("COMMIT");
      this.open = false;
      checkpointsAtCommit(this.db, true);
      return { id: this.datasetId, rows: this.count, positives: summary.positives, negatives: summary.negatives, unlabeled, durationMs };
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /**
   * Stores the rows in score order (lib/db/score-orders.ts). The order holds row positions, which
   * are the offsets of the rows' ids from the first: one transaction holds the write lock, so
   * AUTOINCREMENT gave the rows consecutive ids.
   */
  private saveOrder(order: ScoreOrder): void {
    if (this.count > 0 && this.lastId - this.firstId + 1 !== this.count) {
      throw new Error(`rows got ids ${this.firstId}–${this.lastId}, expected ${this.count} consecutive ids`);
    }
    saveScoreOrder(this.db, this.datasetId, order, this.firstId, this.lastId);
  }

  /** Rolls everything back. Safe to call more than once. */
  abort(): void {
    if (!this.open) return;
    this.open = false;
    this.pendingRows = 0;
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
    checkpointsAtCommit(this.db, true);
  }
}
