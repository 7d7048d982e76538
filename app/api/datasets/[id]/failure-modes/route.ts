import { z } from "zod";
import { countFailureModes } from "@/lib/db/failure-modes";
import { thresholdParam } from "@/lib/gallery-schemas";
import { fromZodError, handle, notFound, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/datasets/:id/failure-modes?threshold=T — each tag's count among the false positives and
 * false negatives at T, its share of the reviewed (tagged) errors and its estimated daily count.
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const parsed = z.object({ threshold: thresholdParam }).safeParse({ threshold: new URL(req.url).searchParams.get("threshold") ?? undefined });
  if (!parsed.success) throw fromZodError(parsed.error, "query");
  const modes = await countFailureModes(id, parsed.data.threshold);
  if (!modes) throw notFound(`dataset ${id}`);
  return Response.json(modes);
});
