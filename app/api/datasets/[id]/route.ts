import { z } from "zod";
import { store } from "@/lib/db";
import { handle, notFound, parseId, readBody } from "@/lib/http";
import { deleteDataset, getDataset } from "@/lib/services/datasets";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const renameSchema = z.object({ name: z.string({ error: 'the body must be JSON like {"name": "new name"}' }).trim().min(1, "must not be empty").max(200) });

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
  const { name } = await readBody(request, renameSchema);
  const dataset = await store().datasets.rename(id, name);
  if (!dataset) throw notFound(`dataset ${id}`);
  return Response.json(dataset);
});

/** DELETE /api/datasets/:id — removes the dataset and every row of it (after running imports). */
export const DELETE = handle(async (_req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  if (!(await deleteDataset(id))) throw notFound(`dataset ${id}`);
  return new Response(null, { status: 204 });
});
