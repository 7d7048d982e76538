/**
 * lib/db/sqlite — the embedded backend: every SQLite-specific thing of Cutoff lives in this folder
 * (PRAGMAs, BEGIN IMMEDIATE, INSERT OR REPLACE, json_extract, GLOB, rowid ranges, NOT INDEXED,
 * the blob layouts, the migrator). Two raw better-sqlite3 connections (a shared reader and the
 * imports' writer, connection.ts) and Prisma over the same file (prisma.ts).
 */
import type { Store } from "../store";
import { checkpointWal, sharedSqlite } from "./connection";
import { DatasetWriter } from "./dataset-writer";
import { sqliteDatasets } from "./datasets";
import { appliedMigrationCount, migrate } from "./migrate";
import { sqliteNotes } from "./notes";
import { sqliteRows } from "./rows";
import { sqliteScenarios } from "./scenarios";
import { sqliteScores } from "./score-store";
import { sqliteTags } from "./tags";

/** The SQLite store of `DATABASE_URL=file:…`. */
export function createSqliteStore(): Store {
  return {
    kind: "sqlite",
    datasets: sqliteDatasets,
    rows: sqliteRows,
    scores: sqliteScores,
    tags: sqliteTags,
    notes: sqliteNotes,
    scenarios: sqliteScenarios,
    datasetWriter: () => new DatasetWriter(),
    migrate: async () => migrate(sharedSqlite()),
    migrationCount: async () => appliedMigrationCount(sharedSqlite()),
    afterImport: checkpointWal,
  };
}
