import { z } from "zod";
import { getScoreTable } from "@/lib/db/score-tables";
import { fromZodError, handle, notFound, parseId, thresholdParam } from "@/lib/http";
import { metricsAt } from "@/lib/metrics/report";
import { getStorySettings } from "@/lib/db/story-settings";
import { dailyReport, storyOverrides, storyQuerySchema } from "@/lib/story";

export const dynamic = "force-dynamic";

const querySchema = z.object({ threshold: thresholdParam }).extend(storyQuerySchema.shape);

/**
 * GET /api/datasets/:id/metrics?threshold=T — counts and rates at T (flagged when score >= T), plus
 * the story: `daily` average counts a day and `sentences`, for `volume` items a day and positive
 * share `prevalence` (each falls back to the saved settings, then to the dataset's defaults).
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const search = new URL(req.url).searchParams;
  const parsed = querySchema.safeParse({
    threshold: search.get("threshold"),
    volume: search.get("volume") ?? undefined,
    prevalence: search.get("prevalence") ?? undefined,
  });
  if (!parsed.success) throw fromZodError(parsed.error, "query");
  const table = await getScoreTable(id);
  if (!table) throw notFound(`dataset ${id}`);
  const report = metricsAt(table, parsed.data.threshold);
  const story = await getStorySettings(id, storyOverrides(parsed.data));
  return Response.json(story ? { ...report, ...dailyReport(report, story.resolved) } : report);
});
