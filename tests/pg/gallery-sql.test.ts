import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { migrate as migratePostgres } from "@/lib/db/postgres/migrate";
import { compileExampleQuery as postgresQuery } from "@/lib/db/postgres/example-query";
import { compileExampleQuery as sqliteQuery } from "@/lib/db/sqlite/example-query";
import { migrate as migrateSqlite } from "@/lib/db/sqlite/migrate";
import { DATASET_ROWS, DATASET_ROWS_WHERE } from "@/lib/db/sqlite/ranges";
import { seededRandom } from "@/lib/demo/random";
import type { ColumnLayout, ExampleQuery } from "@/lib/gallery/kinds";
import { describePostgres, freshDatabase } from "./context";

// The gallery's filtered and sorted queries give the same rows in the same order on both backends:
// the same stored rows in a SQLite file and a PostgreSQL database, each query run on both.
const layout: ColumnLayout = { slices: ["city"], extras: ["amount"] };
const CITIES = ["Zürich", "zürich", "ZURICH", "Paris", "paris", "Besançon", "", "_x", "%y", "a\\b", "東京", null];
const AMOUNTS = ["12.50", "3", "-2", "1e3", "1-2", "1.2.3", "+", "e", ".5", "007", "abc", "Abc", "", null, "1e999", "12.5"];
const random = seededRandom(17);
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
const rows = Array.from({ length: 240 }, (_, i) => ({
  id: 100 + i,
  row: i + 2,
  label: random() < 0.4 ? 1 : 0,
  // Two decimals: many ties, so the tie-breaks are tested too.
  score: Math.round(random() * 100) / 100,
  exampleId: random() < 0.1 ? null : pick(["tx-1", "TX-2", "tx_3", "tx%4", "ñ-5", "a", "B", "b"]) + `-${i % 7}`,
  timestamp: random() < 0.3 ? null : Date.UTC(2026, 10, 1) + Math.floor(random() * 5) * 3_600_000,
  text: random() < 0.3 ? null : pick(["Naïve Café", "naive cafe", "GIFT card", "gift_card", "100% sure", "back\\slash", "ÉCOLE", "école"]),
  image: random() < 0.5 ? null : pick(["a.png", "B.png", "c.png"]),
  slices: JSON.stringify([pick(CITIES)]),
  extras: JSON.stringify([pick(AMOUNTS)]),
}));

const kinds = ["fp", "fn", "tp", "tn"] as const;
const queries: [string, ExampleQuery][] = [
  ...kinds.flatMap((kind) => [
    [`${kind}: sort by amount (numbers as numbers, then words, empty last)`, { threshold: 0.5, kind, sort: "amount", order: "asc" }],
    [`${kind}: sort by amount, descending`, { threshold: 0.5, kind, sort: "amount", order: "desc" }],
    [`${kind}: sort by city`, { threshold: 0.4, kind, sort: "city" }],
    [`${kind}: sort by city, descending`, { threshold: 0.4, kind, sort: "city", order: "desc" }],
  ] as [string, ExampleQuery][]),
  ...(["row", "label", "exampleId", "timestamp", "text", "image", "score", "distance"] as const).flatMap((sort) => [
    [`fp: sort by ${sort}`, { threshold: 0.3, kind: "fp", sort }],
    [`fn: sort by ${sort}, descending`, { threshold: 0.7, kind: "fn", sort, order: "desc" }],
  ] as [string, ExampleQuery][]),
  ["tn: default order", { threshold: 0.6, kind: "tn" }],
  ["tp: default order", { threshold: 0.6, kind: "tp" }],
  ...["zür", "ZÜR", "zur", "café", "CAFE", "gift", "_", "%", "\\", "tx", "1e", "école", "東"].map((q) => [`fp: search ${JSON.stringify(q)}`, { threshold: 0.2, kind: "fp", q }] as [string, ExampleQuery]),
  ...["Zürich", "zürich", "", "_x", "a\\b", "東京"].map((city) => [`tn: city = ${JSON.stringify(city)}, by amount`, { threshold: 0.5, kind: "tn", slices: { city }, sort: "amount" }] as [string, ExampleQuery]),
  ["fp: city = Paris and search 'a'", { threshold: 0.1, kind: "fp", slices: { city: "Paris" }, q: "a" }],
];

