import { expect, inject, test } from "vitest";
import path from "node:path";
import { readMigrations } from "@/lib/db/migrations";

const baseUrl = inject("baseUrl");
const backend = inject("backend");

test("GET /api/health reports the database and the applied migrations", async () => {
  const response = await fetch(`${baseUrl}/api/health`);
  expect(response.status).toBe(200);
  const shipped = readMigrations(path.join(process.cwd(), "prisma", backend === "postgresql" ? "postgres" : "sqlite", "migrations"));
  expect(await response.json()).toEqual({ ok: true, database: backend, migrations: shipped.length });
});

test("every response carries the security headers", async () => {
  const response = await fetch(`${baseUrl}/`);
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("x-powered-by")).toBeNull();
});

test("the home page lists the demo dataset seeded on first start", async () => {
  const html = await (await fetch(`${baseUrl}/`)).text();
  expect(html).toContain("Demo: card fraud model (2 days)");
  expect(html).toContain("16,560");
  expect(html).toContain("3.38%");
});

test("an unknown dataset page is a 404", async () => {
  expect((await fetch(`${baseUrl}/datasets/999999`)).status).toBe(404);
  expect((await fetch(`${baseUrl}/datasets/abc`)).status).toBe(404);
});
