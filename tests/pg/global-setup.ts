import type { TestProject } from "vitest/node";
import { HOW_TO_GET_POSTGRES, findPostgresBin, startPostgres } from "../support/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the test server's `postgres` database; "" when no server runs (no PostgreSQL installed). */
    postgresAdminUrl: string;
    /** The database created for this test run ("" when no server runs). */
    postgresUrl: string;
  }
}

/**
 * One real PostgreSQL server for every PostgreSQL test file, with one database for the run; both
 * are gone afterwards. Without PostgreSQL installed, no server runs and the PostgreSQL tests say
 * how to get one: skipped locally, failed in CI (see describePostgres in context.ts).
 */
export default async function setup(project: TestProject) {
  if (!findPostgresBin()) {
    console.warn(`\n⚠ no PostgreSQL for the PostgreSQL tests — ${HOW_TO_GET_POSTGRES}\n`);
    project.provide("postgresAdminUrl", "");
    project.provide("postgresUrl", "");
    return;
  }
  const server = await startPostgres();
  project.provide("postgresAdminUrl", server.adminUrl);
  project.provide("postgresUrl", await server.createDatabase("cutoff_test"));
  return server.stop;
}
