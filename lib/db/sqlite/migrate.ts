import type Database from "better-sqlite3";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { MigrationResult } from "../store";

/** Where Prisma's migration folders live: `<timestamp>_<name>/migration.sql`. */
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "sqlite", "migrations");

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** The migration folders, in the order Prisma applies them (by name). */
export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string; checksum: string }[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies the migrations not yet recorded in `_prisma_migrations`, each in its own transaction,
 * and records them as Prisma would. A migration whose file changed after it was applied is an
 * error: the database and the schema would silently disagree; so is a database holding a
 * migration this version does not know (a newer Cutoff migrated it further).
 */
export function migrate(db: Database.Database, dir = MIGRATIONS_DIR): MigrationResult {
  db.exec(CREATE_MIGRATIONS_TABLE);
  const done = new Map(
    (db.prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { migration_name: string; checksum: string }[])
      .map((row) => [row.migration_name, row.checksum]),
  );
  const known = listMigrations(dir);
  const unknown = [...done.keys()].filter((name) => !known.some((m) => m.name === name));
  if (unknown.length) {
    throw new Error(`the database was migrated by a newer version of Cutoff (it has migration ${unknown.join(", ")}, which this version does not know): upgrade Cutoff, or use another DATABASE_URL`);
  }
  const applied: string[] = [];
  for (const migration of known) {
    const recorded = done.get(migration.name);
    if (recorded !== undefined) {
      if (recorded !== migration.checksum) {
        throw new Error(`migration ${migration.name} was changed after it was applied; add a new migration instead`);
      }
      continue;
    }
    const apply = db.transaction(() => {
      const startedAt = Date.now();
      db.exec(migration.sql);
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
      ).run(crypto.randomUUID(), migration.checksum, Date.now(), migration.name, startedAt);
    });
    apply.immediate();
    applied.push(migration.name);
  }
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).get() as { n: number }).n;
  return { applied, total };
}

/** How many migrations the database has applied. */
export function appliedMigrationCount(db: Database.Database): number {
  const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).get() as { n: number };
  return n;
}
