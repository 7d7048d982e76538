import { getScoreTable } from "@/lib/db/score-tables";
import { handle, notFound, parseId } from "@/lib/http";
import { curvesReport, type CurvesReport } from "@/lib/metrics/curve-report";
import type { CumulativeTable } from "@/lib/metrics";

export const dynamic = "force-dynamic";

// Score tables never change after import, so neither do their curves.
const computed = new WeakMap<CumulativeTable, CurvesReport>();

/** GET /api/datasets/:id/curves — ROC and PR points with thresholds (downsampled), reliability bins. */
export const GET = handle(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const table = await getScoreTable(id);
  if (!table) throw notFound(`dataset ${id}`);
  let report = computed.get(table);
  if (!report) computed.set(table, (report = curvesReport(table)));
  return Response.json(report);
});
