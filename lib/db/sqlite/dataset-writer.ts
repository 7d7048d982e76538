import type Database from "better-sqlite3";
import type { DatasetMeta, DatasetSink, ScoreIndexes, WrittenDataset } from "../../ingest/types";
import { UNLABELED, type PredictionRow } from "../../ingest/types";
import { summarize, type ScoreOrder } from "../../metrics";
import { batchTexts, type RowBatch } from "../../ingest/row-batch";
import { ScoreCollector } from "../../ingest/score-collector";
import { checkpointsAtCommit, writerSqlite } from "./connection";
import { saveScoreOrder } from "./score-orders";
import { insertScoreTable } from "./score-tables";

const ROWS_PER_STATEMENT = 100;
/** The values of a row, in `pending` order; the first three are always present. */
const COLUMNS = ["row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras"] as const;
const REQUIRED = 3;
/** Mask of the columns every row has (bit i is COLUMNS[i]). */
const REQUIRED_MASK = (1 << REQUIRED) - 1;

/**
 * The INSERT of `rows` rows of one dataset with the columns in `mask` (other columns stay NULL).
 * The dataset id is written into the SQL rather than bound: fewer values to bind per row is what
 * makes an import faster here (binding from JS costs about as much as SQLite's own work).
 */
function insertSql(datasetId: number, mask: number, rows: number): string {
  if (!Number.isSafeInteger(datasetId)) throw new Error(`bad dataset id ${datasetId}`);
  const names = COLUMNS.filter((_, i) => mask & (1 << i));
  const tuple = `(${datasetId},${names.map(() => "?").join(",")})`;
  return `INSERT INTO "Prediction" ("datasetId",${names.map((c) => `"${c}"`).join(",")}) VALUES ${Array(rows).fill(tuple).join(",")}`;
}

/**
 * Writes one dataset in a single transaction on the writer connection: nothing is visible to
 * readers until `finish()` commits, and `abort()` (or any error) leaves the database as it was.
 * Callers serialize imports (lib/imports/queue.ts): one connection holds one transaction at a time.
 * `new DatasetWriter(meta)` begins at once; `new DatasetWriter()` waits for `begin(meta)` (the
 * ingest core calls it once the header is read).
 */
export class DatasetWriter implements DatasetSink {
  private readonly db: Database.Database;
  private started = Date.now();
  private meta: DatasetMeta | null = null;
  /**
   * The columns this import writes (bit i is COLUMNS[i]): the required ones, and each optional one
   * from the first row with a value in it. Later rows without a value bind NULL.
   */
  private layout = REQUIRED_MASK;
  private width = REQUIRED;
  /** Up to ROWS_PER_STATEMENT rows of `width` values, in COLUMNS order, waiting for one INSERT. */
  private pending: unknown[] = Array.from({ length: ROWS_PER_STATEMENT * REQUIRED }, () => null);
  private pendingRows = 0;
  /** This import's INSERT statements, by column mask and row count. */
  private readonly statements = new Map<number, Database.Statement>();
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
          `INSERT INTO "Dataset" (name, sourceFile, createdAt, updatedAt, version, positiveLabel, negativeLabel, mapping, modelName, modelVersion, isDemo) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
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
    const uses =
      (exampleId === null ? 0 : 8) | (timestamp === null ? 0 : 16) | (text === null ? 0 : 32) | (image === null ? 0 : 64) | (slices === null ? 0 : 128) | (extras === null ? 0 : 256);
    if ((uses & ~this.layout) !== 0) this.widen(uses);
    const layout = this.layout;
    const p = this.pending;
    let at = this.pendingRows * this.width;
    p[at++] = row;
    p[at++] = label === UNLABELED ? null : label;
    p[at++] = score;
    if (layout & 8) p[at++] = exampleId;
    if (layout & 16) p[at++] = timestamp;
    if (layout & 32) p[at++] = text;
    if (layout & 64) p[at++] = image;
    if (layout & 128) p[at++] = slices;
    if (layout & 256) p[at] = extras;
    if (++this.pendingRows === ROWS_PER_STATEMENT) this.flush();
  }

  /** Adds columns to the layout (once per column and import), after writing the rows pending. */
  private widen(uses: number): void {
    this.flush();
    this.layout |= uses;
    this.width = COLUMNS.filter((_, i) => this.layout & (1 << i)).length;
    // Filled with nulls rather than holes: V8 keeps the array's fast, packed element kind.
    this.pending = Array.from({ length: ROWS_PER_STATEMENT * this.width }, () => null);
  }

  private statement(mask: number, rows: number): Database.Statement {
    const key = mask * (ROWS_PER_STATEMENT + 1) + rows;
    let found = this.statements.get(key);
    if (!found) {
      found = this.db.prepare(insertSql(this.datasetId, mask, rows));
      this.statements.set(key, found);
    }
    return found;
  }

  /** Inserts the pending rows with one statement. */
  private flush(): void {
    const n = this.pendingRows;
    if (n === 0) return;
    const values = n === ROWS_PER_STATEMENT ? this.pending : this.pending.slice(0, n * this.width);
    // Spread, not the array: better-sqlite3 reads an array argument element by element through
    // V8's generic property lookup, which made binding about 15% slower.
    const lastId = Number(this.statement(this.layout, n).run(...values).lastInsertRowid);
    if (this.firstId === 0) this.firstId = lastId - n + 1;
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
