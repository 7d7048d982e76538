/**
 * Pages of the failure gallery. Unfiltered and in score order (the gallery's default), a page is
 * a stretch of the dataset's score order and its total a binary search in the score table: no
 * scan. Otherwise the backend's query filters and sorts (RowStore.page).
 */
import { checkColumns, isUnfiltered, scoreDirection, type ColumnLayout, type ExampleQuery } from "../gallery/kinds";
import { MAX_EXPORT, MAX_PAGE, type Example, type ExamplePage } from "../gallery/types";
import { confusionAt, pageOfOutcome } from "../metrics";
import { store } from "./index";
import { getScoreOrder, getScoreTable } from "./score-index";
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

async function pageIds(datasetId: number, query: ExampleQuery, layout: ColumnLayout, limit: number, offset: number): Promise<{ ids: number[]; total: number }> {
  const direction = scoreDirection(query);
  if (direction && isUnfiltered(query)) {
    const table = await getScoreTable(datasetId);
    const order = table && (await getScoreOrder(datasetId, table));
    if (order && table) return { ids: pageOfOutcome(order, query.kind, query.threshold, direction, offset, limit), total: confusionAt(table, query.threshold)[query.kind] };
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
