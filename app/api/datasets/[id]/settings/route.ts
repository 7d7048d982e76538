import { getStorySettings, saveStorySettings } from "@/lib/db/story-settings";
import { fromZodError, handle, HttpError, notFound, parseId } from "@/lib/http";
import { storySettingsSchema } from "@/lib/story/settings";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** GET /api/datasets/:id/settings — `{ saved, resolved }`: the saved stakeholder settings and the ones in use (defaults filled in). */
export const GET = handle(async (_req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const view = await getStorySettings(id);
  if (!view) throw notFound(`dataset ${id}`);
  return Response.json(view);
});

/** PUT /api/datasets/:id/settings — replaces the saved settings; 400 naming each bad field. */
export const PUT = handle(async (req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const body: unknown = await req.json().catch(() => {
    throw new HttpError(400, "invalid_json", "the body is not valid JSON");
  });
  const parsed = storySettingsSchema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "settings");
  const view = await saveStorySettings(id, parsed.data);
  if (!view) throw notFound(`dataset ${id}`);
  return Response.json(view);
});
