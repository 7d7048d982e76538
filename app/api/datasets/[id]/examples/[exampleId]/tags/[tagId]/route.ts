import { store } from "@/lib/db";
import { handle, notFound, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/** DELETE /api/datasets/:id/examples/:exampleId/tags/:tagId — takes a tag off an example. */
export const DELETE = handle(async (_req: Request, { params }: { params: Promise<{ id: string; exampleId: string; tagId: string }> }) => {
  const p = await params;
  const id = parseId(p.id);
  const exampleId = parseId(p.exampleId, "example");
  const tagId = parseId(p.tagId, "tag");
  if (!(await store().tags.remove(id, exampleId, tagId))) throw notFound(`tag ${tagId} on example ${exampleId}`);
  return new Response(null, { status: 204 });
});
