import { skipBodySchema } from "@/lib/audit/schemas";
import { handle, parseId, readBody } from "@/lib/http";
import { skipAuditItem } from "@/lib/services/audit-review";

export const dynamic = "force-dynamic";

/** POST /api/datasets/:id/audits/:auditId/skip `{exampleId | itemId, reviewer}` — gives an item back to the queue for the others. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string; auditId: string }> }) => {
  const p = await params;
  const body = await readBody(request, skipBodySchema);
  return Response.json(await skipAuditItem(parseId(p.id), parseId(p.auditId, "audit"), body, body.reviewer));
});
