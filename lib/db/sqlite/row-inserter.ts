import type Database from "better-sqlite3";
import { batchTexts, type RowBatch } from "../../ingest/row-batch";
import { UNLABELED, type PredictionRow } from "../../ingest/types";

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
 * Inserts one batch's rows into "Prediction", 100 per statement, inside the caller's transaction.
 * The rows get consecutive ids (the transaction holds the write lock and AUTOINCREMENT counts up),
 * so a row's id is firstId + its position in the batch.
 */
export class RowInserter {
  /**
   * The columns this batch writes (bit i is COLUMNS[i]): the required ones, and each optional one
   * from the first row with a value in it. Later rows without a value bind NULL.
   */
  private layout = REQUIRED_MASK;
  private width = REQUIRED;
  /** Up to ROWS_PER_STATEMENT rows of `width` values, in COLUMNS order, waiting for one INSERT. */
  private pending: unknown[] = Array.from({ length: ROWS_PER_STATEMENT * REQUIRED }, () => null);
  private pendingRows = 0;
  /** This batch's INSERT statements, by column mask and row count. */
  private readonly statements = new Map<number, Database.Statement>();
  count = 0;
  /** Prediction ids of the first and the latest written row. */
  firstId = 0;
  lastId = 0;
  timestampMin = Infinity;
  timestampMax = -Infinity;
  /** Called with each row's score, label, timestamp, example id and slices JSON (for a caller that collects its own indexes). */
  onRow: ((score: number, label: number, timestamp: number | null, exampleId: string | null, slices: string | null) => void) | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly datasetId: number,
  ) {}

  add(row: PredictionRow): void {
    this.push(row.row, row.label, row.score, row.exampleId, row.timestamp, row.text, row.image, row.slices, row.extras);
  }

  /** The parse worker's batches, written without making an object per row. */
  addBatch(batch: RowBatch): void {
    const text = batchTexts(batch);
    for (let i = 0; i < batch.count; i++) {
      const t = batch.timestamps[i];
      this.push(batch.rows[i], batch.labels[i], batch.scores[i], text(0, i), Number.isNaN(t) ? null : t, text(1, i), text(2, i), text(3, i), text(4, i));
    }
  }

  private push(row: number, label: number, score: number, exampleId: string | null, timestamp: number | null, text: string | null, image: string | null, slices: string | null, extras: string | null): void {
    this.onRow?.(score, label, timestamp, exampleId, slices);
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

  /** Adds columns to the layout (once per column and batch), after writing the rows pending. */
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
  flush(): void {
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

  /** After the last flush: throws unless the rows got consecutive ids (their positions are id offsets). */
  checkConsecutive(): void {
    if (this.count > 0 && this.lastId - this.firstId + 1 !== this.count) {
      throw new Error(`rows got ids ${this.firstId}–${this.lastId}, expected ${this.count} consecutive ids`);
    }
  }
}
