import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";

test("a bad environment variable stops `npm start` with a message naming it", () => {
  const result = spawnSync("npx", ["tsx", "scripts/start.ts"], { env: { ...process.env, PORT: "not-a-port" }, encoding: "utf8" });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('PORT="not-a-port"');
});
