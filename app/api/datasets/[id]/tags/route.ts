import { getDataset } from "@/lib/db/datasets";
import { createTag, DuplicateTagError, listTags } from "@/lib/db/tags";
import { readBody, tagBodySchema } from "@/lib/gallery-schemas";
import { handle, HttpError, notFound, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/datasets/:id/tags — the dataset's failure-mode tags in keyboard order. */
export const GET = handle(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  if (!(await getDataset(id))) throw notFound(`dataset ${id}`);
  return Response.json({ tags: await listTags(id) });
});

/** POST /api/datasets/:id/tags `{ name, color?, description?, position? }` — 201, or 409 for a taken name. */
export const POST = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const body = await readBody(req, tagBodySchema);
  try {
    const tag = await createTag(id, body);
    if (!tag) throw notFound(`dataset ${id}`);
    return Response.json(tag, { status: 201 });
  } catch (error) {
    if (error instanceof DuplicateTagError) throw new HttpError(409, "conflict", error.message);
    throw error;
  }
});
