import { store } from "@/lib/db";
import { applyTagSchema } from "@/lib/gallery/schemas";
import { handle, notFound, parseId, readBody } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/datasets/:id/examples/:exampleId/tags `{ tagId, reviewer? }` — tags an example (idempotent). */
export const POST = handle(async (req: Request, { params }: { params: Promise<{ id: string; exampleId: string }> }) => {
  const { id: rawId, exampleId: rawExample } = await params;
  const id = parseId(rawId);
  const exampleId = parseId(rawExample, "example");
  const body = await readBody(req, applyTagSchema);
  const applied = await store().tags.apply(id, exampleId, body.tagId, body.reviewer);
  if (!applied) throw notFound(`example ${exampleId} or tag ${body.tagId} of dataset ${id}`);
  return Response.json(applied, { status: 201 });
});
