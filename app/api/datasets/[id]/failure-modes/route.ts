import { countFailureModes } from "@/lib/db/failure-modes";
import { handle, notFound, parseId, readThreshold } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/datasets/:id/failure-modes?threshold=T — each tag's count among the false positives and
 * false negatives at T, its share of the reviewed (tagged) errors and its estimated daily count.
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const modes = await countFailureModes(id, readThreshold(req));
  if (!modes) throw notFound(`dataset ${id}`);
  return Response.json(modes);
});
