import type Database from "better-sqlite3";
import crypto from "node:crypto";
import path from "node:path";
import { migrationProblem, planMigrations, readMigrations, type KnownMigration, type MigrationResult } from "../migrations";

/** Where the SQLite migration folders live: `<timestamp>_<name>/migration.sql`. */
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

/** The SQLite migration folders, in the order Prisma applies them (by name). */
export const listMigrations = (dir = MIGRATIONS_DIR): KnownMigration[] => readMigrations(dir);

/**
 * Applies the migrations not yet recorded in `_prisma_migrations`, each in its own transaction,
 * and records them as Prisma would. Refused before anything is applied (lib/db/migrations.ts): a
 * migration whose file changed after it was applied, one that failed, and a database holding a
 * migration this version does not know (a newer Cutoff migrated it further).
 */
export function migrate(db: Database.Database, dir = MIGRATIONS_DIR): MigrationResult {
  db.exec(CREATE_MIGRATIONS_TABLE);
  const recorded = (db.prepare(`SELECT migration_name AS name, checksum, finished_at AS finishedAt, rolled_back_at AS rolledBackAt FROM "_prisma_migrations"`).all() as {
    name: string;
    checksum: string;
    finishedAt: number | null;
    rolledBackAt: number | null;
  }[]).map((r) => ({ ...r, finishedAt: r.finishedAt === null ? null : new Date(r.finishedAt), rolledBackAt: r.rolledBackAt === null ? null : new Date(r.rolledBackAt) }));
  const plan = planMigrations(listMigrations(dir), recorded);
  const problem = migrationProblem(plan);
  if (problem) throw new Error(problem);
  for (const migration of plan.pending) {
    const apply = db.transaction(() => {
      const startedAt = Date.now();
      db.exec(migration.sql);
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
      ).run(crypto.randomUUID(), migration.checksum, Date.now(), migration.name, startedAt);
    });
    apply.immediate();
  }
  return { applied: plan.pending.map((m) => m.name), total: appliedMigrationCount(db) };
}

/** How many migrations the database has applied. */
export function appliedMigrationCount(db: Database.Database): number {
  const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).get() as { n: number };
  return n;
}
