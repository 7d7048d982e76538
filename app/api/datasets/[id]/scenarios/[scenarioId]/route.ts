import { store } from "@/lib/db";
import { handle, notFound, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/** DELETE /api/datasets/:id/scenarios/:scenarioId — 204, or 404 when the dataset has no such scenario. */
export const DELETE = handle(async (_req: Request, { params }: { params: Promise<{ id: string; scenarioId: string }> }) => {
  const { id: rawId, scenarioId: rawScenarioId } = await params;
  const id = parseId(rawId);
  const scenarioId = parseId(rawScenarioId, "scenario");
  if (!(await store().scenarios.delete(id, scenarioId))) throw notFound(`scenario ${scenarioId} of dataset ${id}`);
  return new Response(null, { status: 204 });
});
