import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { migrate } from "@/lib/db/postgres/migrate";
import { readPrismaSchema } from "../support/prisma-schema";
import { describePostgres, freshDatabase } from "./context";

const ACTIONS: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };
const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
/**
 * Relations PostgreSQL keeps without a foreign key, by design (migration
 * 20261203000000_postgres_bulk_writes: a foreign key is checked row by row during COPY); a trigger
 * deletes the rows with their dataset instead (tested below).
 */
const WITHOUT_FOREIGN_KEY = ["Prediction_datasetId_fkey"];

describePostgres("the migrated PostgreSQL database", () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await freshDatabase(), max: 1 });
    await migrate(pool);
  });
  afterAll(() => pool.end());
  const expected = readPrismaSchema(path.join(process.cwd(), "prisma", "postgres", "schema.prisma"));

  test("has the tables of prisma/postgres/schema.prisma", async () => {
    const { rows } = await pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`);
    expect(rows.map((r) => r.tablename)).toEqual(expected.map((t) => t.name).sort());
  });

  // Columns are compared by name: ALTER TABLE … ADD COLUMN appends, wherever the field sits in the model.
  test.each(expected.map((t) => [t.name, t]))("%s: columns, types, nullability, primary key and defaults", async (name, table) => {
    const { rows } = await pool.query(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
              EXISTS (SELECT 1 FROM pg_index ix WHERE ix.indrelid = a.attrelid AND ix.indisprimary AND a.attnum = ANY (ix.indkey::int2[])) AS "primaryKey",
              pg_get_expr(d.adbin, d.adrelid) AS "default"
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = format('%I', $1::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
      [name],
    );
    expect(byName(rows.map(({ default: _, ...column }) => column))).toEqual(byName(table.columns));
    expect(Object.fromEntries(rows.filter((r) => r.default !== null).map((r) => [r.name, r.default]))).toEqual(table.defaults);
  });

  test.each(expected.map((t) => [t.name, t]))("%s: indexes (names, columns in order, uniqueness)", async (name, table) => {
    const { rows } = await pool.query(
      `SELECT i.relname AS name, ix.indisunique AS "unique", array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid
              CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
        WHERE ix.indrelid = format('%I', $1::text)::regclass AND NOT ix.indisprimary
        GROUP BY i.relname, ix.indisunique`,
      [name],
    );
    expect(Object.fromEntries(rows.map((r) => [r.name, { columns: r.columns, unique: r.unique }]))).toEqual(table.indexes);
  });

  test.each(expected.map((t) => [t.name, t]))("%s: foreign keys and their ON DELETE / ON UPDATE", async (name, table) => {
    const { rows } = await pool.query(
      `SELECT c.conname AS name, c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate",
              (SELECT relname FROM pg_class WHERE oid = c.confrelid) AS "table",
              ARRAY(SELECT attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n ORDER BY k.o) AS columns,
              ARRAY(SELECT attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n ORDER BY k.o) AS "references"
         FROM pg_constraint c WHERE c.conrelid = format('%I', $1::text)::regclass AND c.contype = 'f'`,
      [name],
    );
    const live = rows.map((r) => [r.name, { columns: r.columns, table: r.table, references: r.references, onDelete: ACTIONS[r.onDelete], onUpdate: ACTIONS[r.onUpdate] }]);
    expect(Object.fromEntries(live)).toEqual(Object.fromEntries(Object.entries(table.foreignKeys).filter(([key]) => !WITHOUT_FOREIGN_KEY.includes(key))));
  });

  test("deleting a dataset deletes its rows (the trigger standing for Prediction's ON DELETE CASCADE), and only its rows", async () => {
    const dataset = async (name: string) => (await pool.query(`INSERT INTO "Dataset" ("name", "updatedAt") VALUES ($1, now()) RETURNING "id"`, [name])).rows[0].id as number;
    const [a, b] = [await dataset("a"), await dataset("b")];
    // a: ids 1–3 and 7 (two batches); b: 4–6.
    for (const [datasetId, first, last] of [[a, 1, 3], [b, 4, 6], [a, 7, 7]]) {
      await pool.query(`INSERT INTO "Import" ("datasetId", "rows", "positives", "negatives", "durationMs", "firstId", "lastId") VALUES ($1, 0, 0, 0, 0, $2, $3)`, [datasetId, first, last]);
      await pool.query(`INSERT INTO "Prediction" ("id", "datasetId", "row", "score") SELECT i, $1, i, 0.5 FROM generate_series($2::int, $3::int) i`, [datasetId, first, last]);
    }
    await pool.query(`DELETE FROM "Dataset" WHERE "id" = $1`, [a]);
    const { rows } = await pool.query(`SELECT "id", "datasetId" FROM "Prediction" ORDER BY "id"`);
    expect(rows).toEqual([4, 5, 6].map((id) => ({ id, datasetId: b })));
  });
});
