import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };
const inCi = process.env.CI === "true" || process.env.CI === "1";
/** The API tests run on PostgreSQL too wherever PostgreSQL is installed, and always in CI (where its absence fails them). */
// (What tests/support/postgres.ts findPostgresBin checks, without importing it: the config stays self-contained.)
const hasPostgres = process.env.PG_BIN
  ? fs.existsSync(path.join(process.env.PG_BIN, "initdb"))
  : fs.existsSync("/usr/lib/postgresql") && fs.readdirSync("/usr/lib/postgresql").some((v) => fs.existsSync(path.join("/usr/lib/postgresql", v, "bin", "initdb")));
const apiOnPostgres = inCi || hasPostgres;
if (!apiOnPostgres) console.warn("\n⚠ the API tests on PostgreSQL (project api-pg) are left out: install PostgreSQL (Debian/Ubuntu: apt-get install -y postgresql) or set PG_BIN to the folder holding initdb\n");
const apiTest = { environment: "node", testTimeout: 60_000, hookTimeout: 90_000, fileParallelism: false } as const;

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: { name: "api", include: ["tests/api/**/*.test.ts"], globalSetup: ["tests/api/global-setup.ts"], ...apiTest },
      },
      ...(apiOnPostgres
        ? [
            {
              resolve: { alias },
              test: {
                name: "api-pg",
                // The same API tests against a server on PostgreSQL; start.test.ts checks `npm start` itself (no
                // database in it); backup, crash-recovery and concurrency check SQLite's file, write-ahead log and
                // online backup (PostgreSQL's own: tests/pg, and the two-instance tests of tests/api).
                include: ["tests/api/**/*.test.ts"],
                exclude: ["tests/api/start.test.ts", "tests/api/backup.test.ts", "tests/api/crash-recovery.test.ts", "tests/api/concurrency.test.ts"],
                globalSetup: ["tests/api/global-setup-pg.ts"],
                ...apiTest,
                // After the other projects, not beside the SQLite API tests: both load the machine.
                sequence: { groupOrder: 1 },
              },
            },
          ]
        : []),
      {
        resolve: { alias },
        test: {
          name: "pg",
          include: ["tests/pg/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/pg/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
