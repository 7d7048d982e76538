import { expect, test } from "vitest";
import path from "node:path";
import { ConfigError, dataDir, databaseKind, parseConfig } from "@/lib/config";

test("defaults serve localhost:3000 on ./data/cutoff.db", () => {
  expect(parseConfig({})).toMatchObject({ PORT: 3000, HOST: "localhost", DATABASE_URL: "file:./data/cutoff.db" });
});

test.each([
  [{ PORT: "abc" }, /PORT="abc"/],
  [{ PORT: "70000" }, /PORT="70000"/],
  [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL=.*must start with "file:"/],
  [{ DATABASE_URL: "mysql://u:secret@localhost/cutoff" }, /^bad configuration: DATABASE_URL="mysql:\/\/u:…@localhost\/cutoff": must start with "file:"[^]*or "postgresql:\/\/"/],
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

test.each([
  ["postgresql://u:p@db.example:5432/cutoff", "postgresql"],
  ["postgres://cutoff@127.0.0.1/cutoff", "postgresql"],
  ["file:./data/cutoff.db", "sqlite"],
])("DATABASE_URL=%s is accepted (%s)", (url, kind) => {
  expect(parseConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  expect(databaseKind(url)).toBe(kind);
});

test.each([
  [{ DATABASE_URL: "file:/srv/cutoff/cutoff.db" }, "/srv/cutoff"],
  [{ DATABASE_URL: "postgresql://u:p@db.example:5432/cutoff" }, path.resolve("data")],
  [{ DATABASE_URL: "postgresql://u:p@db.example:5432/cutoff", CUTOFF_DATA_DIR: "/mnt/shared/cutoff" }, "/mnt/shared/cutoff"],
])("files beside the database (images): %j → %s", (env, dir) => {
  expect(dataDir(parseConfig(env))).toBe(dir);
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
