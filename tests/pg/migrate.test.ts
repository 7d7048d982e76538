import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import crypto from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { readMigrations } from "@/lib/db/migrations";
import { MIGRATION_LOCK_KEY, MigrationRefused, POSTGRES_MIGRATIONS_DIR, migrate } from "@/lib/db/postgres/migrate";
import { adminUrl, describePostgres, freshDatabase } from "./context";

const known = readMigrations(POSTGRES_MIGRATIONS_DIR);
let tmp = ""; // made on first use: a skipped run leaves nothing behind
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// Each test migrates a schema of its own in this file's database (a new schema takes milliseconds, a
// new database a third of a second). The tests run one after another: the advisory lock, which is
// per database, is theirs alone.
let databaseUrl = "";
beforeAll(async () => {
  if (adminUrl) databaseUrl = await freshDatabase();
});

/** Pools on a new empty schema, as `count` app instances would connect (search_path = that schema). */
async function newInstances(count: number, max = 1): Promise<pg.Pool[]> {
  const schema = `s_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const instances = Array.from({ length: count }, () => new pg.Pool({ connectionString: databaseUrl, max, options: `-c search_path=${schema}` }));
  pools.push(...instances);
  return instances;
}
const newSchema = async () => (await newInstances(1, 2))[0];

/** A copy of the first `count` real migrations plus `extra` folders (name → SQL). */
function migrationsDir(count: number, extra: Record<string, string> = {}): string {
  tmp ||= fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-pg-migrations-"));
  const dir = fs.mkdtempSync(path.join(tmp, "dir-"));
  for (const m of known.slice(0, count)) fs.cpSync(path.join(POSTGRES_MIGRATIONS_DIR, m.name), path.join(dir, m.name), { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const recorded = async (pool: pg.Pool) =>
  (await pool.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).rows as {
    id: string; checksum: string; finished_at: Date | null; migration_name: string; logs: string | null; rolled_back_at: Date | null; started_at: Date; applied_steps_count: number;
  }[];
const tableExists = async (pool: pg.Pool, name: string) => (await pool.query(`SELECT to_regclass(format('%I', $1::text)) AS t`, [name])).rows[0].t !== null;
const advisoryLocks = async (pool: pg.Pool) =>
  Number((await pool.query(`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, [MIGRATION_LOCK_KEY])).rows[0].n);

