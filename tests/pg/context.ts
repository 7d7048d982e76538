import { describe, inject } from "vitest";
import { createDatabase } from "../support/postgres";

/** The test server's superuser URL ("" when none runs: see global-setup.ts). */
export const adminUrl = inject("postgresAdminUrl");

/** describe() that runs when the test server runs and is skipped otherwise (never in CI, whose setup fails instead). */
export const describePostgres = describe.skipIf(!adminUrl);

/** A new empty database on the test server, for a test that needs one of its own; returns its URL. */
export function freshDatabase(): Promise<string> {
  return createDatabase(adminUrl);
}
