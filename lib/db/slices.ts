import { buildScoreTable, confusionAt, cumulate, type CumulativeTable } from "../metrics";
import { dailyShare, errorsAt } from "./daily-errors";
import { getDataset } from "./datasets";
import { getColumnLayout } from "./examples";
import { getScoreTable } from "./score-tables";
import { sharedSqlite } from "./sqlite";

/** Most values kept per slice column (the ones with the most rows). */
export const MAX_SLICE_VALUES = 200;

/** The errors of one value of a slice column at a threshold. */
export interface SliceErrors {
  column: string;
  value: string;
  /** Rows with this value, labelled or not. */
  rows: number;
  positives: number;
  negatives: number;
  fp: number;
  fn: number;
  /** (fp + fn) / labelled rows; null when nothing is labelled. */
  errorRate: number | null;
  /** fp / negatives (share of negatives flagged); null without negatives. */
  fpr: number | null;
  /** fn / positives (share of positives missed); null without positives. */
  fnr: number | null;
  /** Estimated per day: this value's share of the dataset's errors × the daily errors. */
  fpPerDay: number | null;
  fnPerDay: number | null;
}

export interface SliceReport {
  threshold: number;
  /** Slice column → values left out because the column has more than MAX_SLICE_VALUES. */
  omitted: Record<string, number>;
  /** Every value of every slice column, worst (highest error rate, then most errors) first. */
  slices: SliceErrors[];
}

interface SliceTable {
  column: string;
  value: string;
  rows: number;
  table: CumulativeTable;
}

interface SliceTables {
  tables: SliceTable[];
  omitted: Record<string, number>;
}

const cache = new Map<string, SliceTables>();
const CACHE_LIMIT = 8;

/** One scan of the dataset builds a score table per slice value; any threshold is then a binary search. */
function buildSliceTables(datasetId: number, columns: string[]): SliceTables {
  const groups = columns.map(() => new Map<string, { scores: number[]; labels: number[]; rows: number }>());
  const rows = sharedSqlite().prepare(`SELECT "score", "label", "slices" FROM "Prediction" WHERE "datasetId" = ?`).raw(true).iterate(datasetId) as IterableIterator<[number, number | null, string | null]>;
  for (const [score, label, slices] of rows) {
    let values: unknown[] = [];
    try {
      const parsed: unknown = slices ? JSON.parse(slices) : [];
      if (Array.isArray(parsed)) values = parsed;
    } catch {
      // unreadable slices: counted under the empty value
    }
    for (let c = 0; c < columns.length; c++) {
      const raw = values[c];
      const value = raw === null || raw === undefined ? "" : String(raw);
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
  return { tables, omitted };
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/**
 * Error rates and daily counts per value of each slice column at a threshold, worst first.
 * The per-value score tables are built on first use and cached. Null when there is no dataset.
 */
export async function sliceErrors(datasetId: number, threshold: number): Promise<SliceReport | null> {
  const [dataset, whole] = await Promise.all([getDataset(datasetId), getScoreTable(datasetId)]);
  const layout = getColumnLayout(datasetId);
  if (!dataset || !whole || !layout) return null;
  const key = `${datasetId}:${dataset.rows}`;
  let built = cache.get(key);
  if (!built) {
    built = buildSliceTables(datasetId, layout.slices);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, built);
  }
  const { matrix, daily } = errorsAt(dataset, whole, threshold);
  const slices = built.tables.map(({ column, value, rows, table }): SliceErrors => {
    const m = confusionAt(table, threshold);
    const positives = table.totalPositives;
    const negatives = table.totalNegatives;
    return {
      column, value, rows, positives, negatives, fp: m.fp, fn: m.fn,
      errorRate: ratio(m.fp + m.fn, positives + negatives),
      fpr: ratio(m.fp, negatives),
      fnr: ratio(m.fn, positives),
      fpPerDay: dailyShare(m.fp, matrix.fp, daily.falsePositives),
      fnPerDay: dailyShare(m.fn, matrix.fn, daily.falseNegatives),
    };
  });
  slices.sort((a, b) => (b.errorRate ?? -1) - (a.errorRate ?? -1) || b.fp + b.fn - (a.fp + a.fn) || a.column.localeCompare(b.column) || a.value.localeCompare(b.value));
  return { threshold, omitted: built.omitted, slices };
}
