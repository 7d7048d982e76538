import { z } from "zod";
import { sliceErrors } from "@/lib/db/slices";
import { thresholdParam } from "@/lib/gallery-schemas";
import { fromZodError, handle, notFound, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/datasets/:id/slices?threshold=T — errors and daily counts per slice value at T, worst first. */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const parsed = z.object({ threshold: thresholdParam }).safeParse({ threshold: new URL(req.url).searchParams.get("threshold") ?? undefined });
  if (!parsed.success) throw fromZodError(parsed.error, "query");
  const report = await sliceErrors(id, parsed.data.threshold);
  if (!report) throw notFound(`dataset ${id}`);
  return Response.json(report);
});
