import { queueQuerySchema } from "@/lib/audit/schemas";
import { handle, parseId, parseQuery } from "@/lib/http";
import { auditQueue } from "@/lib/services/audit-review";

export const dynamic = "force-dynamic";

/**
 * GET /api/datasets/:id/audits/:auditId/queue?reviewer=NAME&limit=N — the next items to label, in
 * design order, each now held for that reviewer for 5 minutes (nobody else gets them meanwhile).
 * → `{items, remaining, secondRemaining, size}`.
 */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string; auditId: string }> }) => {
  const p = await params;
  const { reviewer, limit } = parseQuery(request, queueQuerySchema);
  return Response.json(await auditQueue(parseId(p.id), parseId(p.auditId, "audit"), reviewer, limit), { headers: { "cache-control": "no-store" } });
});
