import { buildScoreTable, cumulate, type CumulativeTable } from "./score-table";

/** Most values of one slice column kept in slice reports (the ones with the most rows). */
export const MAX_VALUES_PER_SLICE = 200;

/** The score table of one value of a slice column, with its row count (labelled or not). */
export interface SliceTable {
  column: string;
  value: string;
  rows: number;
  table: CumulativeTable;
}

export interface SliceTables {
  tables: SliceTable[];
  /** Slice column → values left out because the column has more than MAX_VALUES_PER_SLICE. */
  omitted: Record<string, number>;
}

/** A slice value as stored in the slice tables and compared in queries: text, "" for none. */
export const sliceValueText = (raw: unknown) => (raw === null || raw === undefined ? "" : String(raw));

/**
 * Builds a score table per value of each slice column from rows given one at a time (score,
 * label 1/0/other = not labelled, the row's slice values in `columns` order); any threshold is
 * then a binary search in each.
 */
export function buildSliceTables(columns: string[]): { add: (score: number, label: number, values: readonly unknown[]) => void; finish: () => SliceTables } {
  const groups = columns.map(() => new Map<string, { scores: number[]; labels: number[]; rows: number }>());
  return {
    add(score, label, values) {
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
    },
    finish() {
      const tables: SliceTable[] = [];
      const omitted: Record<string, number> = {};
      columns.forEach((column, c) => {
        const entries = [...groups[c].entries()].sort((a, b) => b[1].rows - a[1].rows);
        if (entries.length > MAX_VALUES_PER_SLICE) omitted[column] = entries.length - MAX_VALUES_PER_SLICE;
        for (const [value, group] of entries.slice(0, MAX_VALUES_PER_SLICE)) {
          tables.push({ column, value, rows: group.rows, table: cumulate(buildScoreTable(group.scores, group.labels)) });
        }
      });
      return { tables, omitted };
    },
  };
}
