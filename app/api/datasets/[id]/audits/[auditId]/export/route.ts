import { handle, parseId } from "@/lib/http";
import { auditExportCsv } from "@/lib/services/audit-estimates";

export const dynamic = "force-dynamic";

/** GET /api/datasets/:id/audits/:auditId/export — the labelled rows with their sampling weights, as CSV (for retraining). */
export const GET = handle(async (_request: Request, { params }: { params: Promise<{ id: string; auditId: string }> }) => {
  const p = await params;
  const { name, csv } = await auditExportCsv(parseId(p.id), parseId(p.auditId, "audit"));
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "audit";
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${slug}-labelled.csv"` } });
});
