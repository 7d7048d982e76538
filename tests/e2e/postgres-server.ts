/**
 * The PostgreSQL-backed app for the browser tests (Playwright's second webServer, project
 * "postgres"): a PostgreSQL server in a temporary folder, one database, the app (`scripts/serve.mjs`) on it with
 * the demo seeded. Stops both on SIGTERM or SIGINT (Playwright's graceful shutdown) and when the
 * app exits. `node --import tsx tests/e2e/postgres-server.ts PORT` (not through npx or the tsx CLI:
 * their wrappers end this process before PostgreSQL is stopped).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startPostgres } from "../support/postgres";
import { serverEnv } from "../../scripts/lib/server-env";

const port = process.argv[2] ?? "3108";
const postgres = await startPostgres();
const dataDir = path.join(postgres.dir, "app-data");
fs.mkdirSync(dataDir);
const app = spawn(process.execPath, ["scripts/serve.mjs", "-p", port, "-H", "127.0.0.1"], {
  env: serverEnv({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: await postgres.createDatabase("cutoff_e2e"), CUTOFF_DATA_DIR: dataDir, PORT: port, HOST: "127.0.0.1" }),
  stdio: "inherit",
  detached: true,
});
let stopping: Promise<never> | null = null;
/** Stops the app, then PostgreSQL, then exits (once, however often it is asked). */
function stop(code: number): Promise<never> {
  stopping ??= (async () => {
    if (app.exitCode === null && app.pid) {
      const exited = new Promise((r) => app.once("exit", r));
      process.kill(-app.pid, "SIGTERM");
      await exited;
    }
    await postgres.stop();
    process.exit(code);
  })();
  return stopping;
}
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => void stop(0));
app.on("exit", (code) => void stop(code ?? 1));
