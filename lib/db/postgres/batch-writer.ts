// The transaction of one batch of rows on PostgreSQL (an import or an append): a dedicated client,
// the write lock, the rows streamed through COPY, then the batch's segment and records.
import { from as copyFrom, type CopyStreamQuery } from "pg-copy-streams";
import type pg from "pg";
import { exampleKey } from "../../ingest/example-key";
import { unpackBatch, type RowBatch } from "../../ingest/row-batch";
import { SliceDictionary } from "../../ingest/slice-codes";
import type { ColumnMapping, DatasetMeta, DatasetSink, IngestProblem, PredictionRow, ScoreIndexes, WrittenDataset } from "../../ingest/types";
import { SegmentBuilder, type BuiltSegment, type KeyOrder } from "../../metrics/segment-builder";
import { idsOfPairs, repeatedIdProblems, repeatedKeyPositions } from "../batch-checks";
import { postgresPool } from "./connection";
import { COPY_HEADER, COPY_PREDICTIONS, COPY_TRAILER, PredictionEncoder, Writer } from "./copy-rows";
import { exampleIdsOf } from "./keys";
import { rowOf, WRITE_LOCK_KEY } from "./sql";

/** What finish() was given: the final label values and byte count, and the parser's indexes. */
export type FinishInput = Partial<Pick<DatasetMeta, "positiveLabel" | "negativeLabel" | "bytes">> & { scores?: ScoreIndexes };

/** The rows a batch wrote: their count, ids firstId…lastId, and their time range (±Infinity without). */
export interface BatchRows {
  count: number;
  firstId: number;
  lastId: number;
  timestampMin: number;
  timestampMax: number;
}

/** Rows of small files are sent to the server once this many bytes of them wait. */
const SEND_BYTES = 1 << 20;

/**
 * One batch's transaction on a client of its own: BEGIN, the process-independent write lock
 * (pg_advisory_xact_lock: imports and appends of every instance run one at a time, so the ids
 * this writer gives its rows, from the Prediction sequence, are consecutive and nobody else's),
 * the rows through `COPY … FROM STDIN (FORMAT binary)`, and at the end the subclass's records.
 * Nothing is visible before COMMIT; abort() (or any error) closes the connection, which rolls
 * everything back and frees the lock. A batch from the parse worker waits for the server to take
 * the previous ones (the COPY stream's backpressure), so memory does not grow with the file.
 */
export abstract class PgBatchWriter implements DatasetSink {
  protected client: pg.PoolClient | null = null;
  protected started = Date.now();
  protected meta: DatasetMeta | null = null;
  /** The slice dictionaries the batch extends (an append's dataset's). */
  protected knownSliceValues: string[][] = [];
  datasetId = 0;
  private firstId = 0;
  private encoder: PredictionEncoder | null = null;
  private copy: CopyStreamQuery | null = null;
  private failure: Error | null = null;
  private readonly pending = new Writer();
  /** Rows encoded into `pending`, and rows given to a COPY. */
  private pendingRows = 0;
  private sentRows = 0;
  /** Set while a segment is being stored (the COPY ended, the next not yet open). */
  private storing: Promise<void> | null = null;
  /** The indexes built here when the caller writes rows itself (no parser gives them to finish). */
  private fallback: { builder: SegmentBuilder; dictionary: SliceDictionary; mapping: ColumnMapping; codes: Uint16Array } | null = null;

  /** Opens the dataset (in the open transaction); returns its id. */
  protected abstract openDataset(meta: DatasetMeta): Promise<number>;
  /** Writes what the batch adds (its segments, keys and records) once every row and segment is in, in the open transaction. */
  protected abstract writeBatch(rows: BatchRows, sliceValues: string[][], final: FinishInput): Promise<WrittenDataset>;
  /**
   * Takes one finished segment of the batch (ids are positions in the batch), its rows already
   * stored and no COPY open: by default held for writeBatch; a writer may store it at once.
   */
  protected async takePart(part: BuiltSegment): Promise<void> {
    this.parts.push(part);
  }
  /** The segments takePart() held, in arrival order. */
  protected parts: BuiltSegment[] = [];
  /** Rows of every segment taken so far. */
  private partRows = 0;
  /** Rows of the COPY statements already ended (a COPY is ended to store a segment mid-batch). */
  private copiedRows = 0;

