import { expect, inject, test } from "vitest";
import { listMigrations } from "@/lib/db/sqlite/migrate";

const baseUrl = inject("baseUrl");

test("GET /api/health reports the database and the applied migrations", async () => {
  const response = await fetch(`${baseUrl}/api/health`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true, database: "sqlite", migrations: listMigrations().length });
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
