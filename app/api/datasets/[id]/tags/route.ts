import { store } from "@/lib/db";
import { tagBodySchema } from "@/lib/gallery/schemas";
import { handle, notFound, parseId, readBody } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** GET /api/datasets/:id/tags — the dataset's failure-mode tags in keyboard order. */
export const GET = handle(async (_req: Request, { params }: Params) => {
  const id = parseId((await params).id);
  if ((await store().datasets.version(id)) === null) throw notFound(`dataset ${id}`);
  return Response.json({ tags: await store().tags.list(id) });
});

/** POST /api/datasets/:id/tags `{ name, color?, description?, position? }` — 201, or 409 for a taken name. */
export const POST = handle(async (req: Request, { params }: Params) => {
  const id = parseId((await params).id);
  const tag = await store().tags.create(id, await readBody(req, tagBodySchema));
  if (!tag) throw notFound(`dataset ${id}`);
  return Response.json(tag, { status: 201 });
});
