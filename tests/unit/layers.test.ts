import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/** Every source file of the app (tests and benchmarks aside), relative to the project root. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sources(file);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [file] : [];
  });
}

const files = [...sources("app"), ...sources("lib"), ...sources("scripts"), "instrumentation.ts"].map((f) => ({ file: f, text: fs.readFileSync(f, "utf8") }));
const insideSqlite = (file: string) => file.startsWith(path.join("lib", "db", "sqlite") + path.sep);

/** SQLite's dialect and driver: none of it may appear outside lib/db/sqlite/. */
const SQLITE_SPECIFIC: [string, RegExp][] = [
  ["PRAGMA", /\bPRAGMA\b/i],
  ["BEGIN IMMEDIATE", /\bBEGIN\s+IMMEDIATE\b/i],
  ["INSERT OR REPLACE", /\bINSERT\s+OR\s+(REPLACE|IGNORE|ROLLBACK)\b/i],
  ["json_extract", /\bjson_extract\s*\(/i],
  ["GLOB", /\bNOT\s+GLOB\b|\bGLOB\s+'/],
  ["NOT INDEXED", /\bNOT\s+INDEXED\b/i],
  ["rowid", /\browid\b/i],
  ["sqlite_master", /\bsqlite_(master|schema)\b/i],
  ["the better-sqlite3 driver", /["']better-sqlite3["']|@prisma\/adapter-better-sqlite3/],
  ["the SQLite Prisma client", /generated\/sqlite/],
];

describe("SQLite-specific code lives in lib/db/sqlite/ only", () => {
  test.each(SQLITE_SPECIFIC)("%s", (_name, pattern) => {
    const offenders = files.filter(({ file, text }) => !insideSqlite(file) && pattern.test(text)).map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  test("the check sees the SQLite folder itself (it would catch a leak)", () => {
    const inside = files.filter(({ file }) => insideSqlite(file));
    for (const [name, pattern] of SQLITE_SPECIFIC.filter(([name]) => ["PRAGMA", "json_extract", "NOT INDEXED", "the better-sqlite3 driver"].includes(name))) {
      expect(inside.some(({ text }) => pattern.test(text)), name).toBe(true);
    }
  });
});

const insidePostgres = (file: string) => file.startsWith(path.join("lib", "db", "postgres") + path.sep);

/** PostgreSQL's dialect and driver: none of it may appear outside lib/db/postgres/. */
const POSTGRES_SPECIFIC: [string, RegExp][] = [
  ["advisory locks", /\bpg_advisory_(xact_)?lock\b/i],
  ["COPY … FROM STDIN", /\bCOPY\b[^;]*\bFROM\s+STDIN\b/i],
  ["ILIKE", /\bILIKE\b/],
  ["NULLS FIRST / LAST", /\bNULLS\s+(FIRST|LAST)\b/],
  ["::casts", /::(json|jsonb|int|integer|text|double precision|numeric)\b(\[\])?/i],
  ["= ANY($n)", /=\s*ANY\s*\(\s*\$\d/i],
  ["row locks", /\bFOR\s+(UPDATE|SHARE|NO KEY UPDATE|KEY SHARE)\b(\s+SKIP\s+LOCKED)?/],
  ["sequences", /\b(nextval|setval|pg_get_serial_sequence)\s*\(/i],
  ["the pg driver and COPY streams", /["'](pg|pg-copy-streams|@prisma\/adapter-pg)["']/],
  ["the PostgreSQL Prisma client", /generated\/postgres/],
];

describe("PostgreSQL-specific code lives in lib/db/postgres/ only", () => {
  test.each(POSTGRES_SPECIFIC)("%s", (_name, pattern) => {
    const offenders = files.filter(({ file, text }) => !insidePostgres(file) && pattern.test(text)).map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  test("the check sees the PostgreSQL folder itself (it would catch a leak)", () => {
    const inside = files.filter(({ file }) => insidePostgres(file));
    for (const [name, pattern] of POSTGRES_SPECIFIC) expect(inside.some(({ text }) => pattern.test(text)), name).toBe(true);
  });
});

const importsOf = (text: string) => [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);

describe("layers: data flows one way", () => {
  test("nothing in lib/ imports from app/, React or Next", () => {
    const offenders = files.filter(({ file, text }) => file.startsWith("lib" + path.sep) && importsOf(text).some((m) => /(^|\/)app\/|^@\/app\/|^react(-dom)?(\/|$)|^next(\/|$)/.test(m)));
    expect(offenders.map((f) => f.file)).toEqual([]);
  });

  test("only lib/db imports Prisma or a database driver", () => {
    const offenders = files.filter(({ file, text }) => !file.startsWith(path.join("lib", "db") + path.sep) && importsOf(text).some((m) => /prisma|^pg$|better-sqlite3|\/generated\//.test(m)));
    expect(offenders.map((f) => f.file)).toEqual([]);
  });

  test("the pure core (metrics, story, reports, gallery, ingest, compare, models) reads no database", () => {
    const pure = ["metrics", "story", "reports", "gallery", "ingest", "compare", "models"].map((d) => path.join("lib", d) + path.sep);
    const offenders = files.filter(({ file, text }) => pure.some((p) => file.startsWith(p)) && text.split("\n").some((line) => /^\s*import\s(?!type\b)[^;]*from\s+["'](\.\.\/db|@\/lib\/db)/.test(line)));
    expect(offenders.map((f) => f.file)).toEqual([]);
  });
});
