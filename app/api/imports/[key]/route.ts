import { handle, notFound } from "@/lib/http";
import { PROGRESS_KEY, getImportProgress } from "@/lib/imports";

export const dynamic = "force-dynamic";

/**
 * GET /api/imports/:key — progress of an upload sent with `?progress=<key>`: phase (waiting,
 * reading, finishing, done, failed), rows processed, bytes read, and the dataset id once done.
 */
export const GET = handle(async (_req: Request, { params }: { params: Promise<{ key: string }> }) => {
  const { key } = await params;
  const progress = PROGRESS_KEY.test(key) ? getImportProgress(key) : null;
  if (!progress) throw notFound(`import ${JSON.stringify(key)}`);
  return Response.json(progress);
});