  async begin(meta: DatasetMeta): Promise<void> {
    if (this.meta) throw new Error("writer already begun");
    this.meta = meta;
    this.started = Date.now();
    try {
      this.client = await postgresPool().connect();
      await this.client.query("BEGIN");
      await this.client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
      this.datasetId = await this.openDataset(meta);
      const next = await rowOf<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('"Prediction"', 'id'))::int AS "id"`, [], this.client);
      this.firstId = next!.id;
      this.encoder = new PredictionEncoder(this.datasetId, this.firstId);
      if (!meta.scoresGiven) this.collectOwnIndexes(meta.mapping as ColumnMapping);
      this.startCopy();
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Rows written so far. */
  get rows(): number {
    return this.encoder?.count ?? 0;
  }

  append(row: PredictionRow): void {
    const encoder = this.openEncoder();
    if (this.fallback) this.collect(row);
    encoder.encodeRow(row, this.pending);
    this.pendingRows++;
    // While a segment is being stored (no COPY open), rows wait here.
    if (this.pending.length >= SEND_BYTES && !this.storing) this.sendPending();
  }

  appendBatch(batch: RowBatch): Promise<void> | void {
    if (this.storing) return this.storing.then(() => this.appendBatch(batch));
    const encoder = this.openEncoder();
    if (this.fallback) unpackBatch(batch, (row) => this.collect(row));
    this.sendPending();
    const chunk = encoder.encodeBatch(batch);
    this.sentRows += batch.count;
    if (this.copy!.write(chunk)) return;
    return this.drained();
  }

  /**
   * A segment the parser completed, after the rows it covers were appended: the COPY is ended for
   * the subclass to store it (one segment's columns held at a time, however long the file), then
   * a new COPY goes on with the next rows.
   */
  appendSegment(part: BuiltSegment): Promise<void> {
    this.openEncoder();
    // A parser in this thread goes on appending rows without waiting: they wait in `pending`.
    const previous = this.storing ?? Promise.resolve();
    const stored = previous.then(async () => {
      try {
        this.sendPending();
        await this.endCopy();
        await this.accept(part);
        this.startCopy();
      } catch (error) {
        this.abort();
        throw error;
      } finally {
        if (this.storing === stored) this.storing = null;
      }
    });
    this.storing = stored;
    return stored;
  }

  async finish(final: FinishInput = {}): Promise<WrittenDataset> {
    await this.storing;
    const encoder = this.openEncoder();
    const client = this.client!;
    try {
      this.sendPending();
      await this.endCopy();
      const indexes: ScoreIndexes | null = final.scores ?? (this.fallback && { parts: this.fallback.builder.finish(), sliceValues: this.fallback.dictionary.values });
      if (!indexes) throw new Error("finish() needs the score indexes the caller promised (scoresGiven)");
      for (const part of indexes.parts) await this.accept(part);
      if (this.partRows !== encoder.count) throw new Error(`score indexes cover ${this.partRows} rows, ${encoder.count} were written`);
      const rows: BatchRows = { count: encoder.count, firstId: this.firstId, lastId: this.firstId + encoder.count - 1, timestampMin: encoder.timestampMin, timestampMax: encoder.timestampMax };
      if (rows.count > 0) await client.query(`SELECT setval(pg_get_serial_sequence('"Prediction"', 'id'), $1)`, [rows.lastId]);
      const written = await this.writeBatch(rows, indexes.sliceValues, final);
      await client.query("COMMIT");
      this.client = null;
      client.release();
      return written;
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Rolls everything back by closing the connection (the server ends the transaction and its lock). Safe to call more than once. */
  abort(): void {
    const client = this.client;
    this.client = null;
    this.encoder = null;
    if (this.copy && !this.copy.writableFinished) this.copy.destroy(new Error("the batch was aborted"));
    client?.release(new Error("the batch was aborted"));
  }

  /** Milliseconds since begin(). */
  protected get duration(): number {
    return Date.now() - this.started;
  }

  /** The prediction id of the batch's first row (its rows have the ids that follow). */
  protected get firstRowId(): number {
    return this.firstId;
  }

  /** The open client of the transaction. */
  protected get db(): pg.PoolClient {
    if (!this.client) throw new Error("writer is not open");
    return this.client;
  }

  /** Rows of the batch whose example id repeats an earlier row of the batch (see lib/db/batch-checks.ts). */
  protected async repeatedIds(keys: KeyOrder | readonly KeyOrder[], firstId: number, column: string): Promise<IngestProblem[]> {
    const pairs = repeatedKeyPositions(keys);
    if (pairs.length === 0) return [];
    return repeatedIdProblems(pairs, await exampleIdsOf(idsOfPairs(pairs, firstId), this.db), firstId, column);
  }

  private async accept(part: BuiltSegment): Promise<void> {
    this.partRows += part.segment.offsets.length;
    if (this.partRows > this.rows) throw new Error(`a segment of ${part.segment.offsets.length} rows came before its rows (${this.rows} written)`);
    await this.takePart(part);
  }

  /** Opens a COPY of the next rows on the transaction's client. */
  private startCopy(): void {
    this.copy = this.client!.query(copyFrom(COPY_PREDICTIONS));
    this.copy.on("error", (error: Error) => (this.failure ??= error));
    this.copy.write(COPY_HEADER);
  }

  private openEncoder(): PredictionEncoder {
    if (this.failure) throw this.failure;
    if (!this.client || !this.encoder || !this.copy) throw new Error("writer is not open");
    return this.encoder;
  }

  private sendPending(): void {
    if (this.pending.length) this.copy!.write(this.pending.done());
    this.sentRows += this.pendingRows;
    this.pendingRows = 0;
  }

  /** Resolves once the COPY stream takes more data (or rejects with its error). */
  private drained(): Promise<void> {
    const copy = this.copy!;
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        copy.off("drain", done).off("error", done).off("close", done);
        if (error || this.failure) reject(error ?? this.failure);
        else resolve();
      };
      copy.on("drain", done).on("error", done).on("close", done);
    });
  }

  /** Sends the end-of-data marker and waits for the server to store every row. */
  private async endCopy(): Promise<void> {
    const copy = this.copy!;
    await new Promise<void>((resolve, reject) => {
      copy.once("error", reject);
      copy.end(COPY_TRAILER, () => resolve());
    });
    if (this.failure) throw this.failure;
    this.copiedRows += copy.rowCount;
    if (this.copiedRows !== this.sentRows) throw new Error(`COPY stored ${this.copiedRows} rows, ${this.sentRows} were sent`);
  }

  /** For callers that write rows themselves: builds the segment, keys and slice codes from the rows as they come. */
  private collectOwnIndexes(mapping: ColumnMapping): void {
    const slices = mapping.slices ?? [];
    const builder = new SegmentBuilder({ times: Boolean(mapping.timestamp), sliceColumns: slices.length, keys: Boolean(mapping.id) });
    this.fallback = { builder, dictionary: new SliceDictionary(slices.length, this.knownSliceValues), mapping, codes: new Uint16Array(slices.length) };
  }

  private collect(row: PredictionRow): void {
    const { builder, dictionary, codes } = this.fallback!;
    const values: unknown[] = row.slices ? JSON.parse(row.slices) : [];
    for (let c = 0; c < codes.length; c++) codes[c] = dictionary.code(c, values[c] === null || values[c] === undefined ? "" : String(values[c]));
    builder.add(row.score, row.label, row.timestamp ?? NaN, codes, row.exampleId === null ? NaN : exampleKey(row.exampleId));
  }
}
