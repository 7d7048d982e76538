/**
 * `npm test`: lint, build, type-check, vitest (unit + API against the real server) and Playwright
 * (real Chromium). Prints the totals of every runner as the last line: `N passed, N failed`.
 * In CI (CI=true) a missing browser or a skipped test is a failure.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { findChromium } from "../tests/support/chromium";
import { findPostgresBin } from "../tests/support/postgres";
import { freePort } from "../tests/support/server";
import { needsBuild } from "./lib/build-state";

const inCi = process.env.CI === "true" || process.env.CI === "1";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TZ: "UTC" };
fs.mkdirSync("test-results", { recursive: true });
for (const file of ["vitest.json", "playwright.json", "totals.txt"]) fs.rmSync(`test-results/${file}`, { force: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const problems: string[] = [];

function run(label: string, command: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) problems.push(`${label} failed`);
  return result.status === 0;
}

function finish(): never {
  const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
  fs.writeFileSync("test-results/totals.txt", line + "\n");
  if (problems.length) console.error(`\n✖ ${problems.join("; ")}`);
  console.log(`\n${line}`);
  process.exit(problems.length || failed ? 1 : 0);
}

const checksOk = run("eslint", "npx", ["eslint", "--max-warnings=0", "."]);
const buildOk = !needsBuild() || run("next build", "npx", ["next", "build"], { CUTOFF_SKIP_BUILD_TYPECHECK: "1" });
const typesOk = run("tsc --noEmit", "npx", ["tsc", "--noEmit", "-p", "."]);
if (!buildOk) {
  failed++;
  finish();
}

run("vitest (unit + API)", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"]);
if (fs.existsSync("test-results/vitest.json")) {
  const report = JSON.parse(fs.readFileSync("test-results/vitest.json", "utf8")) as {
    numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
} else {
  problems.push("vitest wrote no report");
}

const chromium = findChromium();
if (!chromium) {
  const how = "no Chromium found: install it (Debian/Ubuntu: `apt-get install -y chromium`) or set CHROMIUM_PATH";
  if (inCi) problems.push(how);
  else console.warn(`\n⚠ browser tests not run — ${how}`);
} else {
  // The explorer and gallery specs run on PostgreSQL too where it is installed, and always in CI
  // (where its absence fails the run; vitest's api-pg project says how to install it).
  const postgres: Record<string, string> = inCi || findPostgresBin() ? { E2E_PG_PORT: String(await freePort()) } : {};
  run("playwright (e2e)", "npx", ["playwright", "test"], { CHROMIUM_PATH: chromium, E2E_PORT: String(await freePort()), ...postgres });
  if (fs.existsSync("test-results/playwright.json")) {
    const report = JSON.parse(fs.readFileSync("test-results/playwright.json", "utf8")) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    };
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
  } else {
    problems.push("playwright wrote no report");
  }
}

// A failed check (lint, types) counts in the totals, so the last line never reads "0 failed" on a failed run.
if (!checksOk) failed++;
if (!typesOk) failed++;
if (inCi && skipped) problems.push(`${skipped} test(s) skipped; CI runs every test`);
finish();
