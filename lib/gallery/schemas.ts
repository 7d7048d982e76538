import { z } from "zod";
import { parseQuery, thresholdParam } from "../http";
import { EXAMPLE_KINDS, type ExampleQuery } from "./kinds";
import { MAX_PAGE } from "./types";

/**
 * The gallery API's query strings and bodies, validated with zod (read through lib/http.ts
 * `parseQuery` / `readBody`); `threshold` is the one shared `thresholdParam`.
 */

/** An instant of a time window: ISO 8601 (a date alone is its UTC midnight), as epoch ms. */
const instantParam = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, `${name} must be an ISO 8601 instant or date, e.g. 2026-10-15 or 2026-10-15T00:00:00Z`)
    .transform((text, ctx) => {
      const ms = Date.parse(/[T ]/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text.replace(" ", "T")}Z` : text);
      if (!Number.isFinite(ms)) {
        ctx.addIssue({ code: "custom", message: `${name} is not a valid date: ${text.slice(0, 40)}` });
        return z.NEVER;
      }
      return ms;
    });

const examplesQuerySchema = z.object({
  threshold: thresholdParam,
  kind: z.enum(EXAMPLE_KINDS, { error: "kind must be one of fp, fn, tp, tn" }).default("fp"),
  sort: z.string().trim().min(1, "sort must name a column").max(200).optional(),
  order: z.enum(["asc", "desc"], { error: "order must be asc or desc" }).optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(0, `limit must be 0 to ${MAX_PAGE}`).max(MAX_PAGE, `limit must be 0 to ${MAX_PAGE}`).default(50),
  offset: z.coerce.number({ error: "offset must be a number" }).int("offset must be a whole number").min(0, "offset must be 0 or more").default(0),
  q: z.string().max(200, "q must be at most 200 characters").optional(),
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
  from: instantParam("from").optional(),
  to: instantParam("to").optional(),
}).refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: "from must be before to", path: ["to"] });

export interface ExamplesRequest {
  query: ExampleQuery;
  limit: number;
  offset: number;
  format: "json" | "csv";
}

/**
 * Reads `?threshold&kind&sort&order&limit&offset&q&format&from&to` and `slice.<column>=<value>` filters;
 * throws a 400 naming the bad parameter.
 */
export function parseExamplesQuery(request: Request): ExamplesRequest {
  const plain: Record<string, string> = {};
  const slices: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    if (key.startsWith("slice.")) slices[key.slice("slice.".length)] = value;
    else plain[key] = value;
  }
  const { threshold, kind, sort, order, limit, offset, q, format, from, to } = parseQuery(request, examplesQuerySchema, plain);
  return { query: { threshold, kind, sort, order, slices, q, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }, limit, offset, format };
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
