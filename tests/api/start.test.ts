import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";

test.each<[Record<string, string>, string]>([
  [{ PORT: "not-a-port" }, 'PORT="not-a-port"'],
  [{ CUTOFF_PROTECT_READS: "true" }, 'CUTOFF_PROTECT_READS="true": needs CUTOFF_TOKEN'],
  [{ CUTOFF_TOKEN: "short-secret" }, "CUTOFF_TOKEN=(value hidden): must be at least 16 characters"],
  [{ CUTOFF_ALLOWED_HOSTS: "http://cutoff.example" }, '"http://cutoff.example" is not a host name'],
])("a bad environment variable stops `npm start` with a message naming it: %j", (env, message) => {
  const result = spawnSync("npx", ["tsx", "scripts/start.ts"], { env: { ...process.env, CUTOFF_TOKEN: "", ...env }, encoding: "utf8" });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(message);
  if (env.CUTOFF_TOKEN) expect(result.stderr + result.stdout).not.toContain(env.CUTOFF_TOKEN);
});
