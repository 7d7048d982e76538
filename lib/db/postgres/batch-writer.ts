// The transaction of one batch of rows on PostgreSQL (an import or an append): a dedicated client,
// the write lock, the rows streamed through COPY, then the batch's segment and records.
import { from as copyFrom, type CopyStreamQuery } from "pg-copy-streams";
import type pg from "pg";
import { exampleKey } from "../../ingest/example-key";
import { unpackBatch, type RowBatch } from "../../ingest/row-batch";
import { SliceDictionary } from "../../ingest/slice-codes";
import type { ColumnMapping, DatasetMeta, DatasetSink, IngestProblem, PredictionRow, ScoreIndexes, WrittenDataset } from "../../ingest/types";
import { SegmentBuilder, type KeyOrder } from "../../metrics/segment-builder";
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
  /** The indexes built here when the caller writes rows itself (no parser gives them to finish). */
  private fallback: { builder: SegmentBuilder; dictionary: SliceDictionary; mapping: ColumnMapping; codes: Uint16Array } | null = null;

  /** Opens the dataset (in the open transaction); returns its id. */
  protected abstract openDataset(meta: DatasetMeta): Promise<number>;
  /** Writes the batch's segment, keys and records, in the open transaction. */
  protected abstract writeBatch(rows: BatchRows, indexes: ScoreIndexes, final: FinishInput): Promise<WrittenDataset>;

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
      this.copy = this.client.query(copyFrom(COPY_PREDICTIONS));
      this.copy.on("error", (error: Error) => (this.failure ??= error));
      this.copy.write(COPY_HEADER);
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
    if (this.pending.length >= SEND_BYTES) this.copy!.write(this.pending.done());
  }

  appendBatch(batch: RowBatch): Promise<void> | void {
    const encoder = this.openEncoder();
    if (this.fallback) unpackBatch(batch, (row) => this.collect(row));
    this.sendPending();
    if (this.copy!.write(encoder.encodeBatch(batch))) return;
    return this.drained();
  }

  async finish(final: FinishInput = {}): Promise<WrittenDataset> {
    const encoder = this.openEncoder();
    const client = this.client!;
    try {
      this.sendPending();
      await this.endCopy();
      const indexes = final.scores ?? (this.fallback && { ...this.fallback.builder.build(), sliceValues: this.fallback.dictionary.values });
      if (!indexes) throw new Error("finish() needs the score indexes the caller promised (scoresGiven)");
      if (indexes.segment.offsets.length !== encoder.count) throw new Error(`score indexes cover ${indexes.segment.offsets.length} rows, ${encoder.count} were written`);
      const rows: BatchRows = { count: encoder.count, firstId: this.firstId, lastId: this.firstId + encoder.count - 1, timestampMin: encoder.timestampMin, timestampMax: encoder.timestampMax };
      if (rows.count > 0) await client.query(`SELECT setval(pg_get_serial_sequence('"Prediction"', 'id'), $1)`, [rows.lastId]);
      const written = await this.writeBatch(rows, indexes, final);
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

  /** The open client of the transaction. */
  protected get db(): pg.PoolClient {
    if (!this.client) throw new Error("writer is not open");
    return this.client;
  }

  /** Rows of the batch whose example id repeats an earlier row of the batch (see lib/db/batch-checks.ts). */
  protected async repeatedIds(keys: KeyOrder, firstId: number, column: string): Promise<IngestProblem[]> {
    const pairs = repeatedKeyPositions(keys);
    if (pairs.length === 0) return [];
    return repeatedIdProblems(pairs, await exampleIdsOf(idsOfPairs(pairs, firstId), this.db), firstId, column);
  }

  private openEncoder(): PredictionEncoder {
    if (this.failure) throw this.failure;
    if (!this.client || !this.encoder || !this.copy) throw new Error("writer is not open");
    return this.encoder;
  }

  private sendPending(): void {
    if (this.pending.length) this.copy!.write(this.pending.done());
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
    if (copy.rowCount !== this.encoder!.count) throw new Error(`COPY stored ${copy.rowCount} rows, ${this.encoder!.count} were sent`);
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