describePostgres("PostgreSQL migrations", () => {
  test("apply every migration once, recorded in _prisma_migrations as Prisma Migrate records them", async () => {
    const pool = await newSchema();
    expect(known.length).toBeGreaterThan(0);
    expect(await migrate(pool)).toEqual({ applied: known.map((m) => m.name), total: known.length });
    expect(await migrate(pool)).toEqual({ applied: [], total: known.length });
    const rows = await recorded(pool);
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(known.map((m) => [m.name, m.checksum]));
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
    expect(await advisoryLocks(pool)).toBe(0);
  });

  test("the migrations table has Prisma Migrate's PostgreSQL columns", async () => {
    const pool = await newSchema();
    await migrate(pool, migrationsDir(0));
    const { rows } = await pool.query(
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(rows.map((r) => [r.column_name, r.data_type, r.length, r.is_nullable, r.column_default])).toEqual([
      ["id", "character varying", 36, "NO", null],
      ["checksum", "character varying", 64, "NO", null],
      ["finished_at", "timestamp with time zone", null, "YES", null],
      ["migration_name", "character varying", 255, "NO", null],
      ["logs", "text", null, "YES", null],
      ["rolled_back_at", "timestamp with time zone", null, "YES", null],
      ["started_at", "timestamp with time zone", null, "NO", "now()"],
      ["applied_steps_count", "integer", null, "NO", "0"],
    ]);
  });

  test("a migration edited after it was applied is refused, and nothing else is applied", async () => {
    const pool = await newSchema();
    const dir = migrationsDir(1);
    await migrate(pool, dir);
    fs.appendFileSync(path.join(dir, known[0].name, "migration.sql"), "\n-- edited\n");
    fs.cpSync(path.join(POSTGRES_MIGRATIONS_DIR, known[1].name), path.join(dir, known[1].name), { recursive: true });
    const refused = migrate(pool, dir);
    await expect(refused).rejects.toThrow(MigrationRefused);
    await expect(refused).rejects.toThrow(`migration ${known[0].name} was changed after it was applied`);
    expect((await recorded(pool)).map((r) => r.migration_name)).toEqual([known[0].name]);
    expect(await advisoryLocks(pool)).toBe(0);
  });

  test("a database a newer Cutoff migrated further is refused with the unknown migration's name, and left as it was", async () => {
    const pool = await newSchema();
    await migrate(pool, migrationsDir(1, { "29990101000000_future": `CREATE TABLE "Future" ("id" INTEGER NOT NULL);` }));
    const refused = migrate(pool);
    await expect(refused).rejects.toThrow(MigrationRefused);
    await expect(refused).rejects.toThrow(/migrated by a newer version of Cutoff: migration 29990101000000_future is not known/);
    expect((await recorded(pool)).map((r) => r.migration_name)).toEqual([known[0].name, "29990101000000_future"]);
    expect(await tableExists(pool, "ScoreOrder")).toBe(false);
  });

  test("a failing migration leaves no trace of itself; the ones before it stay applied", async () => {
    const pool = await newSchema();
    const dir = migrationsDir(1, { "29990101000000_broken": `CREATE TABLE "Half" ("id" INTEGER);\nSELECT no_such_function();` });
    await expect(migrate(pool, dir)).rejects.toThrow(/migration 29990101000000_broken failed: function no_such_function\(\) does not exist/);
    expect((await recorded(pool)).map((r) => r.migration_name)).toEqual([known[0].name]);
    expect(await tableExists(pool, "Half")).toBe(false);
    expect(await advisoryLocks(pool)).toBe(0);
  });

  test("a migration Prisma recorded as started but never finished is refused; a rolled-back one is applied again", async () => {
    const pool = await newSchema();
    await migrate(pool, migrationsDir(0));
    await pool.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('a', $1, $2, now())`, [known[0].checksum, known[0].name]);
    await expect(migrate(pool)).rejects.toThrow(`migration ${known[0].name} started but never finished`);
    await pool.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now()`);
    expect((await migrate(pool)).applied).toEqual(known.map((m) => m.name));
  });

  test("two migrators started at the same moment both succeed, waiting on the advisory lock, and apply each migration once", async () => {
    const [holder, a, b] = await newInstances(3);
    const lock = await holder.connect();
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const both = Promise.allSettled([migrate(a), migrate(b)]);
    try {
      // While someone holds the lock, neither migrator gets past it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const waiting = await lock.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [MIGRATION_LOCK_KEY]);
      expect(waiting.rows[0].n).toBe(2);
      expect((await lock.query(`SELECT to_regclass('"_prisma_migrations"') AS t`)).rows[0].t).toBeNull();
    } finally {
      lock.release(true); // closing the session releases its lock
    }
    const settled = await both;
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled"]);
    const results = settled.map((s) => (s.status === "fulfilled" ? s.value : { applied: [], total: 0 }));
    expect(results.map((r) => r.total)).toEqual([known.length, known.length]);
    expect([...results[0].applied, ...results[1].applied].sort()).toEqual(known.map((m) => m.name));
    expect((await recorded(holder)).map((r) => r.migration_name)).toEqual(known.map((m) => m.name));
  });

  test("two migrators started at the same moment on a new database, without anyone holding the lock, both succeed", async () => {
    const instances = await newInstances(2);
    const results = await Promise.all(instances.map((pool) => migrate(pool)));
    expect([...results[0].applied, ...results[1].applied].sort()).toEqual(known.map((m) => m.name));
    expect((await recorded(instances[0])).map((r) => r.migration_name)).toEqual(known.map((m) => m.name));
  });
});
