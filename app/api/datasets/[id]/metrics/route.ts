import { z } from "zod";
import { getScoreTable } from "@/lib/db/score-tables";
import { fromZodError, handle, notFound, parseId } from "@/lib/http";
import { metricsAt } from "@/lib/metrics/report";

export const dynamic = "force-dynamic";

/** A threshold in [0, 1] given as a plain decimal number ("0.5", "1e-3"). */
const thresholdQuery = z
  .string({ error: "threshold is required, e.g. ?threshold=0.5" })
  .trim()
  .min(1, "threshold is required, e.g. ?threshold=0.5")
  .transform(Number)
  .pipe(z.number({ error: "threshold must be a number" }).min(0, "threshold must be between 0 and 1").max(1, "threshold must be between 0 and 1"));

const querySchema = z.object({ threshold: thresholdQuery });

/** GET /api/datasets/:id/metrics?threshold=T — counts and rates at T (flagged when score >= T). */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const parsed = querySchema.safeParse({ threshold: new URL(req.url).searchParams.get("threshold") });
  if (!parsed.success) throw fromZodError(parsed.error, "query");
  const table = await getScoreTable(id);
  if (!table) throw notFound(`dataset ${id}`);
  return Response.json(metricsAt(table, parsed.data.threshold));
});
