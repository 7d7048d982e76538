import { confusionAt, pageOfOutcome } from "../metrics";
import { loadAnnotations, isoInstant, type AppliedTag, type ExampleNote } from "./annotations";
import { compileExampleQuery, type ColumnLayout, type CompiledQuery, type ExampleKind, type ExampleQuery } from "./example-filter";
import { datasetRows, getScoreOrder } from "./score-orders";
import { getScoreTable } from "./score-tables";
import { sharedSqlite } from "./sqlite";

export { EXAMPLE_KINDS, BUILTIN_SORTS, UnknownColumnError, defaultOrder, type ExampleKind, type ExampleQuery, type SortOrder } from "./example-filter";

/** One example of the gallery: a prediction with everything a reviewer needs to judge it. */
export interface Example {
  /** The prediction's id (use it to tag or annotate the example). */
  id: number;
  /** Spreadsheet row number in the uploaded file (the header is row 1). */
  row: number;
  /** 1 positive, 0 negative. */
  label: number;
  score: number;
  /** How far the score is from the threshold, |score − threshold|: large = a confident call. */
  distance: number;
  exampleId: string | null;
  /** ISO 8601 UTC, or null. */
  timestamp: string | null;
  text: string | null;
  /** An image URL or the name of an image stored with the dataset. */
  image: string | null;
  /** Slice column → value. */
  slices: Record<string, string | null>;
  /** Other column → value. */
  extras: Record<string, string | null>;
  tags: AppliedTag[];
  notes: ExampleNote[];
}

export interface ExamplePage {
  /** Every example matching the query (not just this page). */
  total: number;
  threshold: number;
  kind: ExampleKind;
  items: Example[];
}

export interface PageOptions {
  limit?: number;
  offset?: number;
}

/** Most examples one page may hold. */
export const MAX_PAGE = 500;

/** A dataset's slice and extra column names, or null when there is no such dataset. */
export function getColumnLayout(datasetId: number): ColumnLayout | null {
  const found = sharedSqlite().prepare(`SELECT "mapping" FROM "Dataset" WHERE "id" = ?`).get(datasetId) as { mapping: string } | undefined;
  if (!found) return null;
  let mapping: { slices?: unknown; extras?: unknown } = {};
  try {
    mapping = JSON.parse(found.mapping) ?? {};
  } catch {
    // A dataset without a readable mapping simply has no slice or extra columns.
  }
  const names = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return { slices: names(mapping.slices), extras: names(mapping.extras) };
}

interface PredictionRecord {
  id: number;
  row: number;
  label: number;
  score: number;
  exampleId: string | null;
  timestamp: number | string | null;
  text: string | null;
  image: string | null;
  slices: string | null;
  extras: string | null;
}

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

function toExamples(records: PredictionRecord[], layout: ColumnLayout, threshold: number): Example[] {
  const { tags, notes } = loadAnnotations(records.map((r) => r.id));
  return records.map((r) => ({
    id: r.id,
    row: r.row,
    label: r.label,
    score: r.score,
    distance: Math.round(Math.abs(r.score - threshold) * 1e12) / 1e12,
    exampleId: r.exampleId,
    timestamp: isoInstant(r.timestamp),
    text: r.text,
    image: r.image,
    slices: zip(layout.slices, r.slices),
    extras: zip(layout.extras, r.extras),
    tags: tags.get(r.id) ?? [],
    notes: notes.get(r.id) ?? [],
  }));
}

const SELECT = `SELECT "id", "row", "label", "score", "exampleId", "timestamp", "text", "image", "slices", "extras" FROM "Prediction"`;

function readByIds(ids: number[]): PredictionRecord[] {
  if (ids.length === 0) return [];
  const rows = sharedSqlite().prepare(`${SELECT} WHERE "id" IN (${ids.map(() => "?").join(",")})`).all(...ids) as PredictionRecord[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is PredictionRecord => r !== undefined);
}

/**
 * Reads one page and the total. Unfiltered and in score order (the gallery's default), the page is
 * a stretch of the dataset's score order and the total a binary search in its score table: no scan.
 * Otherwise one scan of the dataset's rows filters and sorts in SQL, counting the total on the way.
 */
async function readPage(datasetId: number, query: ExampleQuery, compiled: CompiledQuery, limit: number, offset: number): Promise<{ records: PredictionRecord[]; total: number }> {
  if (compiled.unfiltered && compiled.scoreDirection) {
    const table = await getScoreTable(datasetId);
    const order = table && getScoreOrder(datasetId, table);
    if (order && table) {
      const total = confusionAt(table, query.threshold)[query.kind];
      return { records: readByIds(pageOfOutcome(order, query.kind, query.threshold, compiled.scoreDirection, offset, limit)), total };
    }
  }
  const rows = datasetRows(datasetId);
  if (!rows) return { records: [], total: 0 };
  const db = sharedSqlite();
  const from = `FROM "Prediction" NOT INDEXED WHERE ${rows.where} AND ${compiled.where}`;
  const page = db
    .prepare(`SELECT "id", COUNT(*) OVER () AS total ${from} ORDER BY ${compiled.orderBy} LIMIT ? OFFSET ?`)
    .all(...rows.params, ...compiled.params, Math.max(limit, 1), offset) as { id: number; total: number }[];
  const total = page.length ? page[0].total : offset === 0 ? 0 : (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...rows.params, ...compiled.params) as { n: number }).n;
  return { records: readByIds(page.slice(0, limit).map((r) => r.id)), total };
}

/**
 * One page of the examples of a kind at a threshold (false positives: negatives scoring at or
 * above it; false negatives: positives below it; …), filtered and sorted, with their tags and
 * notes. Default order: most confident mistakes first. `null` when the dataset does not exist;
 * throws UnknownColumnError for a sort or slice column the dataset lacks.
 */
export async function listExamples(datasetId: number, query: ExampleQuery, page: PageOptions = {}): Promise<ExamplePage | null> {
  const layout = getColumnLayout(datasetId);
  if (!layout) return null;
  const compiled = compileExampleQuery(datasetId, query, layout);
  const limit = Math.min(Math.max(page.limit ?? 50, 0), MAX_PAGE);
  const offset = Math.max(page.offset ?? 0, 0);
  const { records, total } = await readPage(datasetId, query, compiled, limit, offset);
  return { total, threshold: query.threshold, kind: query.kind, items: toExamples(records, layout, query.threshold) };
}

/** Every example matching the query (up to `max`), in the query's order, for exports. */
export function exportExamples(datasetId: number, query: ExampleQuery, max = 100_000): { layout: ColumnLayout; items: Example[] } | null {
  const layout = getColumnLayout(datasetId);
  if (!layout) return null;
  const compiled = compileExampleQuery(datasetId, query, layout);
  const rows = datasetRows(datasetId);
  if (!rows) return null;
  const records = sharedSqlite()
    .prepare(`${SELECT} NOT INDEXED WHERE ${rows.where} AND ${compiled.where} ORDER BY ${compiled.orderBy} LIMIT ?`)
    .all(...rows.params, ...compiled.params, max) as PredictionRecord[];
  return { layout, items: toExamples(records, layout, query.threshold) };
}
