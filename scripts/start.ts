/**
 * `npm start`: validate the configuration, build when needed, migrate and seed the database,
 * then serve the app.
 */
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ConfigError, parseConfig, type Config } from "../lib/config";
import { isWildcardAddress } from "../lib/access/hosts";
import { needsBuild } from "./lib/build-state";
import { serverEnv } from "./lib/server-env";

process.env.NEXT_TELEMETRY_DISABLED = "1";

let settings: Config;
try {
  settings = parseConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`cutoff: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

if (needsBuild()) {
  console.log("cutoff: building the app (first start or changed sources)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { prepareDatabase } = await import("../lib/services/prepare");
const prepared = await prepareDatabase();
if (prepared.appliedMigrations.length) console.log(`cutoff: applied ${prepared.appliedMigrations.length} migration(s)`);
if (prepared.demoDatasetId !== null) console.log(`cutoff: created the demo dataset (id ${prepared.demoDatasetId})`);

const { PORT: port, HOST: host } = settings;
console.log(`cutoff: serving http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
if (settings.CUTOFF_TOKEN) console.log(`cutoff: ${settings.CUTOFF_PROTECT_READS ? "reads and writes" : "writes"} need CUTOFF_TOKEN (sign in at /sign-in)`);
if (isWildcardAddress(host) && !settings.CUTOFF_ALLOWED_HOSTS.length) {
  console.log("cutoff: answering only localhost, 127.0.0.1 and [::1]; list the names people reach this machine by in CUTOFF_ALLOWED_HOSTS");
}
// The server (Next's, warmed up before it answers: scripts/serve.mjs) in this Node process's binary,
// not through npx: npx does not pass signals on, and a stopped `npm start` left the server serving
// the port. SIGINT and SIGTERM go to the server; this process exits when the server does (with its
// status), and forces it after 10 s.
const server = spawn(process.execPath, [fileURLToPath(new URL("./serve.mjs", import.meta.url)), "-p", String(port), "-H", host], { stdio: "inherit", env: serverEnv(process.env) });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    server.kill(signal);
    setTimeout(() => server.kill("SIGKILL"), 10_000).unref();
  });
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
