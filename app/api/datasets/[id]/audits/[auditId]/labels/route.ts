import { z } from "zod";
import { auditLabelsSchema, reviewerName } from "@/lib/audit/schemas";
import { handle, parseId, parseQuery, readBody } from "@/lib/http";
import { labelAudit, latestAuditLabels } from "@/lib/services/audit-review";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; auditId: string }> };

/** GET /api/datasets/:id/audits/:auditId/labels?limit=N — the latest labels given, newest first: who labelled what. */
export const GET = handle(async (request: Request, { params }: Params) => {
  const p = await params;
  const { limit } = parseQuery(request, z.object({ limit: z.coerce.number().int().min(1).max(1000).default(20) }));
  return Response.json({ labels: await latestAuditLabels(parseId(p.id), parseId(p.auditId, "audit"), limit) });
});

/**
 * POST /api/datasets/:id/audits/:auditId/labels `{labels: [{exampleId | itemId, label, reviewer?}]}`
 * (`?reviewer=` for all): the dataset's positive or negative value or 1/0/true/false; null takes
 * the reviewer's label back. The first review is written on the row too (source "audit").
 */
export const POST = handle(async (request: Request, { params }: Params) => {
  const p = await params;
  const { reviewer } = parseQuery(request, z.object({ reviewer: reviewerName.optional() }));
  const body = await readBody(request, auditLabelsSchema);
  return Response.json(await labelAudit(parseId(p.id), parseId(p.auditId, "audit"), body, reviewer ?? null));
});
