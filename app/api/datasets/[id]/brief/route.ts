import { z } from "zod";
import { handle, notFound, parseId, parseQuery, thresholdQuery } from "@/lib/http";
import { loadBrief } from "@/lib/services/brief";
import { briefMarkdown } from "@/lib/story/brief";
import { settingsFromParam } from "@/lib/story/share";

export const dynamic = "force-dynamic";

const querySchema = thresholdQuery.extend({ s: z.string().optional() });

/**
 * GET /api/datasets/:id/brief?threshold=T[&s=settings JSON] — the one-page brief as Markdown (a
 * file download): sentences, daily counts with ranges, confusion matrix, recommendations, failure examples.
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const { threshold, s } = parseQuery(req, querySchema);
  const brief = await loadBrief(id, threshold, settingsFromParam(s));
  if (!brief) throw notFound(`dataset ${id}`);
  const slug = brief.datasetName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "dataset";
  return new Response(briefMarkdown(brief), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${slug}-brief-${threshold}.md"`,
    },
  });
});
