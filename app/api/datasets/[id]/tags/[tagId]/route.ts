import { deleteTag, DuplicateTagError, updateTag } from "@/lib/db/tags";
import { readBody, tagPatchSchema } from "@/lib/gallery-schemas";
import { handle, HttpError, notFound, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; tagId: string }> };

/** PATCH /api/datasets/:id/tags/:tagId `{ name?, color?, description?, position? }`. */
export const PATCH = handle(async (req: Request, { params }: Params) => {
  const p = await params;
  const id = parseId(p.id);
  const tagId = parseId(p.tagId, "tag");
  const body = await readBody(req, tagPatchSchema);
  try {
    const tag = await updateTag(id, tagId, body);
    if (!tag) throw notFound(`tag ${tagId} of dataset ${id}`);
    return Response.json(tag);
  } catch (error) {
    if (error instanceof DuplicateTagError) throw new HttpError(409, "conflict", error.message);
    throw error;
  }
});

/** DELETE /api/datasets/:id/tags/:tagId — deletes the tag and takes it off every example. */
export const DELETE = handle(async (_req: Request, { params }: Params) => {
  const p = await params;
  const tagId = parseId(p.tagId, "tag");
  if (!(await deleteTag(parseId(p.id), tagId))) throw notFound(`tag ${tagId}`);
  return new Response(null, { status: 204 });
});
