// What a test server stored, read straight from its database whichever the backend: a SQLite file
// (better-sqlite3) or a PostgreSQL URL (pg). SQL written for both: identifiers quoted, `?` for
// parameters (numbered $1, $2, … on PostgreSQL), `WHERE "isDemo"` for booleans. Rows come back
// alike: counts as numbers, PostgreSQL's instants as epoch milliseconds (as SQLite stores them).
import Database from "better-sqlite3";
import pg from "pg";
import { decodeKeys, decodeSegment, type SegmentKeys, type StoredSegmentColumns } from "@/lib/db/codec";
import type { ScoreSegment } from "@/lib/metrics/segment";

const isPostgres = (database: string) => /^postgres(ql)?:\/\//.test(database);
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
const INT8 = 20;
const types = { getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === INT8 && format !== "binary" ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };
const asSqliteStores = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v]));

/**
 * Runs `sql` on the database of a test server (`database`: its SQLite file or PostgreSQL URL),
 * on a connection of its own, and returns the rows (for writes: none).
 */
export async function query<R = Record<string, unknown>>(database: string, sql: string, params: unknown[] = []): Promise<R[]> {
  if (isPostgres(database)) {
    const client = new pg.Client({ connectionString: database, types, options: "-c TimeZone=UTC" });
    await client.connect();
    try {
      return (await client.query(numbered(sql), params)).rows.map(asSqliteStores) as R[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(database, { fileMustExist: true });
  try {
    const statement = db.prepare(sql);
    if (!statement.reader) {
      statement.run(...params);
      return [];
    }
    return statement.all(...params) as R[];
  } finally {
    db.close();
  }
}

/** The first row of `sql`, or undefined. */
export async function queryOne<R = Record<string, unknown>>(database: string, sql: string, params: unknown[] = []): Promise<R | undefined> {
  return (await query<R>(database, sql, params))[0];
}

/** Row counts of every table an import writes. */
export async function tableCounts(database: string): Promise<Record<string, number>> {
  const tables = { datasets: "Dataset", predictions: "Prediction", segments: "Segment", labelChanges: "LabelChange", imports: "Import" };
  const sql = Object.entries(tables).map(([name, table]) => `(SELECT COUNT(*) FROM "${table}") AS "${name}"`).join(", ");
  return (await queryOne<Record<string, number>>(database, `SELECT ${sql}`))!;
}

/** Stored predictions of a dataset, in row order (timestamps in epoch ms). */
export function storedPredictions(database: string, datasetId: number): Promise<Record<string, unknown>[]> {
  return query(database, `SELECT "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras" FROM "Prediction" WHERE "datasetId" = ? ORDER BY "row"`, [datasetId]);
}

/** The id of the demo dataset the server seeded. */
export async function demoDatasetId(database: string): Promise<number> {
  return (await queryOne<{ id: number }>(database, `SELECT "id" FROM "Dataset" WHERE "isDemo" ORDER BY "id" LIMIT 1`))!.id;
}

/** A dataset's stored segments, decoded (lib/db/codec.ts), largest first. */
export async function storedSegments(database: string, datasetId: number, sliceColumns = 0): Promise<(ScoreSegment & { id: number; revision: number; keys: SegmentKeys | null })[]> {
  const rows = await query<{ id: number; revision: number; firstId: number; keys: Uint8Array | null; keyOffsets: Uint8Array | null } & StoredSegmentColumns>(
    database,
    `SELECT "id", "revision", "firstId", "offsets", "scores", "labels", "times", "slices", "keys", "keyOffsets" FROM "Segment" WHERE "datasetId" = ? ORDER BY "rows" DESC, "id"`,
    [datasetId],
  );
  return rows.map((r) => ({ id: r.id, revision: r.revision, ...decodeSegment(r.firstId, r, sliceColumns), keys: decodeKeys(r.keys, r.keyOffsets) }));
}
