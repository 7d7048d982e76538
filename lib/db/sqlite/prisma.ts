import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/sqlite/client";
import { config, sqlitePath } from "../../config";

/**
 * Prisma's better-sqlite3 adapter with the connection settings every Cutoff connection has:
 * foreign keys enforced (so the schema's ON DELETE CASCADE works through Prisma too) and a busy
 * timeout so writers queue instead of failing.
 */
class CutoffSqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;");
    return adapter;
  }
}

const globalForPrisma = globalThis as unknown as { cutoffPrisma?: PrismaClient };

/** The process's one Prisma client (SQLite through better-sqlite3, timestamps as epoch ms). */
export function prisma(): PrismaClient {
  globalForPrisma.cutoffPrisma ??= new PrismaClient({
    adapter: new CutoffSqliteAdapter({ url: sqlitePath(config().DATABASE_URL), timeout: 10_000 }, { timestampFormat: "unixepoch-ms" }),
  });
  return globalForPrisma.cutoffPrisma;
}
