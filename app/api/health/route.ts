import { appliedMigrationCount, prepareDatabase } from "@/lib/db/prepare";
import { handle } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  await prepareDatabase();
  return Response.json({ ok: true, database: "sqlite", migrations: appliedMigrationCount() });
});
