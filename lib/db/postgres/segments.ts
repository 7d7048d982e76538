// The "Segment" table on PostgreSQL: score-sorted columns of a dataset's batches as bytea, in the
// byte layout of lib/db/codec.ts (the same bytes as SQLite's blobs).
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { splitSegment, type ScoreSegment } from "../../metrics/segment";
import { decodeKeys, decodeSegment, encodeKeys, encodeSegment, toBytes, type SegmentKeys, type StoredSegmentColumns } from "../codec";
import type { SegmentKeysAt } from "../example-keys";
import type { SegmentRef } from "../types";
import { COPY_HEADER, COPY_TRAILER, Writer } from "./copy-rows";
import { rowOf, rowsOf, type Queryable } from "./sql";

const SEGMENT_COLUMNS = `"datasetId", "revision", "firstId", "lastId", "rows", "offsets", "scores", "labels", "times", "slices", "keys", "keyOffsets"`;

/**
 * Stores a segment of a dataset (its ids: segment.firstId + offsets, up to lastId) with its keys; its id.
 *
 * On a client (a writer's transaction) the row goes by COPY in binary format, each column's bytes
 * sent as they are: as bound parameters, pg copied a million-row segment's ~43 MB two or three
 * times into growing buffers (60–180 ms of client CPU against 11–18 ms by COPY, for a segment of
 * 2^20 rows, 2026-12-02), and that much memory outside the heap made V8 collect the app thread's.
 */
export async function insertSegment(db: Queryable, datasetId: number, segment: ScoreSegment, lastId: number, keys: SegmentKeys | null): Promise<number> {
  const c = encodeSegment(segment);
  const k = encodeKeys(keys);
  const ints = [datasetId, 0, segment.firstId, lastId, segment.offsets.length];
  const blobs = [c.offsets, c.scores, c.labels, c.times, c.slices, k.keys, k.keyOffsets];
  if (db instanceof pg.Pool) {
    const row = await rowOf<{ id: number }>(`INSERT INTO "Segment" (${SEGMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING "id"`, [...ints, ...blobs], db);
    return row!.id;
  }
  const { id } = (await rowOf<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('"Segment"', 'id'))::int AS "id"`, [], db))!;
  await copyRow(db, `COPY "Segment" ("id", ${SEGMENT_COLUMNS}) FROM STDIN (FORMAT binary)`, [id, ...ints], blobs);
  return id;
}

/** One row of int4 columns, then bytea columns, by COPY in binary format (no copy of the bytes). */
async function copyRow(client: pg.PoolClient, sql: string, ints: number[], blobs: (Uint8Array | null)[]): Promise<void> {
  const head = new Writer(64);
  head.int16(ints.length + blobs.length);
  for (const v of ints) head.int4Field(v);
  await new Promise<void>((resolve, reject) => {
    const copy = client.query(copyFrom(sql));
    copy.on("error", reject);
    copy.write(COPY_HEADER);
    copy.write(head.done());
    for (const bytes of blobs) {
      const length = Buffer.allocUnsafe(4);
      length.writeInt32BE(bytes ? bytes.byteLength : -1);
      copy.write(length);
      if (bytes && bytes.byteLength > 0) copy.write(bytes);
    }
    copy.end(COPY_TRAILER, () => resolve());
  });
}

/**
 * Stores the rows of a batch as segments of at most MAX_SEGMENT_ROWS rows each (split along the
 * score order, as on SQLite): each is written, and later read, as one record.
 */
export async function insertSegments(db: Queryable, datasetId: number, segment: ScoreSegment, lastId: number, keys: SegmentKeys | null): Promise<number[]> {
  const ids: number[] = [];
  for (const piece of splitSegment(segment, keys)) ids.push(await insertSegment(db, datasetId, piece.segment, lastId, piece.keys));
  return ids;
}

/** A stored segment's example-id keys (with its first id), or null when it has none or is gone. */
export async function readSegmentKeys(segmentId: number, db?: Queryable): Promise<SegmentKeysAt | null> {
  const row = await rowOf<{ firstId: number; keys: Buffer | null; keyOffsets: Buffer | null }>(`SELECT "firstId", "keys", "keyOffsets" FROM "Segment" WHERE "id" = $1`, [segmentId], db);
  const keys = row && decodeKeys(row.keys, row.keyOffsets);
  return keys ? { ...keys, firstId: row!.firstId } : null;
}

/** A dataset's segments, largest first; null when there is no such dataset. */
export async function listSegments(datasetId: number, db?: Queryable): Promise<SegmentRef[] | null> {
  const rows = await rowsOf<SegmentRef | { id: null }>(
    `SELECT s."id", s."revision", s."firstId", s."lastId", s."rows" FROM "Dataset" d LEFT JOIN "Segment" s ON s."datasetId" = d."id" WHERE d."id" = $1 ORDER BY s."rows" DESC, s."id"`,
    [datasetId],
    db,
  );
  if (rows.length === 0) return null;
  return rows.filter((r): r is SegmentRef => r.id !== null);
}

/** One stored segment as typed arrays, or null when it is gone (replaced by a compaction). */
export async function readSegment(segmentId: number, sliceColumns: number, db?: Queryable): Promise<ScoreSegment | null> {
  const row = await rowOf<StoredSegmentColumns & { firstId: number }>(`SELECT "firstId", "offsets", "scores", "labels", "times", "slices" FROM "Segment" WHERE "id" = $1`, [segmentId], db);
  return row ? decodeSegment(row.firstId, row, sliceColumns) : null;
}

/** A segment's offsets and labels columns (for late labels). */
export async function readSegmentLabels(segmentId: number, db: Queryable): Promise<{ offsets: Uint32Array; labels: Uint8Array } | null> {
  const row = await rowOf<{ offsets: Buffer; labels: Buffer }>(`SELECT "offsets", "labels" FROM "Segment" WHERE "id" = $1`, [segmentId], db);
  if (!row) return null;
  const offsets = new Uint32Array(row.offsets.buffer.slice(row.offsets.byteOffset, row.offsets.byteOffset + row.offsets.byteLength));
  return { offsets, labels: Uint8Array.from(row.labels) };
}

/** Replaces a segment's labels (same rows, same order) and bumps its revision. */
export async function replaceSegmentLabels(db: Queryable, segmentId: number, labels: Uint8Array): Promise<void> {
  await db.query(`UPDATE "Segment" SET "labels" = $1, "revision" = "revision" + 1 WHERE "id" = $2`, [toBytes(labels), segmentId]);
}

/** Deletes segments (after their rows went into a merged one). */
export async function deleteSegments(db: Queryable, ids: number[]): Promise<void> {
  await db.query(`DELETE FROM "Segment" WHERE "id" = ANY($1::int[])`, [ids]);
}
