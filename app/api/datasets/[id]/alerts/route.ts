import { z } from "zod";
import { handle, notFound, parseId, parseQuery } from "@/lib/http";
import { listAlerts } from "@/lib/services/alerts";

export const dynamic = "force-dynamic";

const querySchema = z.object({ all: z.enum(["true", "false"], { error: "all must be true or false" }).default("false") });

/**
 * GET /api/datasets/:id/alerts[?all=true] → `{active, alerts: [...]}`: the alerts its rules raised
 * that still hold (all of them with `all=true`, cleared ones too), newest period first, each with
 * its webhook delivery.
 */
export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const { all } = parseQuery(req, querySchema);
  const list = await listAlerts(id, all === "true");
  if (!list) throw notFound(`dataset ${id}`);
  return Response.json(list);
});
