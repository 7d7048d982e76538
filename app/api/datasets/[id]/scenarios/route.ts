import { z } from "zod";
import { store } from "@/lib/db";
import { handle, notFound, parseId, readBody, thresholdValue } from "@/lib/http";
import { storySettingsSchema } from "@/lib/story/settings";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const scenarioSchema = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "name must not be empty").max(80, "name must be at most 80 characters"),
    threshold: thresholdValue,
    settings: storySettingsSchema.default({}),
  })
  .strict();

/** GET /api/datasets/:id/scenarios — the dataset's named scenarios, oldest first. */
export const GET = handle(async (_req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const scenarios = await store().scenarios.list(id);
  if (!scenarios) throw notFound(`dataset ${id}`);
  return Response.json({ scenarios });
});

/** POST /api/datasets/:id/scenarios `{ name, threshold, settings }` — saves (or replaces, by name) a scenario; 201. */
export const POST = handle(async (req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const scenario = await store().scenarios.save(id, await readBody(req, scenarioSchema));
  if (!scenario) throw notFound(`dataset ${id}`);
  return Response.json(scenario, { status: 201 });
});
