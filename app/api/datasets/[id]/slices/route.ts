import { sliceErrors } from "@/lib/db/slices";
import { handle, notFound, parseId, readThreshold } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/datasets/:id/slices?threshold=T — errors and daily counts per slice value at T, worst first. */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const report = await sliceErrors(id, readThreshold(req));
  if (!report) throw notFound(`dataset ${id}`);
  return Response.json(report);
});
