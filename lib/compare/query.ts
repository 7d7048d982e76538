/**
 * The comparison's query parameters (GET /api/compare, the page's URL): the two datasets, where
 * to compare (one threshold, a review load K in matched rows, or reviews a day), the traffic
 * overrides and the non-inferiority margins.
 */
import { z } from "zod";
import { storyQuerySchema } from "../story/query";

const optional = (check: z.ZodNumber) =>
  z
    .string()
    .trim()
    .optional()
    .transform((raw) => (raw === undefined || raw === "" ? undefined : Number(raw)))
    .pipe(check.optional());

const datasetId = (name: string) =>
  z
    .string({ error: `${name} is required: the id of a dataset, e.g. ?a=1&b=2` })
    .trim()
    .regex(/^\d{1,15}$/, `${name} must be a dataset id (a whole number)`)
    .transform(Number)
    .refine((id) => id > 0, `${name} must be a dataset id (a whole number)`);

const count = (name: string) => z.number({ error: `${name} must be a number` }).finite(`${name} must be a number`).min(0, `${name} must be 0 or more`);

export const compareQuerySchema = z
  .object({
    a: datasetId("a"),
    b: datasetId("b"),
    /** One threshold for both models (flagged when score >= threshold). */
    threshold: optional(z.number({ error: "threshold must be a number" }).min(0, "threshold must be between 0 and 1").max(1, "threshold must be between 0 and 1")),
    /** The same review load: K matched rows flagged by each model (each at its own threshold). */
    flagged: optional(count("flagged")),
    /** The same review load in reviews a day: K = matched × reviews / volume a day. */
    reviews: optional(count("reviews")),
    /** Non-inferiority margin: how many more positives a day B may miss than A. */
    missedMargin: optional(count("missedMargin")),
    /** Non-inferiority margin: how many more negatives a day B may flag than A. */
    falseAlarmMargin: optional(count("falseAlarmMargin")),
    /** A/B tests: the share of the traffic meant for A (the sample-ratio check), default ½. */
    split: optional(z.number({ error: "split must be a number" }).gt(0, "split must be between 0 and 1").lt(1, "split must be between 0 and 1")),
    /** The bootstrap's seed (default 1). */
    seed: optional(z.number({ error: "seed must be a number" }).int("seed must be a whole number").min(0, "seed must be 0 or more").max(2 ** 31, "seed is too large")),
    /** "0" leaves the pictures' data (histogram, density grid) out: for a request per frame. */
    pictures: z.enum(["0", "1"], { error: "pictures must be 0 or 1" }).optional(),
  })
  .extend(storyQuerySchema.shape)
  .refine((q) => [q.threshold, q.flagged, q.reviews].filter((x) => x !== undefined).length <= 1, {
    message: "give one of threshold, flagged or reviews, not several",
    path: ["threshold"],
  })
  .refine((q) => q.a !== q.b, { message: "a and b must be two different datasets", path: ["b"] });

export type CompareQuery = z.infer<typeof compareQuerySchema>;

/** The disagreements gallery's extra parameters. */
export const disagreementQuerySchema = z.object({
  side: z.enum(["onlyA", "onlyB"], { error: "side must be onlyA or onlyB" }).optional(),
  label: z.enum(["1", "0"], { error: "label must be 1 (positives) or 0 (negatives)" }).transform(Number).pipe(z.union([z.literal(0), z.literal(1)])).optional(),
  limit: optional(z.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be 1 to 500").max(500, "limit must be 1 to 500")),
  offset: optional(z.number({ error: "offset must be a number" }).int("offset must be a whole number").min(0, "offset must be 0 or more")),
});

/** Where to compare, as the query says it: the service turns reviews into K and fills the default threshold. */
export type CompareWhere = { threshold: number } | { flagged: number } | { reviews: number } | { threshold: null };

export function whereOf(q: Pick<CompareQuery, "threshold" | "flagged" | "reviews">): CompareWhere {
  if (q.flagged !== undefined) return { flagged: q.flagged };
  if (q.reviews !== undefined) return { reviews: q.reviews };
  return { threshold: q.threshold ?? null };
}
