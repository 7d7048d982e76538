import { HttpError, handle } from "@/lib/http";
import { openBackup } from "@/lib/services/backup";

export const dynamic = "force-dynamic";

/**
 * GET /api/backup — the whole SQLite database as of one commit, as a download (imports and
 * reviews go on meanwhile). Needs the token (CUTOFF_TOKEN) always; without one configured it is a
 * 403 (lib/access/policy.ts).
 */
export const GET = handle(async () => {
  const backup = await openBackup();
  if (!backup) throw new HttpError(501, "backup_not_supported", "this database has no built-in backup: use pg_dump (see the README, Backups)");
  return new Response(backup.body, {
    headers: {
      "Content-Type": "application/vnd.sqlite3",
      "Content-Length": String(backup.bytes),
      "Content-Disposition": `attachment; filename="${backup.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
});
