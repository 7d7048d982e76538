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
  [{ CUTOFF_TOKEN: "short" }, /CUTOFF_TOKEN=\(value hidden\): must be at least 16 characters/],
  [{ CUTOFF_TOKEN: "has a space in it, sixteen+" }, /CUTOFF_TOKEN=\(value hidden\): must be printable ASCII without spaces/],
  [{ CUTOFF_PROTECT_READS: "yes", CUTOFF_TOKEN: "0123456789abcdef" }, /CUTOFF_PROTECT_READS="yes"/],
  [{ CUTOFF_PROTECT_READS: "true" }, /CUTOFF_PROTECT_READS="true": needs CUTOFF_TOKEN/],
  [{ CUTOFF_ALLOWED_HOSTS: "cutoff.example,https://x.example/" }, /CUTOFF_ALLOWED_HOSTS=.*"https:\/\/x.example\/" is not a host name/],
])("a bad value is named: %j", (env, message) => {
  expect(() => parseConfig(env)).toThrow(ConfigError);
  expect(() => parseConfig(env)).toThrow(message);
});

test("a bad token is named but never shown", () => {
  let message = "";
  try {
    parseConfig({ CUTOFF_TOKEN: "tooshort-secret" });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toBe("bad configuration: CUTOFF_TOKEN=(value hidden): must be at least 16 characters, e.g. the output of `openssl rand -hex 32`");
});

test("access settings: no token by default; an empty CUTOFF_TOKEN is no token", () => {
  expect(parseConfig({}).CUTOFF_TOKEN).toBeUndefined();
  expect(parseConfig({})).toMatchObject({ CUTOFF_PROTECT_READS: false, CUTOFF_ALLOWED_HOSTS: [] });
  expect(parseConfig({ CUTOFF_TOKEN: "" }).CUTOFF_TOKEN).toBeUndefined();
  expect(parseConfig({ CUTOFF_TOKEN: "0123456789abcdef", CUTOFF_PROTECT_READS: "true", CUTOFF_ALLOWED_HOSTS: "a.example, b.example" })).toMatchObject({
    CUTOFF_PROTECT_READS: true,
    CUTOFF_ALLOWED_HOSTS: ["a.example", "b.example"],
  });
});
