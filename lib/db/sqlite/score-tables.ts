import type Database from "better-sqlite3";
import type { ScoreTable } from "../../metrics";
import { toBytes, toFloat64 } from "./blobs";
import { sharedSqlite } from "./connection";

/** A stored score table (whole dataset when sliceColumn is ""), or null when there is none. */
export function readScoreTable(datasetId: number, sliceColumn = "", sliceValue = ""): ScoreTable | null {
  // The raw driver: Prisma takes ~1 s to hand over the 24 MB of a 1,000,000-score table, SQLite ~0.1 s.
  const row = sharedSqlite()
    .prepare(`SELECT positives, negatives, scores, posCounts, negCounts FROM "ScoreTable" WHERE datasetId = ? AND sliceColumn = ? AND sliceValue = ?`)
    .get(datasetId, sliceColumn, sliceValue) as { positives: number; negatives: number; scores: Uint8Array; posCounts: Uint8Array; negCounts: Uint8Array } | undefined;
  if (!row) return null;
  return { scores: toFloat64(row.scores), positives: toFloat64(row.posCounts), negatives: toFloat64(row.negCounts), totalPositives: row.positives, totalNegatives: row.negatives };
}

/** Stores a score table (whole dataset when sliceColumn is ""): three Float64 little-endian blobs. */
export function insertScoreTable(db: Database.Database, datasetId: number, sliceColumn: string, sliceValue: string, table: ScoreTable): void {
  db.prepare(
    `INSERT INTO "ScoreTable" (datasetId, sliceColumn, sliceValue, positives, negatives, scores, posCounts, negCounts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(datasetId, sliceColumn, sliceValue, table.totalPositives, table.totalNegatives, toBytes(table.scores), toBytes(table.positives), toBytes(table.negatives));
}
