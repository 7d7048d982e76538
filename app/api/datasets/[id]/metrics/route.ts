import { getCounts } from "@/lib/db/score-index";
import { handle, notFound, parseId, parseQuery, thresholdQuery } from "@/lib/http";
import { metricsAt } from "@/lib/metrics/report";
import { getStorySettings } from "@/lib/services/settings";
import { dailyReport, storyOverrides, storyQuerySchema } from "@/lib/story";

export const dynamic = "force-dynamic";

const querySchema = thresholdQuery.extend(storyQuerySchema.shape);

/**
 * GET /api/datasets/:id/metrics?threshold=T — counts and rates at T (flagged when score >= T), plus
 * the story: `daily` average counts a day and `sentences`, for `volume` items a day and positive
 * share `prevalence` (each falls back to the saved settings, then to the dataset's defaults).
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const query = parseQuery(req, querySchema);
  const [table, story] = await Promise.all([getCounts(id), getStorySettings(id, storyOverrides(query))]);
  if (!table) throw notFound(`dataset ${id}`);
  const report = metricsAt(table, query.threshold);
  return Response.json(story ? { ...report, ...dailyReport(report, story.resolved) } : report);
});
