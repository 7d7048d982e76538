import type Database from "better-sqlite3";
import { buildScoreTable, summarize, type ScoreTable } from "../metrics";
import { sharedSqlite } from "./sqlite";

/** Label code for a row whose true label is not known yet. */
export const UNLABELED = 255;

/** What a new dataset is called and how its file was read. */
export interface DatasetMeta {
  name: string;
  sourceFile?: string | null;
  positiveLabel: string;
  negativeLabel: string;
  /** JSON-serialisable column mapping (label, score, id, timestamp, text, image, slices, extras). */
  mapping: unknown;
  modelName?: string | null;
  modelVersion?: string | null;
  isDemo?: boolean;
  bytes?: number;
}

/** One row, already validated and typed. */
export interface PredictionRow {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** 1 positive, 0 negative, UNLABELED. */
  label: number;
  score: number;
  exampleId: string | null;
  /** Epoch milliseconds (UTC) or null. */
  timestamp: number | null;
  text: string | null;
  image: string | null;
  /** JSON array text of slice values, or null. */
  slices: string | null;
  /** JSON array text of the other columns' values, or null. */
  extras: string | null;
}

export interface WrittenDataset {
  id: number;
  rows: number;
  positives: number;
  negatives: number;
  unlabeled: number;
  durationMs: number;
}

const ROWS_PER_STATEMENT = 100;
const COLUMNS = ["datasetId", "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras"];

/**
 * Writes one dataset in a single transaction: nothing is visible to readers until `finish()`
 * commits, and `abort()` (or any error) leaves the database as it was.
 */
export class DatasetWriter {
  private readonly db: Database.Database;
  private readonly started = Date.now();
  private readonly insertMany: Database.Statement;
  private readonly insertOne: Database.Statement;
  private readonly pending: unknown[] = [];
  private pendingRows = 0;
  private scores: Float64Array = new Float64Array(1024);
  private labels: Uint8Array = new Uint8Array(1024);
  private count = 0;
  private timestampMin = Infinity;
  private timestampMax = -Infinity;
  private open = true;
  readonly datasetId: number;

  constructor(private readonly meta: DatasetMeta, db: Database.Database = sharedSqlite()) {
    this.db = db;
    const placeholders = `(${COLUMNS.map(() => "?").join(",")})`;
    const sql = (n: number) => `INSERT INTO "Prediction" (${COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${Array(n).fill(placeholders).join(",")}`;
    this.insertMany = db.prepare(sql(ROWS_PER_STATEMENT));
    this.insertOne = db.prepare(sql(1));
    db.exec("BEGIN IMMEDIATE");
    try {
      const now = Date.now();
      const result = db
        .prepare(
          `INSERT INTO "Dataset" (name, sourceFile, createdAt, updatedAt, positiveLabel, negativeLabel, mapping, modelName, modelVersion, isDemo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(meta.name, meta.sourceFile ?? null, now, now, meta.positiveLabel, meta.negativeLabel, JSON.stringify(meta.mapping), meta.modelName ?? null, meta.modelVersion ?? null, meta.isDemo ? 1 : 0);
      this.datasetId = Number(result.lastInsertRowid);
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }

  /** Rows written so far. */
  get rows(): number {
    return this.count;
  }

  append(row: PredictionRow): void {
    if (!this.open) throw new Error("dataset writer is closed");
    if (this.count === this.scores.length) this.grow();
    this.scores[this.count] = row.score;
    this.labels[this.count] = row.label;
    this.count++;
    if (row.timestamp !== null) {
      if (row.timestamp < this.timestampMin) this.timestampMin = row.timestamp;
      if (row.timestamp > this.timestampMax) this.timestampMax = row.timestamp;
    }
    this.pending.push(
      this.datasetId, row.row, row.label === UNLABELED ? null : row.label, row.score, row.exampleId,
      row.timestamp, row.text, row.image, row.slices, row.extras,
    );
    if (++this.pendingRows === ROWS_PER_STATEMENT) this.flush();
  }

  private grow(): void {
    const scores = new Float64Array(this.scores.length * 2);
    scores.set(this.scores);
    this.scores = scores;
    const labels = new Uint8Array(this.labels.length * 2);
    labels.set(this.labels);
    this.labels = labels;
  }

  private flush(): void {
    if (this.pendingRows === ROWS_PER_STATEMENT) {
      this.insertMany.run(this.pending);
    } else {
      for (let i = 0; i < this.pendingRows; i++) this.insertOne.run(this.pending.slice(i * COLUMNS.length, (i + 1) * COLUMNS.length));
    }
    this.pending.length = 0;
    this.pendingRows = 0;
  }

  /** Computes the score table and summary, records the import, and commits. */
  finish(): WrittenDataset {
    if (!this.open) throw new Error("dataset writer is closed");
    try {
      this.flush();
      const scores = this.scores.subarray(0, this.count);
      const labels = this.labels.subarray(0, this.count);
      const table = buildScoreTable(scores, labels);
      const summary = summarize(table);
      const unlabeled = this.count - summary.positives - summary.negatives;
      this.db
        .prepare(
          `UPDATE "Dataset" SET rowCount = ?, positives = ?, negatives = ?, unlabeled = ?, scoreMin = ?, scoreMax = ?, rocAuc = ?, averagePrecision = ?, brier = ?, timestampMin = ?, timestampMax = ? WHERE id = ?`,
        )
        .run(
          this.count, summary.positives, summary.negatives, unlabeled, summary.scoreMin, summary.scoreMax, summary.rocAuc,
          summary.averagePrecision, summary.brier, Number.isFinite(this.timestampMin) ? this.timestampMin : null,
          Number.isFinite(this.timestampMax) ? this.timestampMax : null, this.datasetId,
        );
      insertScoreTable(this.db, this.datasetId, "", "", table);
      const durationMs = Date.now() - this.started;
      this.db
        .prepare(
          `INSERT INTO "Import" (datasetId, sourceFile, mapping, rows, positives, negatives, unlabeled, bytes, durationMs, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(this.datasetId, this.meta.sourceFile ?? null, JSON.stringify(this.meta.mapping), this.count, summary.positives, summary.negatives, unlabeled, this.meta.bytes ?? 0, durationMs, Date.now());
      this.db.exec("COMMIT");
      this.open = false;
      return { id: this.datasetId, rows: this.count, positives: summary.positives, negatives: summary.negatives, unlabeled, durationMs };
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Rolls everything back. Safe to call more than once. */
  abort(): void {
    if (!this.open) return;
    this.open = false;
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }
}

const toBytes = (values: Float64Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

/** Stores a score table (whole dataset when sliceColumn is ""). */
export function insertScoreTable(db: Database.Database, datasetId: number, sliceColumn: string, sliceValue: string, table: ScoreTable): void {
  db.prepare(
    `INSERT INTO "ScoreTable" (datasetId, sliceColumn, sliceValue, positives, negatives, scores, posCounts, negCounts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(datasetId, sliceColumn, sliceValue, table.totalPositives, table.totalNegatives, toBytes(table.scores), toBytes(table.positives), toBytes(table.negatives));
}
