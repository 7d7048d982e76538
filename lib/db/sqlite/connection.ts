import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { config, sqlitePath } from "../../config";

/**
 * Opens a raw better-sqlite3 connection with Cutoff's settings: WAL so readers never wait for an
 * import, a busy timeout so writers queue instead of failing. Used by the migrator and bulk paths;
 * everything else goes through Prisma (./prisma.ts).
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

/**
 * Runs a write on `db` only if the write lock is free now: without the busy handler's wait
 * (synchronous, holding the thread); null when another connection holds the lock.
 */
export function withoutWaiting<T>(db: Database.Database, write: (db: Database.Database) => T): T | null {
  try {
    return withBusyTimeout(db, 0, () => write(db));
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return null;
    throw error;
  }
}

/**
 * Runs `work` in one write transaction on `db` (BEGIN IMMEDIATE: writers queue on the lock, never
 * deadlock), committed when it returns and rolled back when it throws.
 */
export function immediateTransaction<T>(db: Database.Database, work: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const out = work();
    db.exec("COMMIT");
    return out;
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

/** Runs `work` with `db` waiting at most `ms` for a lock (better-sqlite3 waits synchronously), then restores its busy timeout. */
export function withBusyTimeout<T>(db: Database.Database, ms: number, work: () => T): T {
  const timeout = db.pragma("busy_timeout", { simple: true }) as number;
  db.pragma(`busy_timeout = ${ms}`);
  try {
    return work();
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
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
    // An import appends to the table and two indexes: with SQLite's default 2 MB page cache their
    // pages would spill to the WAL over and over mid-transaction. 16 MB keeps the working set.
    db.pragma("cache_size = -16384"); // allocated only as pages are used
    db.pragma("temp_store = MEMORY");
    globalForWriter.cutoffWriterSqlite = db;
  }
  return globalForWriter.cutoffWriterSqlite;
}

/** SQLite's default: a commit that leaves this many pages in the WAL copies them into the database file. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * Turns off the checkpoint a commit on `db` would run: an import's commit would otherwise copy the
 * whole import from the WAL into the database file before returning (~0.5 s per million rows).
 * The WAL is durable; the import route calls checkpointWal() once its answer is sent, and the next
 * commit of any connection checkpoints otherwise. `on` restores SQLite's default.
 */
export function checkpointsAtCommit(db: Database.Database, on: boolean): void {
  db.pragma(`wal_autocheckpoint = ${on ? AUTOCHECKPOINT_PAGES : 0}`);
}

/** Copies committed pages from the WAL into the database file, without waiting for readers. */
export function checkpointWal(): void {
  try {
    globalForWriter.cutoffWriterSqlite?.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    // Another process's connection is checkpointing (SQLITE_BUSY), or this connection has begun
    // its next write (SQLITE_LOCKED): the log is copied by the next checkpoint. Never an error of
    // the write that asked for it.
    if (!/^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? "")) console.error("cutoff: checkpoint of the write-ahead log failed", error);
  }
}
