import { z } from "zod";
import { handle, parseId, parseQuery, thresholdParam } from "@/lib/http";
import { referenceParam } from "@/lib/monitoring/reference";
import { monitoringAnswer } from "@/lib/services/monitoring";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  threshold: thresholdParam.optional(),
  period: z.enum(["day", "week"], { error: "period must be day or week" }).default("day"),
  reference: referenceParam.optional(),
});

/**
 * GET /api/datasets/:id/monitoring?threshold=T&period=day|week&reference=R — every UTC day (or
 * ISO week) of the dataset, oldest first, with its counts at T (default: the threshold in
 * production, else 0.5), estimates a day with 95% ranges, KS, PSI and drift against R (default:
 * the saved reference, else the first 14 days); rows without a timestamp in `undated`.
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const query = parseQuery(req, querySchema);
  return Response.json(await monitoringAnswer(id, query));
});
