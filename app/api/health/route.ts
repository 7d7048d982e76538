import { store } from "@/lib/db";
import { handle } from "@/lib/http";
import { prepareDatabase } from "@/lib/services/prepare";

export const dynamic = "force-dynamic";

/** GET /api/health — `{ ok, database: "sqlite" | "postgresql", migrations }` once the database is ready. */
export const GET = handle(async () => {
  await prepareDatabase();
  return Response.json({ ok: true, database: store().kind, migrations: await store().migrationCount() });
});
