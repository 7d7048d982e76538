// `prisma generate` for each backend's schema (prisma/<backend>/schema.prisma), without network:
// Prisma 7 only needs the schema engine path to be set.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const schemas = fs
  .readdirSync("prisma", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(`prisma/${entry.name}/schema.prisma`))
  .map((entry) => `prisma/${entry.name}/schema.prisma`);
for (const schema of schemas) {
  const result = spawnSync("npx", ["prisma", "generate", "--schema", schema], {
    stdio: "inherit",
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
