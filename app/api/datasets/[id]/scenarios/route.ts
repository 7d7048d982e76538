import { z } from "zod";
import { listScenarios, saveScenario } from "@/lib/db/scenarios";
import { fromZodError, handle, HttpError, notFound, parseId } from "@/lib/http";
import { storySettingsSchema } from "@/lib/story/settings";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const scenarioSchema = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "name must not be empty").max(80, "name must be at most 80 characters"),
    threshold: z.number({ error: "threshold must be a number" }).min(0, "threshold must be between 0 and 1").max(1, "threshold must be between 0 and 1"),
    settings: storySettingsSchema.default({}),
  })
  .strict();

/** GET /api/datasets/:id/scenarios — the dataset's named scenarios, oldest first. */
export const GET = handle(async (_req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const scenarios = await listScenarios(id);
  if (!scenarios) throw notFound(`dataset ${id}`);
  return Response.json({ scenarios });
});

/** POST /api/datasets/:id/scenarios `{ name, threshold, settings }` — saves (or replaces, by name) a scenario; 201. */
export const POST = handle(async (req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const body: unknown = await req.json().catch(() => {
    throw new HttpError(400, "invalid_json", "the body is not valid JSON");
  });
  const parsed = scenarioSchema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "scenario");
  const scenario = await saveScenario(id, parsed.data);
  if (!scenario) throw notFound(`dataset ${id}`);
  return Response.json(scenario, { status: 201 });
});
