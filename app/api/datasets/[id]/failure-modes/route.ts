import { handle, notFound, parseId, parseQuery, thresholdQuery } from "@/lib/http";
import { countFailureModes } from "@/lib/services/gallery";

export const dynamic = "force-dynamic";

/**
 * GET /api/datasets/:id/failure-modes?threshold=T — each tag's count among the false positives and
 * false negatives at T, its share of the reviewed (tagged) errors and its estimated daily count.
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const modes = await countFailureModes(id, parseQuery(req, thresholdQuery).threshold);
  if (!modes) throw notFound(`dataset ${id}`);
  return Response.json(modes);
});
