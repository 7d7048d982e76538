import { handle, notFound, parseId, readBody } from "@/lib/http";
import { monitoringSettingsSchema } from "@/lib/monitoring/settings";
import { checkAlerts } from "@/lib/services/alerts";
import { getMonitoringSettings, saveMonitoringSettings } from "@/lib/services/settings";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** GET /api/datasets/:id/monitoring/settings — `{reference, deployedThreshold, alerts, webhookUrl}` (null / [] when not set). */
export const GET = handle(async (_req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const settings = await getMonitoringSettings(id);
  if (!settings) throw notFound(`dataset ${id}`);
  return Response.json(settings);
});

/**
 * PUT /api/datasets/:id/monitoring/settings — replaces the monitoring settings (fields left out
 * are cleared; the story's settings are kept), then checks the alert rules at once →
 * `{...settings, alerts: {raised, created}}`; 400 naming each bad field.
 */
export const PUT = handle(async (req: Request, { params }: Context) => {
  const id = parseId((await params).id);
  const saved = await saveMonitoringSettings(id, await readBody(req, monitoringSettingsSchema));
  if (!saved) throw notFound(`dataset ${id}`);
  const check = await checkAlerts(id);
  return Response.json({ ...saved, check: { raised: check?.raised ?? 0, created: check?.created.length ?? 0 } });
});
