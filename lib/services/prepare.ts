import { config } from "../config";
import { store } from "../db";
import { writeDemoDataset } from "../imports/demo";

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
    const { applied, total } = await store().migrate();
    let demoDatasetId: number | null = null;
    if (config().CUTOFF_DEMO === "true" && (await store().datasets.count()) === 0) demoDatasetId = (await writeDemoDataset()).id;
    return { appliedMigrations: applied, totalMigrations: total, demoDatasetId };
  });
  return globalForPrepare.cutoffPrepared;
}
