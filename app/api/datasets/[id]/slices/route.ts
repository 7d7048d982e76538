import { handle, notFound, parseId, parseQuery, thresholdQuery } from "@/lib/http";
import { sliceErrors } from "@/lib/services/gallery";

export const dynamic = "force-dynamic";

/** GET /api/datasets/:id/slices?threshold=T — errors and daily counts per slice value at T, worst first. */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const report = await sliceErrors(id, parseQuery(req, thresholdQuery).threshold);
  if (!report) throw notFound(`dataset ${id}`);
  return Response.json(report);
});
