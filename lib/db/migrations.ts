// Migrations, whatever the backend: Prisma's folder layout (`<timestamp>_<name>/migration.sql`)
// and the one rule deciding, from the folders this code ships and the rows of the database's
// `_prisma_migrations`, what to apply and what to refuse. Each backend's migrator
// (lib/db/<backend>/migrate.ts) reads its rows, calls planMigrations and applies `pending`.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A migration folder shipped with this code. */
export interface KnownMigration {
  /** The folder's name, e.g. `20261127000000_init`; migrations apply in name order. */
  name: string;
  sql: string;
  /** SHA-256 of migration.sql, hex (64 characters), as Prisma records it. */
  checksum: string;
}

/** One row of `_prisma_migrations`. */
export interface RecordedMigration {
  name: string;
  checksum: string;
  /** Null while a migration is running, or after it failed without being rolled back. */
  finishedAt: Date | null;
  /** Set by `prisma migrate resolve --rolled-back`: the row no longer counts. */
  rolledBackAt: Date | null;
}

export interface MigrationPlan {
  /** Known migrations to apply, in order. */
  pending: KnownMigration[];
  /** Known migrations already applied with the same checksum. */
  applied: string[];
  /** Recorded as applied, but not among the known folders: a newer Cutoff migrated this database. */
  unknown: string[];
  /** Applied with a checksum other than today's file: the file was edited after it was applied. */
  changed: string[];
  /** Started but never finished (and not rolled back): a failed migration someone must resolve. */
  failed: string[];
}

/** What a backend's migrator reports. */
export interface MigrationResult {
  /** Migrations applied by this call. */
  applied: string[];
  /** Migrations recorded as applied in the database after this call. */
  total: number;
}

/** The migration folders under `dir`, in the order Prisma applies them (by name). */
export function readMigrations(dir: string): KnownMigration[] {
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
 * Compares the known migrations with the database's records. Rolled-back rows are ignored (the
 * migration counts as not applied); a migration recorded twice counts once if any row finished.
 */
export function planMigrations(known: KnownMigration[], recorded: RecordedMigration[]): MigrationPlan {
  const live = recorded.filter((row) => row.rolledBackAt === null);
  const finished = new Map<string, string>();
  for (const row of live) if (row.finishedAt !== null) finished.set(row.name, row.checksum);
  const knownNames = new Set(known.map((m) => m.name));
  const plan: MigrationPlan = { pending: [], applied: [], unknown: [], changed: [], failed: [] };
  for (const migration of known) {
    const checksum = finished.get(migration.name);
    if (checksum === undefined) plan.pending.push(migration);
    else if (checksum === migration.checksum) plan.applied.push(migration.name);
    else plan.changed.push(migration.name);
  }
  plan.unknown = [...finished.keys()].filter((name) => !knownNames.has(name)).sort();
  plan.failed = [...new Set(live.filter((row) => row.finishedAt === null && !finished.has(row.name)).map((row) => row.name))].sort();
  return plan;
}

/**
 * Why the plan must not be applied, as one message for the person starting the app, or null
 * when it may. Checked before anything is applied, so a refused database is left as it was.
 */
export function migrationProblem(plan: MigrationPlan): string | null {
  if (plan.unknown.length) {
    return `the database was migrated by a newer version of Cutoff: migration ${plan.unknown.join(", ")} is not known to this version; run the newer version (or a backup from before it)`;
  }
  if (plan.changed.length) {
    return `migration ${plan.changed.join(", ")} was changed after it was applied; add a new migration instead`;
  }
  if (plan.failed.length) {
    return `migration ${plan.failed.join(", ")} started but never finished; fix the database and mark it rolled back (prisma migrate resolve --rolled-back) before starting again`;
  }
  return null;
}
