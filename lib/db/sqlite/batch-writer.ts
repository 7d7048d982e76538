import type Database from "better-sqlite3";
import { exampleKey } from "../../ingest/example-key";
import type { RowBatch } from "../../ingest/row-batch";
import { SliceDictionary } from "../../ingest/slice-codes";
import type { ColumnMapping, DatasetMeta, DatasetSink, IngestProblem, PredictionRow, ScoreIndexes, WrittenDataset } from "../../ingest/types";
import { SegmentBuilder, type BuiltSegment, type KeyOrder } from "../../metrics/segment-builder";
import { allKeys, idsOfPairs, refuseProblems, repeatedIdProblems, repeatedKeyPositions } from "../batch-checks";
import { checkpointsAtCommit, writerSqlite } from "./connection";
import { exampleIdsOf } from "./keys";
import { RowInserter } from "./row-inserter";

/** What finish() was given: the final label values and byte count, and the parser's indexes. */
export type FinishInput = Partial<Pick<DatasetMeta, "positiveLabel" | "negativeLabel" | "bytes">> & { scores?: ScoreIndexes };

/**
 * The transaction of one batch of rows on the writer connection (an import or an append):
 * nothing is visible to readers until finish() commits, and abort() (or any error) leaves the
 * database as it was. Subclasses open their dataset and write what a batch adds at the end.
 */
export abstract class BatchWriter implements DatasetSink {
  protected readonly db: Database.Database;
  protected started = Date.now();
  protected meta: DatasetMeta | null = null;
  protected inserter: RowInserter | null = null;
  /** The indexes built here when the caller writes rows itself (no parser gives them to finish). */
  private fallback: { builder: SegmentBuilder; dictionary: SliceDictionary } | null = null;
  private open = false;
  /** The slice dictionaries the batch extends (an append's dataset's). */
  protected knownSliceValues: string[][] = [];
  datasetId = 0;

  constructor(db: Database.Database = writerSqlite()) {
    this.db = db;
  }

  /** Opens the transaction and the dataset; returns its id. */
  protected abstract openDataset(meta: DatasetMeta): number;
  /**
   * Takes one finished segment of the batch (its ids are positions in the batch), its rows already
   * inserted: by default held for writeBatch; a writer may store it at once.
   */
  protected takePart(part: BuiltSegment): void {
    this.parts.push(part);
  }
  /** Writes what the batch adds (its segments, keys and records) once every row and segment is in, in the open transaction. */
  protected abstract writeBatch(rows: RowInserter, sliceValues: string[][], final: FinishInput): WrittenDataset;
  /** The segments takePart() held, in arrival order. */
  protected parts: BuiltSegment[] = [];
  /** Rows of every segment taken so far. */
  private partRows = 0;

  begin(meta: DatasetMeta): void {
    if (this.meta) throw new Error("writer already begun");
    this.meta = meta;
    this.started = Date.now();
    this.db.exec("BEGIN IMMEDIATE");
    checkpointsAtCommit(this.db, false);
    this.open = true;
    try {
      this.datasetId = this.openDataset(meta);
      this.inserter = new RowInserter(this.db, this.datasetId);
      if (!meta.scoresGiven) this.collectOwnIndexes(meta.mapping as ColumnMapping, this.knownSliceValues);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Rows written so far. */
  get rows(): number {
    return this.inserter?.count ?? 0;
  }

  append(row: PredictionRow): void {
    if (!this.open || !this.inserter) throw new Error("writer is not open");
    this.inserter.add(row);
  }

  appendBatch(batch: RowBatch): void {
    if (!this.open || !this.inserter) throw new Error("writer is not open");
    this.inserter.addBatch(batch);
  }

  /** A segment the parser completed, after the rows it covers were appended. */
  appendSegment(part: BuiltSegment): void {
    if (!this.open || !this.inserter) throw new Error("writer is not open");
    this.inserter.flush();
    this.accept(part);
  }

  finish(final: FinishInput = {}): WrittenDataset {
    const rows = this.inserter;
    if (!this.open || !this.meta || !rows) throw new Error("writer is not open");
    try {
      rows.flush();
      rows.checkConsecutive();
      const indexes: ScoreIndexes | null = final.scores ?? (this.fallback && { parts: this.fallback.builder.finish(), sliceValues: this.fallback.dictionary.values });
      if (!indexes) throw new Error("finish() needs the score indexes the caller promised (scoresGiven)");
      for (const part of indexes.parts) this.accept(part);
      if (this.partRows !== rows.count) throw new Error(`score indexes cover ${this.partRows} rows, ${rows.count} were written`);
      const written = this.writeBatch(rows, indexes.sliceValues, final);
      this.db.exec("COMMIT");
      this.open = false;
      checkpointsAtCommit(this.db, true);
      return written;
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
    checkpointsAtCommit(this.db, true);
  }

  private accept(part: BuiltSegment): void {
    this.partRows += part.segment.offsets.length;
    if (this.partRows > this.rows) throw new Error(`a segment of ${part.segment.offsets.length} rows came before its rows (${this.rows} written)`);
    this.takePart(part);
  }

  /** The keys of several segments, in one key order (ties by position), or null when none has keys. */
  protected allKeys(orders: (KeyOrder | null)[]): KeyOrder | null {
    return allKeys(orders);
  }

  /** Milliseconds since begin(). */
  protected get duration(): number {
    return Date.now() - this.started;
  }

  /**
   * Rows of the batch whose example id repeats an earlier row of the batch (equal keys, then the
   * ids compared): the problems to report, in row order, named by `column`.
   */
  protected repeatedIds(keys: KeyOrder | readonly KeyOrder[], firstId: number, column: string): IngestProblem[] {
    const pairs = repeatedKeyPositions(keys);
    if (pairs.length === 0) return [];
    return repeatedIdProblems(pairs, exampleIdsOf(idsOfPairs(pairs, firstId), this.db), firstId, column);
  }

  /** Throws the invalid_rows error of these problems, if any. */
  protected refuse(problems: IngestProblem[]): void {
    refuseProblems(problems);
  }

  /** For callers that write rows themselves: builds the segment, keys and slice codes from the rows as they come. */
  private collectOwnIndexes(mapping: ColumnMapping, sliceValues: string[][] | undefined): void {
    const slices = mapping.slices ?? [];
    const builder = new SegmentBuilder({ times: Boolean(mapping.timestamp), sliceColumns: slices.length, keys: Boolean(mapping.id) });
    const dictionary = new SliceDictionary(slices.length, sliceValues);
    const codes = new Uint16Array(slices.length);
    this.fallback = { builder, dictionary };
    this.inserter!.onRow = (score, label, timestamp, exampleId, slicesJson) => {
      const values: unknown[] = slicesJson ? JSON.parse(slicesJson) : [];
      for (let c = 0; c < slices.length; c++) codes[c] = dictionary.code(c, values[c] === null || values[c] === undefined ? "" : String(values[c]));
      builder.add(score, label, timestamp ?? NaN, codes, exampleId === null ? NaN : exampleKey(exampleId));
    };
  }
}
