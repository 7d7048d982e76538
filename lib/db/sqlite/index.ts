/**
 * lib/db/sqlite — the embedded backend: every SQLite-specific thing of Cutoff lives in this folder
 * (PRAGMAs, BEGIN IMMEDIATE, INSERT OR REPLACE, json_extract, GLOB, rowid ranges, NOT INDEXED,
 * the blob layouts, the migrator). Two raw better-sqlite3 connections (a shared reader and the
 * imports' writer, connection.ts) and Prisma over the same file (prisma.ts).
 */
import type { Store } from "../store";
import { prisma } from "./prisma";
import { prismaAlerts, type AlertClient } from "../alerts";
import { prismaNotes, prismaScenarios, prismaTags, type AnnotationClient } from "../annotations";
import { prismaModels, type ModelClient } from "../models";
import { notesOfPredictions, tagsOfPredictions } from "./annotations";
import { AppendWriter } from "./append-writer";
import { backupDatabase } from "./backup";
import { sqliteAudits } from "./audits";
import { compactDataset } from "./compaction";
import { checkpointWal, sharedSqlite } from "./connection";
import { DatasetWriter } from "./dataset-writer";
import { listBatches } from "./history";
import { writeLabels } from "./labels";
import { sqliteDatasets } from "./datasets";
import { appliedMigrationCount, migrate } from "./migrate";
import { upgradeDatasetsWithoutSegments } from "./upgrade";
import { writerCall, writerThread, WriterThreadSink } from "./writer-client";
import { sqliteRows } from "./rows";
import { sqliteScores } from "./score-store";
import { tagErrorCounts } from "./tags";

/** The SQLite store of `DATABASE_URL=file:…`. */
/** The SQLite client, as the shared Prisma stores see it (it has their calls; typed per schema). */
const annotations = () => prisma() as unknown as AnnotationClient;

export function createSqliteStore(): Store {
  return {
    kind: "sqlite",
    datasets: sqliteDatasets,
    rows: sqliteRows,
    scores: sqliteScores,
    tags: prismaTags(annotations, { ofPredictions: async (ids) => tagsOfPredictions(ids), errorCounts: tagErrorCounts }),
    notes: prismaNotes(annotations, async (ids) => notesOfPredictions(ids)),
    scenarios: prismaScenarios(annotations),
    alerts: prismaAlerts(() => prisma() as unknown as AlertClient), // the client has these calls (typed per schema)
    audits: sqliteAudits,
    models: prismaModels(() => prisma() as unknown as ModelClient, sqliteDatasets),
    // Bulk writes run on the writer thread (writer-worker.ts); here only when it cannot start.
    datasetWriter: () => new WriterThreadSink(null, () => new DatasetWriter()),
    appendWriter: (datasetId, duplicates) => new WriterThreadSink({ datasetId, duplicates }, () => new AppendWriter(datasetId, duplicates)),
    writeLabels: (datasetId, changes, { source, reviewer }) => writerCall({ op: "labels", datasetId, changes, source, reviewer }, () => writeLabels(datasetId, changes, source, reviewer)),
    compact: async (datasetId) => {
      const layout = await sqliteDatasets.columnLayout(datasetId);
      if (!layout) return false;
      return writerCall({ op: "compact", datasetId, sliceColumns: layout.slices.length }, () => compactDataset(datasetId, layout.slices.length));
    },
    batches: async (datasetId) => listBatches(datasetId),
    migrate: async () => {
      const result = migrate(sharedSqlite());
      upgradeDatasetsWithoutSegments(sharedSqlite());
      return result;
    },
    migrationCount: async () => appliedMigrationCount(sharedSqlite()),
    // The writer thread copies the write-ahead log into the file after each commit itself.
    afterImport: () => void writerThread().then((thread) => thread ?? checkpointWal()),
    beforeImports: () => void writerThread(),
    // On a thread and a connection of its own (backup.ts), not the writer's: mid-import that one holds uncommitted rows.
    backup: (target) => backupDatabase(target),
  };
}
