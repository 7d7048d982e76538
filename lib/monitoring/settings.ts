import { z } from "zod";
import { storySettingsSchema } from "../story/settings";
import { alertRulesSchema } from "./alerts";
import { referenceParam } from "./reference";

const thresholdRange = "the threshold in production must be between 0 and 1";

/**
 * A dataset's monitoring settings, saved in its settings under `monitoring` beside the story's:
 * - `reference`: what its periods are compared with (see `parseReference`); null = the default;
 * - `deployedThreshold`: the threshold in production (replay sentences and alerts use it);
 * - `alerts`: the alert rules, checked on every append;
 * - `webhookUrl`: an http(s) URL that receives a JSON POST per new alert.
 */
export const monitoringSettingsSchema = z
  .object({
    reference: referenceParam.nullable(),
    deployedThreshold: z.number({ error: "the threshold in production must be a number" }).min(0, thresholdRange).max(1, thresholdRange).nullable(),
    alerts: alertRulesSchema,
    webhookUrl: z
      .url({ protocol: /^https?$/, error: "the webhook must be an http:// or https:// URL" })
      .max(2000, "the webhook URL must be at most 2,000 characters")
      .nullable(),
  })
  .partial()
  .strict();
export type MonitoringSettings = z.infer<typeof monitoringSettingsSchema>;

/** Everything a dataset's settings hold: the story's (volume, words, costs, …) and `monitoring`. */
export const datasetSettingsSchema = storySettingsSchema.extend({ monitoring: monitoringSettingsSchema }).partial().strict();

/** Monitoring settings with every gap filled. */
export interface ResolvedMonitoringSettings {
  reference: string | null;
  deployedThreshold: number | null;
  alerts: z.infer<typeof alertRulesSchema>;
  webhookUrl: string | null;
}

/**
 * The monitoring settings of a dataset's stored settings (its `monitoring` member), gaps filled;
 * an invalid part (a rule edited by hand, say) is dropped rather than trusted, like the story's.
 */
export function parseMonitoringSettings(stored: unknown): ResolvedMonitoringSettings {
  const raw = stored && typeof stored === "object" ? (stored as Record<string, unknown>).monitoring : undefined;
  const kept: MonitoringSettings = {};
  if (raw && typeof raw === "object") {
    for (const [key, value] of Object.entries(raw)) {
      const one = monitoringSettingsSchema.safeParse({ [key]: value });
      if (one.success) Object.assign(kept, one.data);
    }
  }
  return { reference: kept.reference ?? null, deployedThreshold: kept.deployedThreshold ?? null, alerts: kept.alerts ?? [], webhookUrl: kept.webhookUrl ?? null };
}
