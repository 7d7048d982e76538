import { z } from "zod";
import { ENCODINGS, encodingFromName } from "../ingest/encodings";
import { PROGRESS_KEY } from "./progress";

/** A text encoding by any of its names (`latin1`, `iso-8859-1`, `cp1252`, …), as the one Cutoff reads. */
export const encodingParam = z
  .string()
  .max(40)
  .transform((name, ctx) => {
    const found = encodingFromName(name);
    if (!found) ctx.addIssue({ code: "custom", message: `must be one of ${ENCODINGS.join(", ")} (or iso-8859-1, cp1252)` });
    return found ?? z.NEVER;
  });

/** Column names are header cells: any text, bounded. */
const column = z.string().max(500);

/**
 * The mapping fields of an upload, from query parameters or multipart fields (same names as the
 * CLI flags). `slice` may repeat; every role left out is auto-detected, an empty value means none.
 */
export const mappingParamsSchema = z.object({
  name: z.string().trim().max(200).optional(),
  label: column.optional(),
  score: column.optional(),
  positive: z.string().max(500).optional(),
  id: column.optional(),
  timestamp: column.optional(),
  text: column.optional(),
  image: column.optional(),
  slice: z.array(column).max(50).optional(),
  encoding: encodingParam.optional(),
  progress: z.string().regex(PROGRESS_KEY, "must be 8 to 64 letters, digits, dashes or underscores").optional(),
  /** The model and version the dataset belongs to (e.g. "fraud", "int8"); empty = none. */
  model: z.string().trim().max(100, "must be at most 100 characters").optional(),
  version: z.string().trim().max(100, "must be at most 100 characters").optional(),
  /** The source file name to record (raw bodies; multipart sends it with the file). */
  filename: z.string().max(255).optional(),
});

export type MappingParams = z.infer<typeof mappingParamsSchema>;

/** Collects name/value pairs (repeated `slice` into a list) for `mappingParamsSchema`. */
export function collectParams(pairs: Iterable<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of pairs) {
    if (key === "slice") out.slice = [...((out.slice as string[] | undefined) ?? []), value];
    else out[key] = value;
  }
  return out;
}

/** The column roles of an upload's mapping fields, as `importCsv` takes them. */
export function columnRoles({ label, score, positive, id, timestamp, text, image, slice }: MappingParams) {
  return { label, score, positive, id, timestamp, text, image, slice };
}

/** The model and version of an upload's fields, as `importCsv` takes them (empty = none). */
export function modelOf({ model, version }: MappingParams): { modelName: string | null; modelVersion: string | null } {
  const modelName = model ? model : null;
  return { modelName, modelVersion: modelName && version ? version : null };
}
