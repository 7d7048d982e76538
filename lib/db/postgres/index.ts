/**
 * lib/db/postgres — the PostgreSQL backend (DATABASE_URL=postgresql://…): every PostgreSQL-specific
 * thing of Cutoff lives in this folder (the pool and Prisma over adapter-pg, COPY, advisory locks,
 * bytea segments, the dialect of the gallery's queries, the migrator). Several app instances may
 * share one database: bulk writes hold one advisory lock (sql.ts WRITE_LOCK_KEY), caches are keyed
 * by the dataset's version.
 */
import { prismaAlerts, type AlertClient } from "../alerts";
import { prismaNotes, prismaScenarios, prismaTags, type AnnotationClient } from "../annotations";
import { prismaModels, type ModelClient } from "../models";
import type { Store } from "../store";
import { PgAppendWriter } from "./append-writer";
import { notesOfPredictions, tagsOfPredictions } from "./annotations";
import { postgresAudits } from "./audits";
import { compactDataset } from "./compaction";
import { postgresPool, postgresPrisma } from "./connection";
import { PgDatasetWriter } from "./dataset-writer";
import { postgresDatasets } from "./datasets";
import { listBatches } from "./history";
import { writeLabels } from "./labels";
import { migrate } from "./migrate";
import { postgresRows } from "./rows";
import { postgresScores } from "./score-store";
import { rowOf } from "./sql";
import { tagErrorCounts } from "./tags";

/** The PostgreSQL store of `DATABASE_URL=postgresql://…`. */
/** The PostgreSQL client, as the shared Prisma stores see it (it has their calls; typed per schema). */
const annotations = () => postgresPrisma() as unknown as AnnotationClient;

export function createPostgresStore(): Store {
  return {
    kind: "postgresql",
    datasets: postgresDatasets,
    rows: postgresRows,
    scores: postgresScores,
    tags: prismaTags(annotations, { ofPredictions: async (ids) => tagsOfPredictions(ids), errorCounts: tagErrorCounts }),
    notes: prismaNotes(annotations, async (ids) => notesOfPredictions(ids)),
    scenarios: prismaScenarios(annotations),
    audits: postgresAudits,
    models: prismaModels(() => postgresPrisma() as unknown as ModelClient, postgresDatasets),
    alerts: prismaAlerts(() => postgresPrisma() as unknown as AlertClient), // the client has these calls (typed per schema)
    datasetWriter: () => new PgDatasetWriter(),
    appendWriter: (datasetId, duplicates) => new PgAppendWriter(datasetId, duplicates),
    writeLabels: (datasetId, changes, { source, reviewer }) => writeLabels(datasetId, changes, source, reviewer),
    compact: async (datasetId) => {
      const layout = await postgresDatasets.columnLayout(datasetId);
      return layout ? compactDataset(datasetId, layout.slices.length) : false;
    },
    batches: listBatches,
    migrate: () => migrate(postgresPool()),
    migrationCount: async () => {
      const row = await rowOf<{ n: number }>(`SELECT count(DISTINCT "migration_name")::int AS "n" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`);
      return row!.n;
    },
    // PostgreSQL has no write-ahead log to fold into a file: nothing to do after an import.
    afterImport: () => undefined,
    // Imports write through the pool, which connects on first use.
    beforeImports: () => undefined,
  };
}
