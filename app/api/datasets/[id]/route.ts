import { z } from "zod";
import { deleteDataset, getDataset, renameDataset } from "@/lib/db/datasets";
import { serialized } from "@/lib/db/imports";
import { HttpError, handle, notFound, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const renameSchema = z.object({ name: z.string().trim().min(1, "must not be empty").max(200) });

/** GET /api/datasets/:id — one dataset with its counts, label values, mapping and summary. */
export const GET = handle(async (_req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const dataset = await getDataset(id);
  if (!dataset) throw notFound(`dataset ${id}`);
  return Response.json(dataset);
});

/** PATCH /api/datasets/:id — `{"name": "…"}` renames the dataset. */
export const PATCH = handle(async (request: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const body: unknown = await request.json().catch(() => {
    throw new HttpError(400, "invalid_request", 'the body must be JSON like {"name": "new name"}');
  });
  const { name } = renameSchema.parse(body);
  const dataset = await renameDataset(id, name);
  if (!dataset) throw notFound(`dataset ${id}`);
  return Response.json(dataset);
});

/** DELETE /api/datasets/:id — removes the dataset and every row of it (after running imports). */
export const DELETE = handle(async (_req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const deleted = await serialized(() => deleteDataset(id));
  if (!deleted) throw notFound(`dataset ${id}`);
  return new Response(null, { status: 204 });
});
