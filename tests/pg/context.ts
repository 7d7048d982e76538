import { describe, inject, test } from "vitest";
import { HOW_TO_GET_POSTGRES, createDatabase } from "../support/postgres";

/** The test server's superuser URL ("" when none runs: see global-setup.ts). */
export const adminUrl = inject("postgresAdminUrl");

const inCi = process.env.CI === "true" || process.env.CI === "1";

/**
 * describe() for tests that need the PostgreSQL test server. Without one they are skipped, except
 * in CI (CI=true), where each such group fails with how to install PostgreSQL: CI never skips them.
 */
export function describePostgres(name: string, body: () => void): void {
  if (adminUrl) describe(name, body);
  else if (!inCi) describe.skip(name, body);
  else {
    describe(name, () => {
      test("has a PostgreSQL server to run on", () => {
        throw new Error(`${HOW_TO_GET_POSTGRES}. CI runs the PostgreSQL tests: they are never skipped.`);
      });
    });
  }
}

/** A new empty database on the test server, for a test that needs one of its own; returns its URL. */
export function freshDatabase(): Promise<string> {
  return createDatabase(adminUrl);
}
