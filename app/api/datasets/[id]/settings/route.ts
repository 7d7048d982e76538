import { after } from "next/server";
import { handle, notFound, parseId, readBody } from "@/lib/http";
import { scheduleAlertCheck } from "@/lib/services/alerts";
import { getStorySettings, saveStorySettings } from "@/lib/services/settings";
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
  const view = await saveStorySettings(id, await readBody(req, storySettingsSchema));
  if (!view) throw notFound(`dataset ${id}`);
  // Alert messages use the dataset's words and costs: checked again with the new ones.
  after(() => scheduleAlertCheck(id));
  return Response.json(view);
});
