import type { TestProject } from "vitest/node";
import { HOW_TO_GET_POSTGRES, findPostgresBin, startPostgres } from "../support/postgres";
import { startServer } from "../support/server";

/**
 * The API tests again, on PostgreSQL (project api-pg): a real PostgreSQL server in a temporary
 * folder, one database, and the built app started on it (DATABASE_URL=postgresql://…). Tests that
 * start servers of their own get a new database on the same PostgreSQL server
 * (tests/support/test-server.ts). Without PostgreSQL the project is left out locally
 * (vitest.config.ts says so) and fails here in CI.
 */
export default async function setup(project: TestProject) {
  if (!findPostgresBin()) throw new Error(`${HOW_TO_GET_POSTGRES}. CI runs the API tests on PostgreSQL: they are never skipped.`);
  const postgres = await startPostgres();
  try {
    const server = await startServer({}, { database: await postgres.createDatabase("cutoff_api") });
    project.provide("baseUrl", server.url);
    project.provide("database", server.database);
    project.provide("databaseFile", server.database);
    project.provide("dataDir", server.dataDir);
    project.provide("backend", "postgresql");
    project.provide("postgresAdminUrl", postgres.adminUrl);
    return async () => {
      await server.stop();
      await postgres.stop();
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}
