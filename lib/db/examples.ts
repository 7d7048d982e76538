/**
 * Pages of the failure gallery. In score order (the gallery's default) a page is a walk over the
 * dataset's score-sorted segments: unfiltered, its total is a binary search per segment; filtered
 * by slice values, the walk keeps the rows whose codes match. Sorted by another column or
 * searched for text, the backend's query filters and sorts (RowStore.page).
 */
import { checkColumns, hasTimeWindow, isUnfiltered, scoreDirection, type ColumnLayout, type ExampleQuery } from "../gallery/kinds";
import { MAX_EXPORT, MAX_PAGE, type Example, type ExamplePage } from "../gallery/types";
import { confusionAt, pageAcross, totalScores } from "../metrics";
import { compute } from "../workers/compute";
import type { WantedCode } from "../workers/compute-ops";
import { store } from "./index";
import { getDatasetIndex, type DatasetIndex } from "./score-index";
import type { PredictionRecord } from "./types";
import { zipColumns as zip } from "./views";

export interface PageOptions {
  limit?: number;
  offset?: number;
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

/**
 * The slice codes wanted for `slices` (column → value) and the time window ([from, to), epoch ms;
 * the segments' times column), or null when no row can match (a value not in the dataset, or a
 * time window on a dataset without timestamps).
 */
function rowFilter(index: DatasetIndex, query: ExampleQuery): { wanted: WantedCode[]; window: [number, number] | null } | null {
  const wanted: WantedCode[] = [];
  for (const [column, value] of Object.entries(query.slices ?? {})) {
    const c = index.sliceColumns.indexOf(column);
    const code = index.sliceValues[c]?.indexOf(value) ?? -1;
    if (code < 0) return null;
    wanted.push({ column: c, code });
  }
  if (!hasTimeWindow(query)) return { wanted, window: null };
  if (index.segments.some((s) => !s.times)) return null;
  return { wanted, window: [query.from ?? -Infinity, query.to ?? Infinity] };
}

async function pageIds(datasetId: number, query: ExampleQuery, layout: ColumnLayout, limit: number, offset: number): Promise<{ ids: number[]; total: number }> {
  const direction = scoreDirection(query);
  // In score order, without a text search, a page is a walk over the dataset's segments.
  if (direction && !query.q?.trim()) {
    const index = await getDatasetIndex(datasetId);
    if (index) {
      const { kind, threshold } = query;
      if (isUnfiltered(query)) return { ids: pageAcross(index.segments, kind, threshold, direction, offset, limit), total: confusionAt(index.counts, threshold)[kind] };
      const filter = rowFilter(index, query);
      if (!filter) return { ids: [], total: 0 };
      // A filtered walk may pass over every row: off this thread for a large dataset.
      const rows = totalScores(index.segments);
      return compute("filteredPage", rows, index.segments, kind, threshold, direction, offset, limit, filter.wanted, filter.window);
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

/** Examples per slice of an export: each slice is a few milliseconds of work for this thread. */
export const EXPORT_SLICE = 1000;

/** Lets the event loop answer other requests before the next slice of a long job. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every example matching the query (up to `max`), in the query's order, for exports: the layout,
 * and the examples with their tags and notes `EXPORT_SLICE` at a time, the event loop free between
 * slices (an export of 100,000 rows never holds it long); null without the dataset.
 */
export async function exportExampleSlices(datasetId: number, query: ExampleQuery, max = MAX_EXPORT): Promise<{ layout: ColumnLayout; slices: AsyncGenerator<Example[]> } | null> {
  const layout = await store().datasets.columnLayout(datasetId);
  if (!layout) return null;
  checkColumns(query, layout);
  const rows = store().rows;
  async function* recordSlices(): AsyncGenerator<PredictionRecord[]> {
    if (rows.matchingSlices) return yield* rows.matchingSlices(datasetId, query, layout!, max);
    const records = await rows.matching(datasetId, query, layout!, max);
    for (let at = 0; at < records.length; at += EXPORT_SLICE) yield records.slice(at, at + EXPORT_SLICE);
  }
  async function* slices(): AsyncGenerator<Example[]> {
    let first = true;
    for await (const records of recordSlices()) {
      for (let at = 0; at < records.length; at += EXPORT_SLICE) {
        if (!first) await nextTurn();
        first = false;
        yield await toExamples(records.slice(at, at + EXPORT_SLICE), layout!, query.threshold);
      }
    }
  }
  // The first slice is read before answering: a failing query is an error answer, not a cut download.
  const all = slices();
  const first = await all.next();
  async function* primed(): AsyncGenerator<Example[]> {
    if (first.done) return;
    yield first.value;
    yield* all;
  }
  return { layout, slices: primed() };
}

/** Every example matching the query (up to `max`), in the query's order, for exports; null without the dataset. */
export async function exportExamples(datasetId: number, query: ExampleQuery, max = MAX_EXPORT): Promise<{ layout: ColumnLayout; items: Example[] } | null> {
  const exported = await exportExampleSlices(datasetId, query, max);
  if (!exported) return null;
  const items: Example[] = [];
  for await (const slice of exported.slices) for (const item of slice) items.push(item);
  return { layout: exported.layout, items };
}

/** The examples with these prediction ids (in the order asked, missing ones left out), with tags and notes; `threshold` sets their distance. */
export async function examplesByIds(datasetId: number, ids: number[], threshold: number): Promise<Example[] | null> {
  const layout = await store().datasets.columnLayout(datasetId);
  if (!layout) return null;
  return toExamples(await store().rows.byIds(datasetId, ids), layout, threshold);
}
