import { store } from "@/lib/db";
import { handle, notFound, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/datasets/:id/batches — the dataset's history: imports, appends and label sets, oldest first. */
export const GET = handle(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  if ((await store().datasets.version(id)) === null) throw notFound(`dataset ${id}`);
  return Response.json({ batches: await store().batches(id) });
});
