import { z } from "zod";
import { store } from "@/lib/db";
import { handle, notFound, parseId, readBody } from "@/lib/http";
import { modelNameValue } from "@/lib/models";
import { deleteDataset, getDataset } from "@/lib/services/datasets";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const patchSchema = z
  .object({
    name: z.string({ error: "name must be text" }).trim().min(1, "must not be empty").max(200),
    /** The model the dataset belongs to; null: none (its version goes too). */
    model: modelNameValue.nullable(),
    version: modelNameValue.nullable(),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'the body must be JSON like {"name": "new name"} or {"model": "fraud", "version": "int8"}' });

/** GET /api/datasets/:id — one dataset with its counts, label values, mapping and summary. */
export const GET = handle(async (_req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const dataset = await getDataset(id);
  if (!dataset) throw notFound(`dataset ${id}`);
  return Response.json(dataset);
});

/**
 * PATCH /api/datasets/:id — `{"name": "…"}` renames the dataset; `{"model": "fraud", "version":
 * "int8"}` puts it under a model and version (null takes it out; a field left out stays).
 */
export const PATCH = handle(async (request: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const { name, model, version } = await readBody(request, patchSchema);
  let dataset = name !== undefined ? await store().datasets.rename(id, name) : await getDataset(id);
  if (dataset && (model !== undefined || version !== undefined)) {
    const modelName = model === undefined ? dataset.modelName : model;
    dataset = await store().models.assign(id, modelName, modelName === null ? null : version === undefined ? dataset.modelVersion : version);
  }
  if (!dataset) throw notFound(`dataset ${id}`);
  return Response.json(dataset);
});

/** DELETE /api/datasets/:id — removes the dataset and every row of it (after running imports). */
export const DELETE = handle(async (_req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  if (!(await deleteDataset(id))) throw notFound(`dataset ${id}`);
  return new Response(null, { status: 204 });
});