describePostgres("gallery queries on both backends", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-gallery-sql-"));
  const sqlite = new Database(path.join(dir, "gallery.db"));
  let pool: pg.Pool;

  beforeAll(async () => {
    migrateSqlite(sqlite);
    pool = new pg.Pool({ connectionString: await freshDatabase(), max: 1, options: "-c TimeZone=UTC" });
    await migratePostgres(pool);
    const dataset = [1, "gallery", 0, 0] as const;
    sqlite.prepare(`INSERT INTO "Dataset" ("id", "name", "createdAt", "updatedAt") VALUES (?, ?, ?, ?)`).run(...dataset);
    await pool.query(`INSERT INTO "Dataset" ("id", "name", "updatedAt") VALUES (1, 'gallery', now())`);
    const range = [rows[0].id, rows.at(-1)!.id];
    sqlite.prepare(`INSERT INTO "Import" ("datasetId", "rows", "positives", "negatives", "durationMs", "createdAt", "firstId", "lastId") VALUES (1, 0, 0, 0, 0, 0, ?, ?)`).run(...range);
    await pool.query(`INSERT INTO "Import" ("datasetId", "rows", "positives", "negatives", "durationMs", "firstId", "lastId") VALUES (1, 0, 0, 0, 0, $1, $2)`, range);
    const insert = sqlite.prepare(`INSERT INTO "Prediction" ("id", "datasetId", "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras") VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of rows) {
      insert.run(r.id, r.row, r.label, r.score, r.exampleId, r.timestamp, r.text, r.image, r.slices, r.extras);
      await pool.query(
        `INSERT INTO "Prediction" ("id", "datasetId", "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras")
         VALUES ($1, 1, $2, $3, $4, $5, to_timestamp($6::double precision / 1000), $7, $8, $9, $10)`,
        [r.id, r.row, r.label, r.score, r.exampleId, r.timestamp, r.text, r.image, r.slices, r.extras],
      );
    }
  });
  afterAll(async () => {
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await pool?.end();
  });

  test.each(queries)("%s", async (_name, query) => {
    const s = sqliteQuery(query, layout);
    const onSqlite = (sqlite.prepare(`SELECT p."id" AS id FROM ${DATASET_ROWS} WHERE ${DATASET_ROWS_WHERE} AND ${s.where} ORDER BY ${s.orderBy}`).all(1, 1, ...s.params) as { id: number }[]).map((r) => r.id);
    const p = postgresQuery(query, layout, 2);
    const onPostgres = (await pool.query(`SELECT p."id" FROM "Import" b JOIN "Prediction" p ON p."id" BETWEEN b."firstId" AND b."lastId" WHERE b."datasetId" = $1 AND p."datasetId" = $1 AND ${p.where} ORDER BY ${p.orderBy}`, [1, ...p.params])).rows.map((r) => r.id as number);
    expect(onPostgres).toEqual(onSqlite);
    // Each query finds something (an empty list would agree trivially), except searches for what no
    // row holds when only ASCII letters fold their case ("ZÜR" finds no "Zürich", on both backends).
    const ascii = (v: string) => v.replace(/[A-Z]/g, (c) => c.toLowerCase());
    if (!query.q || rows.some((r) => [r.text, r.exampleId, r.slices, r.extras].some((v) => v !== null && ascii(v).includes(ascii(query.q!))))) expect(onSqlite.length).toBeGreaterThan(0);
    else expect(onSqlite).toEqual([]);
  });
});
