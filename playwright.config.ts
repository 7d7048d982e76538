import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";
import { serverEnv } from "./scripts/lib/server-env";

// The test runner (scripts/test.ts) chooses the port and Chromium; these defaults serve a manual run.
const port = Number(process.env.E2E_PORT ?? 3107);
const databaseFile = process.env.E2E_DATABASE_FILE ?? path.join(os.tmpdir(), `cutoff-e2e-${port}.db`);
// With E2E_PG_PORT (set by scripts/test.ts where PostgreSQL is installed, and always in CI) the
// explorer and gallery specs run again on a PostgreSQL-backed server (tests/e2e/postgres-server.ts).
const postgresPort = process.env.E2E_PG_PORT ? Number(process.env.E2E_PG_PORT) : null;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  outputDir: "test-results/playwright",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    },
    trace: "retain-on-failure",
  },
  projects: [
    { name: "sqlite" },
    ...(postgresPort ? [{ name: "postgres", testMatch: ["explorer.spec.ts", "gallery.spec.ts"], use: { baseURL: `http://127.0.0.1:${postgresPort}` } }] : []),
  ],
  webServer: [
    {
      command: `rm -f ${databaseFile} ${databaseFile}-wal ${databaseFile}-shm && node scripts/serve.mjs -p ${port} -H 127.0.0.1`,
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: serverEnv({ DATABASE_URL: `file:${databaseFile}`, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1" }),
    },
    ...(postgresPort
      ? [
          {
            command: `node --import tsx tests/e2e/postgres-server.ts ${postgresPort}`,
            url: `http://127.0.0.1:${postgresPort}/api/health`,
            reuseExistingServer: false,
            timeout: 120_000,
            // Stops PostgreSQL too, and removes its folder.
            gracefulShutdown: { signal: "SIGTERM" as const, timeout: 20_000 },
          },
        ]
      : []),
  ],
});
