import { store } from "@/lib/db";
import { noteBodySchema } from "@/lib/gallery/schemas";
import { handle, notFound, parseId, readBody } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; exampleId: string }> };

/** GET /api/datasets/:id/examples/:exampleId/notes — the example's notes, oldest first. */
export const GET = handle(async (_req: Request, { params }: Params) => {
  const p = await params;
  const notes = await store().notes.list(parseId(p.id), parseId(p.exampleId, "example"));
  if (!notes) throw notFound(`example ${p.exampleId}`);
  return Response.json({ notes });
});

/** POST /api/datasets/:id/examples/:exampleId/notes `{ body, reviewer? }` — adds a note. */
export const POST = handle(async (req: Request, { params }: Params) => {
  const p = await params;
  const id = parseId(p.id);
  const exampleId = parseId(p.exampleId, "example");
  const body = await readBody(req, noteBodySchema);
  const note = await store().notes.add(id, exampleId, body.body, body.reviewer);
  if (!note) throw notFound(`example ${exampleId}`);
  return Response.json(note, { status: 201 });
});
