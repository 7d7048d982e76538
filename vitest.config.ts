import path from "node:path";
import { defineConfig } from "vitest/config";
import { HOW_TO_GET_POSTGRES, findPostgresBin } from "./tests/support/postgres";

const alias = { "@": path.resolve(import.meta.dirname) };
const inCi = process.env.CI === "true" || process.env.CI === "1";
/** The API tests run on PostgreSQL too wherever PostgreSQL is installed, and always in CI (where its absence fails them). */
const apiOnPostgres = inCi || findPostgresBin() !== null;
if (!apiOnPostgres) console.warn(`\n⚠ the API tests on PostgreSQL (project api-pg) are left out — ${HOW_TO_GET_POSTGRES}\n`);
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
                // The same API tests against a server on PostgreSQL; start.test.ts checks `npm start` itself (no database in it).
                include: ["tests/api/**/*.test.ts"],
                exclude: ["tests/api/start.test.ts"],
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
