import { z } from "zod";
import type { StorySettings } from "./settings";

const optionalNumber = (name: string, check: z.ZodNumber) =>
  z
    .string()
    .trim()
    .optional()
    .transform((raw) => (raw === undefined || raw === "" ? undefined : Number(raw)))
    .pipe(check.optional())
    .describe(name);

/**
 * The story's query parameters: `volume` (items a day) and `prevalence` (positive share in [0, 1]),
 * each overriding the saved settings when given.
 */
export const storyQuerySchema = z.object({
  volume: optionalNumber("volume", z.number({ error: "volume must be a number" }).finite().positive("volume must be more than 0")),
  prevalence: optionalNumber("prevalence", z.number({ error: "prevalence must be a number" }).min(0, "prevalence must be between 0 and 1").max(1, "prevalence must be between 0 and 1")),
});

/** Query values as settings overrides: a volume from the query counts per day. */
export function storyOverrides(q: z.infer<typeof storyQuerySchema>): StorySettings {
  return {
    ...(q.volume !== undefined ? { volume: q.volume, period: "day" as const } : {}),
    ...(q.prevalence !== undefined ? { prevalence: q.prevalence } : {}),
  };
}
