import { z } from "zod";
import { loadBrief } from "@/lib/db/brief";
import { fromZodError, handle, notFound, parseId } from "@/lib/http";
import { briefMarkdown } from "@/lib/story/brief";
import { settingsFromParam } from "@/lib/story/share";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  t: z
    .string()
    .trim()
    .optional()
    .transform((raw) => (raw === undefined || raw === "" ? 0.5 : Number(raw)))
    .pipe(z.number({ error: "t must be a number" }).min(0, "t must be between 0 and 1").max(1, "t must be between 0 and 1")),
});

/**
 * GET /api/datasets/:id/brief?t=T[&s=settings JSON] — the one-page brief as Markdown (a file
 * download): sentences, daily counts with ranges, confusion matrix, recommendations, failure examples.
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const search = new URL(req.url).searchParams;
  const parsed = querySchema.safeParse({ t: search.get("t") ?? undefined });
  if (!parsed.success) throw fromZodError(parsed.error, "query");
  const brief = await loadBrief(id, parsed.data.t, settingsFromParam(search.get("s")));
  if (!brief) throw notFound(`dataset ${id}`);
  const slug = brief.datasetName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "dataset";
  return new Response(briefMarkdown(brief), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${slug}-brief-${parsed.data.t}.md"`,
    },
  });
});
