import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/sqlite/client";
import { config, sqlitePath } from "../../config";

/**
 * How long one statement of the app's thread may wait for SQLite's write lock. better-sqlite3
 * waits synchronously, holding the event loop, so this stays short; a write that finds the
 * database locked (an import holds the lock until it commits) is tried again after an
 * asynchronous pause instead (`retryWhileBusy`).
 */
export const APP_BUSY_TIMEOUT_MS = 20;

/**
 * Prisma's better-sqlite3 adapter with the connection settings every Cutoff connection has:
 * foreign keys enforced (so the schema's ON DELETE CASCADE works through Prisma too) and a short
 * busy timeout (see APP_BUSY_TIMEOUT_MS).
 */
class CutoffSqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(`PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${APP_BUSY_TIMEOUT_MS};`);
    return adapter;
  }
}

/** Whether a Prisma error is SQLite's "database is locked" (another connection holds the write lock). */
export function isBusy(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } } | null;
  return e?.meta?.driverAdapterError?.cause?.originalCode === "SQLITE_BUSY" || /SQLITE_BUSY|database is locked/.test(String((error as Error | null)?.message));
}

/** Longest a small write waits for an import (or another process) to release the write lock. */
const BUSY_DEADLINE_MS = 120_000;

/**
 * Runs `operation`, and again after a pause (25 ms, growing to 250 ms) while the database is
 * locked, up to BUSY_DEADLINE_MS: the event loop stays free while a tag or a note waits for an
 * import to commit.
 */
export async function retryWhileBusy<T>(operation: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_DEADLINE_MS;
  for (let pause = 25; ; pause = Math.min(250, pause * 2)) {
    try {
      return await operation();
    } catch (error) {
      if (!isBusy(error) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

function createClient() {
  return new PrismaClient({
    adapter: new CutoffSqliteAdapter({ url: sqlitePath(config().DATABASE_URL), timeout: APP_BUSY_TIMEOUT_MS }, { timestampFormat: "unixepoch-ms" }),
  }).$extends({ query: { $allOperations: ({ args, query }) => retryWhileBusy(() => query(args)) } });
}

type CutoffPrisma = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { cutoffPrisma?: CutoffPrisma };

/** The process's one Prisma client (SQLite through better-sqlite3, timestamps as epoch ms), retrying while the database is locked. */
export function prisma(): CutoffPrisma {
  globalForPrisma.cutoffPrisma ??= createClient();
  return globalForPrisma.cutoffPrisma;
}
