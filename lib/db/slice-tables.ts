import { buildScoreTable, cumulate, type CumulativeTable } from "../metrics";
import { datasetRows } from "./score-orders";
import { sharedSqlite } from "./sqlite";

/** Most values kept per slice column (the ones with the most rows). */
export const MAX_SLICE_VALUES = 200;

/** The score table of one value of a slice column, with its row count (labelled or not). */
export interface SliceTable {
  column: string;
  value: string;
  rows: number;
  table: CumulativeTable;
}

export interface SliceTables {
  tables: SliceTable[];
  /** Slice column → values left out because the column has more than MAX_SLICE_VALUES. */
  omitted: Record<string, number>;
  byKey: Map<string, SliceTable>;
}

const key = (column: string, value: string) => `${column}\u0000${value}`;

/** A slice value as stored in the slice tables and compared in SQL: text, "" for none. */
export const sliceValueText = (raw: unknown) => (raw === null || raw === undefined ? "" : String(raw));

/** One scan of the dataset builds a score table per slice value; any threshold is then a binary search. */
function buildSliceTables(datasetId: number, columns: string[]): SliceTables {
  const groups = columns.map(() => new Map<string, { scores: number[]; labels: number[]; rows: number }>());
  const range = datasetRows(datasetId);
  const rows = range
    ? (sharedSqlite().prepare(`SELECT "score", "label", "slices" FROM "Prediction" NOT INDEXED WHERE ${range.where}`).raw(true).iterate(...range.params) as IterableIterator<[number, number | null, string | null]>)
    : [];
  for (const [score, label, slices] of rows) {
    let values: unknown[] = [];
    try {
      const parsed: unknown = slices ? JSON.parse(slices) : [];
      if (Array.isArray(parsed)) values = parsed;
    } catch {
      // unreadable slices: counted under the empty value
    }
    for (let c = 0; c < columns.length; c++) {
      const value = sliceValueText(values[c]);
      let group = groups[c].get(value);
      if (!group) groups[c].set(value, (group = { scores: [], labels: [], rows: 0 }));
      group.rows++;
      if (label === 0 || label === 1) {
        group.scores.push(score);
        group.labels.push(label);
      }
    }
  }
  const tables: SliceTable[] = [];
  const omitted: Record<string, number> = {};
  columns.forEach((column, c) => {
    const entries = [...groups[c].entries()].sort((a, b) => b[1].rows - a[1].rows);
    if (entries.length > MAX_SLICE_VALUES) omitted[column] = entries.length - MAX_SLICE_VALUES;
    for (const [value, group] of entries.slice(0, MAX_SLICE_VALUES)) {
      tables.push({ column, value, rows: group.rows, table: cumulate(buildScoreTable(group.scores, group.labels)) });
    }
  });
  return { tables, omitted, byKey: new Map(tables.map((t) => [key(t.column, t.value), t])) };
}

const cache = new Map<number, SliceTables>();
const CACHE_LIMIT = 8;

/** The slice tables of a dataset, built on first use (one scan) and cached: rows never change after import. */
export function sliceTablesOf(datasetId: number, columns: string[]): SliceTables {
  let built = cache.get(datasetId);
  if (!built) {
    built = buildSliceTables(datasetId, columns);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as number);
    cache.set(datasetId, built);
  }
  return built;
}

/** Forgets a dataset's slice tables (after it is deleted or gains rows). */
export function forgetSliceTables(datasetId: number): void {
  cache.delete(datasetId);
}
