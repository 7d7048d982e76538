import type { TagView } from "@/lib/db";
import type { ExampleKind } from "@/lib/gallery/kinds";
import type { Example, ExamplePage } from "@/lib/gallery/types";
import type { FailureModes, SliceReport } from "@/lib/reports";
import { safeImageName } from "@/lib/images/names";
import { requestJson } from "@/app/ui/request";

export type { Example, ExamplePage, ExampleKind, FailureModes, SliceReport, TagView };

/** What the gallery shows: one kind of outcome at a threshold, filtered and sorted. */
export interface GalleryQuery {
  threshold: number;
  kind: ExampleKind;
  sort?: string;
  order?: "asc" | "desc";
  slices: Record<string, string>;
  q: string;
  /** Only rows of a time window (ISO instants, [from, to)), e.g. one day picked on the Monitoring tab. */
  window?: TimeWindow | null;
}

/** A time window of the gallery: rows whose timestamp is at or after `from` and before `to`. */
export interface TimeWindow {
  from: string;
  to: string;
}

/** The query string of a gallery query (the API's and the page's). */
export function galleryParams(query: GalleryQuery, extra: Record<string, string | number> = {}): URLSearchParams {
  const search = new URLSearchParams({ threshold: String(query.threshold), kind: query.kind });
  if (query.sort) search.set("sort", query.sort);
  if (query.order) search.set("order", query.order);
  for (const [column, value] of Object.entries(query.slices)) search.set(`slice.${column}`, value);
  if (query.q.trim()) search.set("q", query.q.trim());
  if (query.window) {
    search.set("from", query.window.from);
    search.set("to", query.window.to);
  }
  for (const [key, value] of Object.entries(extra)) search.set(key, String(value));
  return search;
}

const call = <T>(url: string, what: string, init?: RequestInit) => requestJson<T>(url, init, what);

const base = (datasetId: number) => `/api/datasets/${datasetId}`;

export const fetchExamples = (datasetId: number, query: GalleryQuery, limit: number, offset: number, signal?: AbortSignal) =>
  call<ExamplePage>(`${base(datasetId)}/examples?${galleryParams(query, { limit, offset })}`, `the ${KIND_LABELS[query.kind].many.toLowerCase()} could not be loaded`, { signal });

export const fetchFailureModes = (datasetId: number, threshold: number, signal?: AbortSignal) =>
  call<FailureModes>(`${base(datasetId)}/failure-modes?threshold=${threshold}`, "the failure-mode counts could not be loaded", { signal });

export const fetchSlices = (datasetId: number, threshold: number, signal?: AbortSignal) =>
  call<SliceReport>(`${base(datasetId)}/slices?threshold=${threshold}`, "the errors by slice could not be loaded", { signal });

export const createTag = (datasetId: number, tag: { name: string; color: string; description?: string }) =>
  call<TagView>(`${base(datasetId)}/tags`, "the tag was not created", { method: "POST", body: JSON.stringify(tag) });

export const updateTag = (datasetId: number, tagId: number, patch: Partial<Pick<TagView, "name" | "color" | "description" | "position">>) =>
  call<TagView>(`${base(datasetId)}/tags/${tagId}`, "the tag was not changed", { method: "PATCH", body: JSON.stringify(patch) });

export const deleteTag = (datasetId: number, tagId: number) => call<null>(`${base(datasetId)}/tags/${tagId}`, "the tag was not deleted", { method: "DELETE" });

export const applyTag = (datasetId: number, exampleId: number, tagId: number, reviewer: string) =>
  call<unknown>(`${base(datasetId)}/examples/${exampleId}/tags`, "the tag was not applied", { method: "POST", body: JSON.stringify({ tagId, reviewer: reviewer || null }) });

export const removeTag = (datasetId: number, exampleId: number, tagId: number) =>
  call<null>(`${base(datasetId)}/examples/${exampleId}/tags/${tagId}`, "the tag was not taken off", { method: "DELETE" });

export const addNote = (datasetId: number, exampleId: number, body: string, reviewer: string) =>
  call<Example["notes"][number]>(`${base(datasetId)}/examples/${exampleId}/notes`, "the note was not saved", { method: "POST", body: JSON.stringify({ body, reviewer: reviewer || null }) });

/** Where an example's image comes from: its URL, or the file stored with the dataset. */
export function imageSrc(datasetId: number, image: string): string | null {
  if (/^https?:\/\//i.test(image)) return image;
  if (/^[a-z][a-z0-9+.-]*:/i.test(image)) return null; // no javascript:, data: or other schemes
  const name = safeImageName(image);
  return name ? `${base(datasetId)}/images/${name}` : null;
}

/** Okabe–Ito colours offered for new tags, in order. */
export const TAG_COLOURS = ["#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#0072b2", "#d55e00", "#f0e442", "#999999"];

/**
 * The outcomes in plain words (no "false positive"): `one` heads a single example ("False alarm 3
 * of 400"), `many` names the list ("400 false alarms"), `none` says the list is empty.
 */
export const KIND_LABELS: Record<ExampleKind, { one: string; many: string; none: string }> = {
  fp: { one: "False alarm", many: "False alarms", none: "No false alarms" },
  fn: { one: "Miss", many: "Missed", none: "Nothing missed" },
  tp: { one: "Caught", many: "Caught", none: "Nothing caught" },
  tn: { one: "Correctly left alone", many: "Correctly left alone", none: "Nothing left alone" },
};
