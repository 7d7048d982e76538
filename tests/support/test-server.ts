// A server of a test's own (other settings than the shared one), on the backend of the test
// project: a new SQLite file (api), or a new database on the run's PostgreSQL server (api-pg).
import { inject } from "vitest";
import { createDatabase } from "./postgres";
import { startServer, type RunningServer } from "./server";

/** Starts the built app with `extraEnv` on a new database of the project's backend. */
export async function startTestServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  if (inject("backend") !== "postgresql") return startServer(extraEnv);
  return startServer(extraEnv, { database: await createDatabase(inject("postgresAdminUrl")) });
}
