import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { config, sqlitePath } from "../config";

const globalForPrisma = globalThis as unknown as { cutoffPrisma?: PrismaClient };

/** The process's one Prisma client (SQLite through better-sqlite3, timestamps as epoch ms). */
export function prisma(): PrismaClient {
  globalForPrisma.cutoffPrisma ??= new PrismaClient({
    adapter: new PrismaBetterSqlite3(
      { url: sqlitePath(config().DATABASE_URL), timeout: 10_000 },
      { timestampFormat: "unixepoch-ms" },
    ),
  });
  return globalForPrisma.cutoffPrisma;
}
