import type { TestProject } from "vitest/node";
import { HOW_TO_GET_POSTGRES, findPostgresBin, startPostgres } from "../support/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the test server's `postgres` database; "" when no server runs (locally, without PostgreSQL). */
    postgresAdminUrl: string;
    /** The database created for this test run. */
    postgresUrl: string;
  }
}

/**
 * One real PostgreSQL server for every PostgreSQL test file, with one database for the run; both
 * gone afterwards. Without PostgreSQL installed the tests are skipped with a message, except in CI
 * (CI=true), where that is a failure.
 */
export default async function setup(project: TestProject) {
  if (!findPostgresBin()) {
    const inCi = process.env.CI === "true" || process.env.CI === "1";
    if (inCi) throw new Error(`${HOW_TO_GET_POSTGRES}. CI runs the PostgreSQL tests: they are never skipped.`);
    console.warn(`\n⚠ PostgreSQL tests skipped — ${HOW_TO_GET_POSTGRES}\n`);
    project.provide("postgresAdminUrl", "");
    project.provide("postgresUrl", "");
    return;
  }
  const server = await startPostgres();
  project.provide("postgresAdminUrl", server.adminUrl);
  project.provide("postgresUrl", await server.createDatabase("cutoff_test"));
  return server.stop;
}
