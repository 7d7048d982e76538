import { handle, notFound, parseId } from "@/lib/http";
import { loadCurves } from "@/lib/services/explorer";

export const dynamic = "force-dynamic";

/** GET /api/datasets/:id/curves — ROC and PR points with thresholds (downsampled), reliability bins. */
export const GET = handle(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const report = await loadCurves(id);
  if (!report) throw notFound(`dataset ${id}`);
  return Response.json(report);
});
