import { drawBodySchema } from "@/lib/audit/schemas";
import { handle, notFound, parseId, readBody } from "@/lib/http";
import { drawDatasetAudit, listAudits } from "@/lib/services/audits";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** GET /api/datasets/:id/audits — the dataset's audits, newest first, with their progress. */
export const GET = handle(async (_request: Request, { params }: Params) => {
  const id = parseId((await params).id);
  const audits = await listAudits(id);
  if (!audits) throw notFound(`dataset ${id}`);
  return Response.json({ audits });
});

/**
 * POST /api/datasets/:id/audits `{size, name?, from?, to?, threshold?, doubleReviewShare?, seed?}` —
 * draws a stratified sample of the dataset's unlabelled rows (in [from, to) of their timestamps)
 * and records its design. → 201 with the audit (`id`, `size`, `frameRows`, …).
 */
export const POST = handle(async (request: Request, { params }: Params) => {
  const id = parseId((await params).id);
  const body = await readBody(request, drawBodySchema);
  return Response.json(await drawDatasetAudit(id, body), { status: 201 });
});
