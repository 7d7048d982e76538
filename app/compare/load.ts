import { notFound } from "next/navigation";
import { compareQuerySchema, type CompareQuery } from "@/lib/compare/query";
import { compareDatasets, type CompareResult } from "@/lib/services/compare";
import type { CompareView } from "./compare-api";
import { firstParam } from "@/app/ui/search-params";

type Search = Record<string, string | string[] | undefined>;

/** Default non-inferiority margin on misses (items a day) when the link sets none. */
const DEFAULT_MISSED_MARGIN = 1;

/**
 * The page's query (`?a=&b=&t=` or `&reviews=`, `&missedMargin=`, `&falseAlarmMargin=`) as the
 * API's, or the problems with it. A link without margins gets a margin of 1 on misses; an empty
 * `missedMargin=` asks for none.
 */
export function parseCompareSearch(search: Search): { query: CompareQuery; view: Omit<CompareView, "threshold" | "reviews"> } | { problem: string } {
  const missed = firstParam(search.missedMargin);
  const raw = {
    a: firstParam(search.a),
    b: firstParam(search.b),
    threshold: firstParam(search.t) ?? firstParam(search.threshold),
    reviews: firstParam(search.reviews),
    flagged: firstParam(search.flagged),
    missedMargin: missed === undefined ? String(DEFAULT_MISSED_MARGIN) : missed,
    falseAlarmMargin: firstParam(search.falseAlarmMargin),
  };
  const parsed = compareQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}` };
  }
  const q = parsed.data;
  return { query: q, view: { mode: q.reviews !== undefined || q.flagged !== undefined ? "load" : "threshold", missedMargin: q.missedMargin ?? null, falseAlarmMargin: q.falseAlarmMargin ?? null } };
}

/** The comparison a page shows; a dataset that does not exist makes the page a 404. */
export async function loadComparison(query: CompareQuery): Promise<CompareResult> {
  try {
    return await compareDatasets(query);
  } catch (error) {
    if (error instanceof Error && error.name === "NotFoundError") notFound();
    throw error;
  }
}
