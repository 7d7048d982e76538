/**
 * Pages of the failure gallery. In score order (the gallery's default) a page is a walk over the
 * dataset's score-sorted segments: unfiltered, its total is a binary search per segment; filtered
 * by slice values, the walk keeps the rows whose codes match. Sorted by another column or
 * searched for text, the backend's query filters and sorts (RowStore.page).
 */
import { checkColumns, isUnfiltered, scoreDirection, type ColumnLayout, type ExampleQuery } from "../gallery/kinds";
import { MAX_EXPORT, MAX_PAGE, type Example, type ExamplePage } from "../gallery/types";
import { confusionAt, countAcross, pageAcross, type RowFilter } from "../metrics";
import { store } from "./index";
import { getDatasetIndex, type DatasetIndex } from "./score-index";
import type { PredictionRecord } from "./types";

export interface PageOptions {
  limit?: number;
  offset?: number;
}

/** A stored JSON array zipped with its column names. */
function zip(names: string[], json: string | null): Record<string, string | null> {
  let values: unknown[] = [];
  try {
    const parsed: unknown = json ? JSON.parse(json) : [];
    if (Array.isArray(parsed)) values = parsed;
  } catch {
    // unreadable JSON: every column empty
  }
  return Object.fromEntries(names.map((name, i) => [name, values[i] === null || values[i] === undefined ? null : String(values[i])]));
}

/** Records → examples with their tags and notes. */
async function toExamples(records: PredictionRecord[], layout: ColumnLayout, threshold: number): Promise<Example[]> {
  const ids = records.map((r) => r.id);
  const [tags, notes] = await Promise.all([store().tags.ofPredictions(ids), store().notes.ofPredictions(ids)]);
  return records.map((r) => ({
    id: r.id,
    row: r.row,
    label: r.label,
    score: r.score,
    distance: Math.round(Math.abs(r.score - threshold) * 1e12) / 1e12,
    exampleId: r.exampleId,
    timestamp: r.timestamp,
    text: r.text,
    image: r.image,
    slices: zip(layout.slices, r.slices),
    extras: zip(layout.extras, r.extras),
    tags: tags.get(r.id) ?? [],
    notes: notes.get(r.id) ?? [],
  }));
}

/** A filter on the slice codes of a dataset's rows for `slices` (column → value), or null when a value is not in the dataset. */
function sliceFilter(index: DatasetIndex, slices: Record<string, string>): RowFilter | null {
  const wanted: { column: number; code: number }[] = [];
  for (const [column, value] of Object.entries(slices)) {
    const c = index.sliceColumns.indexOf(column);
    const code = index.sliceValues[c]?.indexOf(value) ?? -1;
    if (code < 0) return null;
    wanted.push({ column: c, code });
  }
  return (k, i) => wanted.every((w) => index.segments[k].slices[w.column][i] === w.code);
}

async function pageIds(datasetId: number, query: ExampleQuery, layout: ColumnLayout, limit: number, offset: number): Promise<{ ids: number[]; total: number }> {
  const direction = scoreDirection(query);
  // In score order, without a text search, a page is a walk over the dataset's segments.
  if (direction && !query.q?.trim()) {
    const index = await getDatasetIndex(datasetId);
    if (index) {
      const { kind, threshold } = query;
      if (isUnfiltered(query)) return { ids: pageAcross(index.segments, kind, threshold, direction, offset, limit), total: confusionAt(index.counts, threshold)[kind] };
      const keep = sliceFilter(index, query.slices ?? {});
      if (!keep) return { ids: [], total: 0 };
      return { ids: pageAcross(index.segments, kind, threshold, direction, offset, limit, keep), total: countAcross(index.segments, kind, threshold, keep) };
    }
  }
  return store().rows.page(datasetId, query, layout, limit, offset);
}

/**
 * One page of the examples of a kind at a threshold (false positives: negatives scoring at or
 * above it; false negatives: positives below it; …), filtered and sorted, with their tags and
 * notes. Default order: most confident mistakes first. `null` when the dataset does not exist;
 * throws UnknownColumnError for a sort or slice column the dataset lacks.
 */
export async function listExamples(datasetId: number, query: ExampleQuery, page: PageOptions = {}): Promise<ExamplePage | null> {
  const layout = await store().datasets.columnLayout(datasetId);
  if (!layout) return null;
  checkColumns(query, layout);
  const limit = Math.min(Math.max(page.limit ?? 50, 0), MAX_PAGE);
  const offset = Math.max(page.offset ?? 0, 0);
  const { ids, total } = await pageIds(datasetId, query, layout, limit, offset);
  const records = await store().rows.byIds(datasetId, ids);
  return { total, threshold: query.threshold, kind: query.kind, items: await toExamples(records, layout, query.threshold) };
}

/** Every example matching the query (up to `max`), in the query's order, for exports; null without the dataset. */
export async function exportExamples(datasetId: number, query: ExampleQuery, max = MAX_EXPORT): Promise<{ layout: ColumnLayout; items: Example[] } | null> {
  const layout = await store().datasets.columnLayout(datasetId);
  if (!layout) return null;
  checkColumns(query, layout);
  const records = await store().rows.matching(datasetId, query, layout, max);
  return { layout, items: await toExamples(records, layout, query.threshold) };
}

/** The examples with these prediction ids (in the order asked, missing ones left out), with tags and notes; `threshold` sets their distance. */
export async function examplesByIds(datasetId: number, ids: number[], threshold: number): Promise<Example[] | null> {
  const layout = await store().datasets.columnLayout(datasetId);
  if (!layout) return null;
  return toExamples(await store().rows.byIds(datasetId, ids), layout, threshold);
}
