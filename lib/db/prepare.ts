import { config } from "../config";
import { writeDemoDataset } from "./demo";
import { migrate } from "./migrate";
import { sharedSqlite } from "./sqlite";

export interface PrepareResult {
  appliedMigrations: string[];
  totalMigrations: number;
  demoDatasetId: number | null;
}

// On globalThis: Next may load this module in more than one bundle of the same process.
const globalForPrepare = globalThis as unknown as { cutoffPrepared?: Promise<PrepareResult> };

/**
 * Brings the database up to date (migrations) and, on an empty database, creates the demo
 * dataset. Runs once per process; every entry point (server, CLI, tests) calls it first.
 */
export function prepareDatabase(): Promise<PrepareResult> {
  globalForPrepare.cutoffPrepared ??= Promise.resolve().then(async () => {
    const db = sharedSqlite();
    const { applied, total } = migrate(db);
    let demoDatasetId: number | null = null;
    if (config().CUTOFF_DEMO === "true") {
      const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "Dataset"`).get() as { n: number };
      if (n === 0) demoDatasetId = (await writeDemoDataset()).id;
    }
    return { appliedMigrations: applied, totalMigrations: total, demoDatasetId };
  });
  return globalForPrepare.cutoffPrepared;
}

/** How many migrations the database has applied. */
export function appliedMigrationCount(): number {
  const { n } = sharedSqlite().prepare(`SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).get() as { n: number };
  return n;
}
