// Applies prisma/postgres/migrations at start-up, safely when several app instances start at once.
import type pg from "pg";
import crypto from "node:crypto";
import path from "node:path";
import { migrationProblem, planMigrations, readMigrations, type MigrationResult, type RecordedMigration } from "../migrations";
import { withDedicatedClient } from "./connection";

/** Where the PostgreSQL migration folders live: `<timestamp>_<name>/migration.sql`. */
export const POSTGRES_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "postgres", "migrations");

/**
 * The session advisory lock taken while migrating: Prisma Migrate's own key on PostgreSQL, so a
 * Cutoff instance and a `prisma migrate deploy` also wait for each other. Advisory locks are per
 * database: two Cutoff databases on one server do not contend.
 */
export const MIGRATION_LOCK_KEY = 72707369;

/** `_prisma_migrations` exactly as Prisma Migrate creates it on PostgreSQL. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "_prisma_migrations_pkey" PRIMARY KEY ("id")
)`;

/** Thrown when the database must not be migrated by this code; the message says why. */
export class MigrationRefused extends Error {}

/**
 * Applies the migrations of `dir` not yet recorded in `_prisma_migrations`, each in its own
 * transaction together with its record, while holding MIGRATION_LOCK_KEY: a second instance
 * starting at the same moment waits, then finds them applied. Refuses (MigrationRefused, nothing
 * applied) a database with an edited applied migration, a failed one, or one this code does not
 * know (a newer Cutoff migrated it further).
 */
export async function migrate(pool: pg.Pool, dir = POSTGRES_MIGRATIONS_DIR): Promise<MigrationResult> {
  const known = readMigrations(dir);
  return withDedicatedClient(async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    // On an error the client is closed (withDedicatedClient), which ends the session and its lock.
    await client.query(CREATE_MIGRATIONS_TABLE);
    const plan = planMigrations(known, await recordedMigrations(client));
    const problem = migrationProblem(plan);
    if (problem) throw new MigrationRefused(problem);
    for (const migration of plan.pending) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
          [crypto.randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new Error(`migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    const total = await client.query<{ n: number }>(
      `SELECT count(DISTINCT migration_name)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    return { applied: plan.pending.map((m) => m.name), total: total.rows[0].n };
  }, pool);
}

async function recordedMigrations(client: pg.PoolClient): Promise<RecordedMigration[]> {
  const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
  );
  return rows.map((row) => ({ name: row.migration_name, checksum: row.checksum, finishedAt: row.finished_at, rolledBackAt: row.rolled_back_at }));
}
