import type { DisagreementList } from "@/lib/services/compare-gallery";
import type { CompareAnswer, PairedAnswer } from "@/lib/services/compare";
import { requestJson } from "@/app/ui/request";

export type { CompareAnswer, PairedAnswer, DisagreementList };

/** Where the page compares: one threshold for both, or the same review load in reviews a day. */
export interface CompareView {
  mode: "threshold" | "load";
  /** Flagged when score ≥ threshold (both models). */
  threshold: number;
  /** Items reviewed a day (each model at its own threshold). */
  reviews: number;
  /** Non-inferiority margins in items a day; null = no verdict. */
  missedMargin: number | null;
  falseAlarmMargin: number | null;
}

/** The query string of a view: the page's (`t=`) or the API's (`threshold=`). */
export function viewParams(a: number, b: number, view: CompareView, forApi = false): URLSearchParams {
  const search = new URLSearchParams({ a: String(a), b: String(b) });
  if (view.mode === "load") search.set("reviews", String(view.reviews));
  else search.set(forApi ? "threshold" : "t", String(view.threshold));
  if (view.missedMargin !== null) search.set("missedMargin", String(view.missedMargin));
  if (view.falseAlarmMargin !== null) search.set("falseAlarmMargin", String(view.falseAlarmMargin));
  return search;
}

/** The report at a view without the pictures' data (a request per change: a few KB). */
export function fetchComparison(a: number, b: number, view: CompareView, signal?: AbortSignal): Promise<CompareAnswer> {
  const search = viewParams(a, b, view, true);
  search.set("pictures", "0");
  return requestJson<CompareAnswer>(`/api/compare?${search}`, { signal }, "the comparison could not be loaded");
}

/** Which disagreements to list. */
export interface DisagreementQuery {
  side: "" | "onlyA" | "onlyB";
  label: "" | "1" | "0";
  limit: number;
  offset: number;
}

export function fetchDisagreements(a: number, b: number, view: CompareView, query: DisagreementQuery, signal?: AbortSignal): Promise<DisagreementList> {
  const search = viewParams(a, b, view, true);
  if (query.side) search.set("side", query.side);
  if (query.label) search.set("label", query.label);
  search.set("limit", String(query.limit));
  search.set("offset", String(query.offset));
  return requestJson<DisagreementList>(`/api/compare/disagreements?${search}`, { signal }, "the disagreements could not be loaded");
}
