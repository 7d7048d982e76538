import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { config, sqlitePath } from "../config";

/**
 * Opens a raw better-sqlite3 connection with Cutoff's settings: WAL so readers never wait for an
 * import, a busy timeout so writers queue instead of failing. Used by the migrator and bulk paths;
 * everything else goes through Prisma (lib/db/client.ts).
 */
export function openSqlite(databaseUrl = config().DATABASE_URL): Database.Database {
  const file = sqlitePath(databaseUrl);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  return db;
}

const globalForSqlite = globalThis as unknown as { cutoffSqlite?: Database.Database };

/** One shared raw connection per process, for bulk reads and writes inside lib/db. */
export function sharedSqlite(): Database.Database {
  globalForSqlite.cutoffSqlite ??= openSqlite();
  return globalForSqlite.cutoffSqlite;
}

const globalForWriter = globalThis as unknown as { cutoffWriterSqlite?: Database.Database };

/**
 * The connection imports write through, apart from `sharedSqlite()`: its open transaction must
 * stay invisible to the bulk reads that share the other connection.
 */
export function writerSqlite(): Database.Database {
  if (!globalForWriter.cutoffWriterSqlite) {
    const db = openSqlite();
    // A million-row import touches three indexes at random places: with SQLite's default 2 MB
    // page cache, pages spill to the WAL mid-transaction and the import becomes I/O-bound.
    db.pragma("cache_size = -32768"); // 32 MB, allocated only as pages are used
    db.pragma("temp_store = MEMORY");
    // A commit would otherwise copy the whole import from the WAL into the database file before
    // returning (~0.5 s per million rows): routes call checkpointWal() once the answer is sent.
    // The WAL is durable either way; closing the connection, or the next commit of another
    // connection, checkpoints too.
    db.pragma("wal_autocheckpoint = 0");
    globalForWriter.cutoffWriterSqlite = db;
  }
  return globalForWriter.cutoffWriterSqlite;
}

/** Copies committed pages from the WAL into the database file, without waiting for readers. */
export function checkpointWal(): void {
  globalForWriter.cutoffWriterSqlite?.pragma("wal_checkpoint(PASSIVE)");
}
