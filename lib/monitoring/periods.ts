import { totalScores, type ScoreTable } from "../metrics/score-table";
import { copyOf, float64s } from "../metrics/typed-arrays";
import type { PeriodKind, PeriodTable } from "./types";

export const DAY_MS = 86_400_000;

/** Days in a full period of each kind. */
export const PERIOD_LENGTH_DAYS: Record<PeriodKind, number> = { day: 1, week: 7 };

/**
 * Start of the UTC day, or of the ISO week (Monday 00:00 UTC), holding the instant `epochMs`.
 * 1970-01-01 was a Thursday, so a day number d is (d + 3) mod 7 days after a Monday.
 */
export function periodStart(epochMs: number, kind: PeriodKind): number {
  const day = Math.floor(epochMs / DAY_MS);
  if (kind === "day") return day * DAY_MS;
  return (day - (((day + 3) % 7) + 7) % 7) * DAY_MS;
}

/** The table with no rows. */
export function emptyTable(start: number): PeriodTable {
  const none = new Float64Array(0);
  return { start, scores: none, positives: none, negatives: none, unlabeled: none };
}

/** Arrays of `size` entries held in buffers of `capacity`: views when little would be wasted, else compact copies. */
function trimmed(arrays: Float64Array[], size: number, capacity: number): Float64Array[] {
  return arrays.map((x) => (size * 2 >= capacity ? x : copyOf(x)));
}

/** Four columns (scores, positives, negatives, unlabeled) and where a run of rows starts in them. */
interface Run {
  columns: Float64Array[];
  /** First row, rows, and the room the run owns in a merge buffer (the rows of the tables it holds). */
  at: number;
  length: number;
  room: number;
}

/**
 * Merges runs a and b (scores sorted, counts of equal scores added) into `out` from row `to`, in
 * one pass; returns the rows written. The arrays are read into locals first: tables of several
 * shapes would otherwise make every access in the loop a slow polymorphic lookup.
 */
function mergeRuns(a: Run, b: Run, out: Float64Array[], to: number): number {
  const [sa, pa, na, ua] = a.columns;
  const [sb, pb, nb, ub] = b.columns;
  const [scores, positives, negatives, unlabeled] = out;
  let i = a.at;
  let j = b.at;
  const [endA, endB] = [a.at + a.length, b.at + b.length];
  let k = to;
  while (i < endA && j < endB) {
    const x = sa[i];
    const y = sb[j];
    if (x < y) {
      scores[k] = x;
      positives[k] = pa[i];
      negatives[k] = na[i];
      unlabeled[k++] = ua[i++];
    } else if (y < x) {
      scores[k] = y;
      positives[k] = pb[j];
      negatives[k] = nb[j];
      unlabeled[k++] = ub[j++];
    } else {
      scores[k] = x;
      positives[k] = pa[i] + pb[j];
      negatives[k] = na[i] + nb[j];
      unlabeled[k++] = ua[i++] + ub[j++];
    }
  }
  for (const [from, end, columns] of [[i, endA, a.columns], [j, endB, b.columns]] as const) {
    for (let c = 0; c < 4; c++) out[c].set(columns[c].subarray(from, end), k);
    k += end - from;
  }
  return k - to;
}

/**
 * The rows of several tables as one table (e.g. a reference window = the merge of its days), in
 * O(total distinct scores × log(tables)) by merging pairs. Starts at `start` (default: the
 * earliest table's start). `days` is not carried over.
 *
 * The rounds of pairwise merges write into two buffers in turn, each run into the room its tables
 * own: two allocations whatever the number of tables (one per merge made a 14-day reference over
 * 1.5M distinct scores ~3× slower in a server holding gigabytes, the collector paying for each).
 */
