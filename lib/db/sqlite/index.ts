/**
 * lib/db/sqlite — the embedded backend: every SQLite-specific thing of Cutoff lives in this folder
 * (PRAGMAs, BEGIN IMMEDIATE, INSERT OR REPLACE, json_extract, GLOB, rowid ranges, NOT INDEXED,
 * the blob layouts, the migrator). Two raw better-sqlite3 connections (a shared reader and the
 * imports' writer, connection.ts) and Prisma over the same file (prisma.ts).
 */
import type { Store } from "../store";
import { AppendWriter } from "./append-writer";
import { compactDataset } from "./compaction";
import { checkpointWal, sharedSqlite } from "./connection";
import { DatasetWriter } from "./dataset-writer";
import { listBatches } from "./history";
import { writeLabels } from "./labels";
import { sqliteDatasets } from "./datasets";
import { appliedMigrationCount, migrate } from "./migrate";
import { upgradeDatasetsWithoutSegments } from "./upgrade";
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
    appendWriter: (datasetId, duplicates) => new AppendWriter(datasetId, duplicates),
    writeLabels: async (datasetId, changes, { source, reviewer }) => writeLabels(datasetId, changes, source, reviewer),
    compact: async (datasetId) => {
      const layout = await sqliteDatasets.columnLayout(datasetId);
      return layout ? compactDataset(datasetId, layout.slices.length) : false;
    },
    batches: async (datasetId) => listBatches(datasetId),
    migrate: async () => {
      const result = migrate(sharedSqlite());
      upgradeDatasetsWithoutSegments(sharedSqlite());
      return result;
    },
    migrationCount: async () => appliedMigrationCount(sharedSqlite()),
    afterImport: checkpointWal,
  };
}
