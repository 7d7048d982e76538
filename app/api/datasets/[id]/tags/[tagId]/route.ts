import { store } from "@/lib/db";
import { tagPatchSchema } from "@/lib/gallery/schemas";
import { handle, notFound, parseId, readBody } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; tagId: string }> };

/** PATCH /api/datasets/:id/tags/:tagId `{ name?, color?, description?, position? }` — 409 for a taken name. */
export const PATCH = handle(async (req: Request, { params }: Params) => {
  const p = await params;
  const id = parseId(p.id);
  const tagId = parseId(p.tagId, "tag");
  const tag = await store().tags.update(id, tagId, await readBody(req, tagPatchSchema));
  if (!tag) throw notFound(`tag ${tagId} of dataset ${id}`);
  return Response.json(tag);
});

/** DELETE /api/datasets/:id/tags/:tagId — deletes the tag and takes it off every example. */
export const DELETE = handle(async (_req: Request, { params }: Params) => {
  const p = await params;
  const tagId = parseId(p.tagId, "tag");
  if (!(await store().tags.delete(parseId(p.id), tagId))) throw notFound(`tag ${tagId}`);
  return new Response(null, { status: 204 });
});
