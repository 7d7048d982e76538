import { auditPatchSchema } from "@/lib/audit/schemas";
import { handle, parseId, readBody } from "@/lib/http";
import { store } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { getAuditView, renameAudit, topUpDatasetAudit } from "@/lib/services/audits";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; auditId: string }> };
const ids = async (params: Params["params"]) => {
  const p = await params;
  return [parseId(p.id), parseId(p.auditId, "audit")] as const;
};

/** GET /api/datasets/:id/audits/:auditId — the audit: progress, reviewers, agreement (Cohen's κ). */
export const GET = handle(async (_request: Request, { params }: Params) => {
  const [id, auditId] = await ids(params);
  return Response.json(await getAuditView(id, auditId));
});

/** PATCH /api/datasets/:id/audits/:auditId `{size?, name?}` — tops the audit up to `size` rows (never down) and/or renames it. */
export const PATCH = handle(async (request: Request, { params }: Params) => {
  const [id, auditId] = await ids(params);
  const body = await readBody(request, auditPatchSchema);
  if (body.name !== undefined) await renameAudit(id, auditId, body.name);
  return Response.json(body.size !== undefined ? await topUpDatasetAudit(id, auditId, body.size) : await getAuditView(id, auditId));
});

/** DELETE /api/datasets/:id/audits/:auditId — forgets the audit (labels already written on rows stay). */
export const DELETE = handle(async (_request: Request, { params }: Params) => {
  const [id, auditId] = await ids(params);
  if (!(await store().audits.delete(id, auditId))) throw new NotFoundError(`audit ${auditId} of dataset ${id}`);
  return new Response(null, { status: 204 });
});
