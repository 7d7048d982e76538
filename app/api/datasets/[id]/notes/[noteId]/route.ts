import { store } from "@/lib/db";
import { handle, notFound, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/** DELETE /api/datasets/:id/notes/:noteId — deletes a note. */
export const DELETE = handle(async (_req: Request, { params }: { params: Promise<{ id: string; noteId: string }> }) => {
  const p = await params;
  const noteId = parseId(p.noteId, "note");
  if (!(await store().notes.delete(parseId(p.id), noteId))) throw notFound(`note ${noteId}`);
  return new Response(null, { status: 204 });
});
