import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file (scripts/prisma-generate.mjs passes each backend's
// --schema): migrations are applied by each backend's own migrator in lib/db/<backend>/migrate.ts.
export default defineConfig({
  schema: "prisma/sqlite/schema.prisma",
  migrations: { path: "prisma/sqlite/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/cutoff.db" },
});
