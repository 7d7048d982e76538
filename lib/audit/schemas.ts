/** The audit API's request shapes (zod at the boundary; the routes and the CLI share them). */
import { z } from "zod";

/** Most rows one audit may draw. */
export const MAX_AUDIT_SIZE = 100_000;
/** Most items one queue request hands out. */
export const MAX_QUEUE = 100;

const instant = (what: string) =>
  z
    .string({ error: `${what} must be a date or an ISO 8601 instant` })
    .trim()
    .refine((s) => Number.isFinite(Date.parse(s)), `${what} must be a date or an ISO 8601 instant, e.g. 2026-11-02 or 2026-11-02T10:00:00Z`)
    .transform((s) => Date.parse(s));

const size = z.number({ error: "size must be a number" }).int("size must be a whole number").min(1, "size must be at least 1").max(MAX_AUDIT_SIZE, `size must be at most ${MAX_AUDIT_SIZE}`);
const name = z.string().trim().min(1, "name must not be empty").max(120, "name must be at most 120 characters");
export const reviewerName = z.string().trim().min(1, "reviewer must not be empty").max(80, "reviewer must be at most 80 characters");

/** POST /api/datasets/:id/audits. `from`/`to`: the window [from, to) of the rows' timestamps. */
export const drawBodySchema = z
  .object({
    size,
    name: name.optional(),
    from: instant("from").optional(),
    to: instant("to").optional(),
    /** A threshold in use: it becomes a stratum boundary, so estimates there cut no stratum. */
    threshold: z.number().min(0, "threshold must be between 0 and 1").max(1, "threshold must be between 0 and 1").optional(),
    /** Share of the drawn rows that two reviewers label (for Cohen's κ); 10% when left out. */
    doubleReviewShare: z.number({ error: "doubleReviewShare must be a number" }).min(0, "doubleReviewShare must be between 0 and 0.5").max(0.5, "doubleReviewShare must be between 0 and 0.5").optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
  })
  .strict()
  .refine((b) => b.from === undefined || b.to === undefined || b.from < b.to, { message: "from must be before to", path: ["to"] });
export type DrawBody = z.output<typeof drawBodySchema>;

/** PATCH /api/datasets/:id/audits/:auditId: a top-up (a larger size) and/or a new name. */
export const auditPatchSchema = z.object({ size: size.optional(), name: name.optional() }).strict();

/** GET …/queue. */
export const queueQuerySchema = z.object({
  reviewer: z.string({ error: "reviewer is required (?reviewer=NAME): items are held for the person reviewing them" }).pipe(reviewerName),
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(MAX_QUEUE, `limit must be at most ${MAX_QUEUE}`).default(10),
});

/** One label of POST …/labels: by example id or by item id; null takes the reviewer's label back. */
const labelEntry = z
  .object({
    exampleId: z.union([z.string(), z.number()]).transform(String).optional(),
    itemId: z.number().int().positive().optional(),
    label: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    reviewer: reviewerName.optional(),
  })
  .strict()
  .refine((e) => e.exampleId !== undefined || e.itemId !== undefined, "each label needs an exampleId (or an itemId)");

export const auditLabelsSchema = z.object({ labels: z.array(labelEntry).min(1, "labels must not be empty").max(10_000, "at most 10,000 labels per request"), reviewer: reviewerName.optional() }).strict();
export type AuditLabelsBody = z.output<typeof auditLabelsSchema>;

/** POST …/skip. */
export const skipBodySchema = z
  .object({ exampleId: z.union([z.string(), z.number()]).transform(String).optional(), itemId: z.number().int().positive().optional(), reviewer: reviewerName })
  .strict()
  .refine((e) => e.exampleId !== undefined || e.itemId !== undefined, "name the item: exampleId or itemId");
