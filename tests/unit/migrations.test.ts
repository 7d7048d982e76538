import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { listMigrations, migrate } from "@/lib/db/sqlite/migrate";
import { readPrismaSchema } from "../support/prisma-schema";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-migrate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("migrations", () => {
  const db = new Database(path.join(dir, "test.db"));
  const first = migrate(db);

  test("apply every migration once and record it in _prisma_migrations", () => {
    expect(first.applied).toEqual(listMigrations().map((m) => m.name));
    expect(first.total).toBe(listMigrations().length);
    const again = migrate(db);
    expect(again.applied).toEqual([]);
    const rows = db.prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`).all() as { migration_name: string; checksum: string; finished_at: number }[];
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(listMigrations().map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  test("the migrated database matches schema.prisma: tables, columns, types, nullability, indexes", () => {
    const expected = readPrismaSchema(path.join(process.cwd(), "prisma", "sqlite", "schema.prisma"));
    const liveTables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    expect(liveTables).toEqual(expected.map((t) => t.name).sort());
    for (const table of expected) {
      const columns = (db.prepare(`PRAGMA table_info("${table.name}")`).all() as { name: string; type: string; notnull: number; pk: number }[]).map((c) => ({
        name: c.name, type: c.type, notNull: c.notnull === 1, primaryKey: c.pk > 0,
      }));
      expect(columns, `columns of ${table.name}`).toEqual(table.columns);
      const indexes = Object.fromEntries(
        (db.prepare(`PRAGMA index_list("${table.name}")`).all() as { name: string; unique: number; origin: string }[])
          .filter((i) => i.origin === "c")
          .map((i) => [i.name, { columns: (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name), unique: i.unique === 1 }]),
      );
      expect(indexes, `indexes of ${table.name}`).toEqual(table.indexes);
    }
  });

  test("a migration edited after it was applied is refused", () => {
    const copy = path.join(dir, "migrations");
    fs.cpSync(path.join(process.cwd(), "prisma", "sqlite", "migrations"), copy, { recursive: true });
    const db2 = new Database(path.join(dir, "edited.db"));
    migrate(db2, copy);
    const first = listMigrations(copy)[0].name;
    fs.appendFileSync(path.join(copy, first, "migration.sql"), "\n-- edited\n");
    expect(() => migrate(db2, copy)).toThrow(/was changed after it was applied/);
    db2.close();
  });
});
