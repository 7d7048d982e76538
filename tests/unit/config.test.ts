import { expect, test } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

test("defaults serve localhost:3000 on ./data/cutoff.db", () => {
  expect(parseConfig({})).toMatchObject({ PORT: 3000, HOST: "localhost", DATABASE_URL: "file:./data/cutoff.db" });
});

test.each([
  [{ PORT: "abc" }, /PORT="abc"/],
  [{ PORT: "70000" }, /PORT="70000"/],
  [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL=.*must start with "file:"/],
  [{ DATABASE_URL: "postgresql://u:p@localhost:5432/cutoff" }, /DATABASE_URL=.*PostgreSQL is not supported yet/],
  [{ MAX_UPLOAD_BYTES: "-1" }, /MAX_UPLOAD_BYTES/],
])("a bad value is named: %j", (env, message) => {
  expect(() => parseConfig(env)).toThrow(ConfigError);
  expect(() => parseConfig(env)).toThrow(message);
});