export function mergeTables(tables: readonly PeriodTable[], start = Math.min(...tables.map((t) => t.start))): PeriodTable {
  if (tables.length === 0) return emptyTable(Number.isFinite(start) ? start : 0);
  if (tables.length === 1) {
    const { days: _days, ...only } = tables[0];
    return { ...only, start };
  }
  const total = totalScores(tables);
  const buffers = [0, 1].map(() => [0, 1, 2, 3].map(() => float64s(total)));
  let room = 0;
  let layer: Run[] = tables.map((t) => {
    const run = { columns: [t.scores, t.positives, t.negatives, t.unlabeled], at: 0, length: t.scores.length, room };
    room += t.scores.length;
    return run;
  });
  for (let round = 0; layer.length > 1; round++) {
    const out = buffers[round % 2];
    const next: Run[] = [];
    for (let i = 0; i < layer.length; i += 2) {
      const [a, b] = [layer[i], layer[i + 1]];
      if (!b) {
        // Left where it is. When a later round writes into its buffer, it is the right-hand run:
        // the merge writes row k ≤ the next unread row of it, equal only once the left run is used up.
        next.push(a);
        continue;
      }
      const to = a.room;
      const length = mergeRuns(a, b, out, to);
      next.push({ columns: out, at: to, length, room: a.room });
    }
    layer = next;
  }
  const [merged] = layer;
  const [s, p, n, u] = trimmed(merged.columns.map((x) => x.subarray(merged.at, merged.at + merged.length)), merged.length, total);
  return { start, scores: s, positives: p, negatives: n, unlabeled: u };
}

/** Bounds of the data, epoch ms: periods before `from`'s day or after `now` cover fewer days. */
export interface DataSpan {
  /** First row's instant: days of a period before this one's UTC day are not counted. */
  from?: number;
  /** The present: a period still running covers only the time elapsed (fractional days). */
  now?: number;
}

/** Days of the period at `start` that the data covers: its full length clipped to the span. */
export function coveredDays(start: number, kind: PeriodKind, span: DataSpan = {}): number {
  const end = start + PERIOD_LENGTH_DAYS[kind] * DAY_MS;
  const from = span.from === undefined ? start : Math.max(start, periodStart(span.from, "day"));
  const to = span.now === undefined ? end : Math.min(end, span.now);
  return Math.max(0, (to - from) / DAY_MS);
}

/**
 * Tables of `kind` periods from tables of the same or shorter periods (days into ISO weeks): the
 * tables sharing a period start are merged, and the gaps between the first and the last period
 * get empty tables (a day with no rows is news, not a hole in a chart). Oldest first; each period
 * gets `days` when the span clips it (or when it is one table of that period that says so).
 */
export function groupPeriods(tables: readonly PeriodTable[], kind: PeriodKind, span: DataSpan = {}): PeriodTable[] {
  const byStart = new Map<number, PeriodTable[]>();
  for (const t of tables) {
    const start = periodStart(t.start, kind);
    const group = byStart.get(start);
    if (group) group.push(t);
    else byStart.set(start, [t]);
  }
  if (byStart.size === 0) return [];
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  const out: PeriodTable[] = [];
  const step = PERIOD_LENGTH_DAYS[kind] * DAY_MS;
  for (let start = starts[0]; start <= starts[starts.length - 1]; start += step) {
    const group = byStart.get(start);
    const table = group ? mergeTables(group, start) : emptyTable(start);
    // A table already of this period may say it covers less (e.g. today so far); the span may too.
    const declared = group?.length === 1 && group[0].start === start ? group[0].days : undefined;
    const days = Math.min(coveredDays(start, kind, span), declared ?? Infinity);
    out.push(days < PERIOD_LENGTH_DAYS[kind] ? { ...table, days } : { ...table, days: undefined });
  }
  return out;
}

/** The labelled rows of a period table as a lib/metrics ScoreTable (the arrays are shared). */
export function asScoreTable(t: PeriodTable): ScoreTable {
  let totalPositives = 0;
  let totalNegatives = 0;
  for (let i = 0; i < t.scores.length; i++) {
    totalPositives += t.positives[i];
    totalNegatives += t.negatives[i];
  }
  return { scores: t.scores, positives: t.positives, negatives: t.negatives, totalPositives, totalNegatives };
}

/** A ScoreTable (e.g. a stored evaluation set) as a period table, with its unlabelled counts if known. */
export function periodTableOf(table: ScoreTable, start = 0, unlabeled = new Float64Array(table.scores.length)): PeriodTable {
  return { start, scores: table.scores, positives: table.positives, negatives: table.negatives, unlabeled };
}
