import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { readMigrations } from "@/lib/db/migrations";
import { readPrismaModels } from "../support/prisma-schema";

// The PostgreSQL schema and migrations are hand-kept twins of the SQLite ones: a change on one side
// only fails here. (tests/pg/schema.test.ts checks that the PostgreSQL SQL makes what its schema says.)
const prismaDir = path.join(process.cwd(), "prisma");
const sqlite = readPrismaModels(path.join(prismaDir, "sqlite", "schema.prisma"));
const postgres = readPrismaModels(path.join(prismaDir, "postgres", "schema.prisma"));

describe("the SQLite and PostgreSQL schemas", () => {
  test("each names its own provider", () => {
    expect([sqlite.provider, postgres.provider]).toEqual(["sqlite", "postgresql"]);
  });

  test("hold the same models, fields, optionality, ids, defaults, relations, uniques and indexes", () => {
    expect(postgres.models.length).toBeGreaterThan(0);
    expect(postgres.models).toEqual(sqlite.models);
  });

  test("generate their clients into their own folders", () => {
    const output = (backend: string) => fs.readFileSync(path.join(prismaDir, backend, "schema.prisma"), "utf8").match(/output\s*=\s*"([^"]+)"/)?.[1];
    expect([output("sqlite"), output("postgres")]).toEqual(["../../lib/generated/sqlite", "../../lib/generated/postgres"]);
  });
});

describe("the SQLite and PostgreSQL migration folders", () => {
  test("hold the same migrations (every SQLite migration has a PostgreSQL twin, and no more)", () => {
    const names = (backend: string) => readMigrations(path.join(prismaDir, backend, "migrations")).map((m) => m.name);
    expect(names("sqlite").length).toBeGreaterThan(0);
    expect(names("postgres")).toEqual(names("sqlite"));
  });

  test.each([["sqlite"], ["postgresql"]])("lock the %s provider", (provider) => {
    const folder = provider === "postgresql" ? "postgres" : provider;
    const lock = fs.readFileSync(path.join(prismaDir, folder, "migrations", "migration_lock.toml"), "utf8");
    expect(lock).toMatch(new RegExp(`^provider = "${provider}"$`, "m"));
  });
});
