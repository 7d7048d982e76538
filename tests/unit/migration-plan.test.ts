import { describe, expect, test } from "vitest";
import { migrationProblem, planMigrations, type KnownMigration, type RecordedMigration } from "@/lib/db/migrations";

const known: KnownMigration[] = ["001_init", "002_more", "003_latest"].map((name) => ({ name, sql: `-- ${name}`, checksum: `sum-${name}` }));
const at = new Date("2026-12-01T00:00:00Z");
const row = (name: string, extra: Partial<RecordedMigration> = {}): RecordedMigration => ({ name, checksum: `sum-${name}`, finishedAt: at, rolledBackAt: null, ...extra });

describe("planMigrations (known folders vs _prisma_migrations rows)", () => {
  test.each<[string, RecordedMigration[], { pending: string[]; applied: string[]; unknown: string[]; changed: string[]; failed: string[] }]>([
    ["a new database", [], { pending: ["001_init", "002_more", "003_latest"], applied: [], unknown: [], changed: [], failed: [] }],
    ["up to date", [row("001_init"), row("002_more"), row("003_latest")], { pending: [], applied: ["001_init", "002_more", "003_latest"], unknown: [], changed: [], failed: [] }],
    ["one behind", [row("001_init"), row("002_more")], { pending: ["003_latest"], applied: ["001_init", "002_more"], unknown: [], changed: [], failed: [] }],
    ["a gap (a branch's older migration merged later)", [row("001_init"), row("003_latest")], { pending: ["002_more"], applied: ["001_init", "003_latest"], unknown: [], changed: [], failed: [] }],
    ["migrated further by a newer version", [row("001_init"), row("004_newer"), row("005_newest")], { pending: ["002_more", "003_latest"], applied: ["001_init"], unknown: ["004_newer", "005_newest"], changed: [], failed: [] }],
    ["an edited migration", [row("001_init", { checksum: "other" })], { pending: ["002_more", "003_latest"], applied: [], unknown: [], changed: ["001_init"], failed: [] }],
    ["a failed migration", [row("001_init"), row("002_more", { finishedAt: null })], { pending: ["002_more", "003_latest"], applied: ["001_init"], unknown: [], changed: [], failed: ["002_more"] }],
    ["a failed migration resolved as rolled back", [row("001_init"), row("002_more", { finishedAt: null, rolledBackAt: at })], { pending: ["002_more", "003_latest"], applied: ["001_init"], unknown: [], changed: [], failed: [] }],
    ["failed once, then applied", [row("001_init", { finishedAt: null, rolledBackAt: at }), row("001_init")], { pending: ["002_more", "003_latest"], applied: ["001_init"], unknown: [], changed: [], failed: [] }],
    ["an unknown migration rolled back", [row("001_init"), row("009_gone", { rolledBackAt: at })], { pending: ["002_more", "003_latest"], applied: ["001_init"], unknown: [], changed: [], failed: [] }],
  ])("%s", (_, recorded, expected) => {
    const plan = planMigrations(known, recorded);
    expect({ ...plan, pending: plan.pending.map((m) => m.name) }).toEqual(expected);
  });
});

describe("migrationProblem", () => {
  test.each([
    ["nothing wrong", [row("001_init")], null],
    ["unknown", [row("001_init"), row("004_newer")], /^the database was migrated by a newer version of Cutoff: migration 004_newer is not known to this version/],
    ["changed", [row("001_init", { checksum: "other" })], /^migration 001_init was changed after it was applied; add a new migration instead$/],
    ["failed", [row("001_init", { finishedAt: null })], /^migration 001_init started but never finished/],
  ])("%s", (_, recorded, expected) => {
    const problem = migrationProblem(planMigrations(known, recorded));
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
