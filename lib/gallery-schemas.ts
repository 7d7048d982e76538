import { z } from "zod";
import { fromZodError, HttpError, thresholdParam } from "./http";
import { EXAMPLE_KINDS, type ExampleQuery } from "./db/example-filter";

/**
 * The gallery API's query strings and bodies, validated with zod. Shared by the examples,
 * export, failure-mode and slice routes so every one reads `threshold` the same way.
 */

const examplesQuerySchema = z.object({
  threshold: thresholdParam,
  kind: z.enum(EXAMPLE_KINDS, { error: "kind must be one of fp, fn, tp, tn" }).default("fp"),
  sort: z.string().trim().min(1, "sort must name a column").max(200).optional(),
  order: z.enum(["asc", "desc"], { error: "order must be asc or desc" }).optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(0, "limit must be 0 to 500").max(500, "limit must be 0 to 500").default(50),
  offset: z.coerce.number({ error: "offset must be a number" }).int("offset must be a whole number").min(0, "offset must be 0 or more").default(0),
  q: z.string().max(200, "q must be at most 200 characters").optional(),
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
});

export interface ExamplesRequest {
  query: ExampleQuery;
  limit: number;
  offset: number;
  format: "json" | "csv";
}

/**
 * Reads `?threshold&kind&sort&order&limit&offset&q&format` and `slice.<column>=<value>` filters;
 * throws a 400 HttpError naming the bad parameter.
 */
export function parseExamplesQuery(search: URLSearchParams): ExamplesRequest {
  const plain: Record<string, string> = {};
  const slices: Record<string, string> = {};
  for (const [key, value] of search) {
    if (key.startsWith("slice.")) slices[key.slice("slice.".length)] = value;
    else plain[key] = value;
  }
  const parsed = examplesQuerySchema.safeParse({ ...plain, threshold: search.get("threshold") ?? undefined });
  if (!parsed.success) throw fromZodError(parsed.error, "query");
  const { threshold, kind, sort, order, limit, offset, q, format } = parsed.data;
  return { query: { threshold, kind, sort, order, slices, q }, limit, offset, format };
}

const reviewer = z
  .string()
  .trim()
  .max(80, "reviewer must be at most 80 characters")
  .nullish()
  .transform((r) => (r ? r : null));

export const tagBodySchema = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "name must not be empty").max(60, "name must be at most 60 characters"),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color must look like "#0072b2"').optional(),
    description: z.string().max(500, "description must be at most 500 characters").optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();

export const tagPatchSchema = tagBodySchema.partial().strict();

export const applyTagSchema = z.object({ tagId: z.number({ error: "tagId must be a number" }).int().positive(), reviewer }).strict();

export const noteBodySchema = z
  .object({ body: z.string({ error: "body is required" }).trim().min(1, "body must not be empty").max(5000, "body must be at most 5000 characters"), reviewer })
  .strict();

/** Reads and validates a JSON request body; a body that is not JSON or does not fit is a 400. */
export async function readBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new HttpError(400, "invalid_json", "the request body must be JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "body");
  return parsed.data;
}
