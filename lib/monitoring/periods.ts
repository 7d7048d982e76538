import type { ScoreTable } from "../metrics/score-table";
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

/** Arrays of the first `size` entries: views when little would be wasted, else compact copies. */
function trimmed(arrays: Float64Array[], size: number): Float64Array[] {
  const capacity = arrays[0].length;
  if (size === capacity) return arrays;
  return arrays.map((x) => (size * 2 >= capacity ? x.subarray(0, size) : x.slice(0, size)));
}

/**
 * Merges two tables' rows (scores sorted, counts added) in one pass; the result starts at
 * `start`. The arrays are read into locals first: tables of several shapes would otherwise make
 * every access in the loop a slow polymorphic lookup.
 */
function mergeTwo(a: PeriodTable, b: PeriodTable, start: number): PeriodTable {
  const [sa, pa, na, ua] = [a.scores, a.positives, a.negatives, a.unlabeled];
  const [sb, pb, nb, ub] = [b.scores, b.positives, b.negatives, b.unlabeled];
  const [la, lb] = [sa.length, sb.length];
  const capacity = la + lb;
  const [scores, positives, negatives, unlabeled] = [new Float64Array(capacity), new Float64Array(capacity), new Float64Array(capacity), new Float64Array(capacity)];
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < la && j < lb) {
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
  scores.set(sa.subarray(i), k);
  positives.set(pa.subarray(i), k);
  negatives.set(na.subarray(i), k);
  unlabeled.set(ua.subarray(i), k);
  k += la - i;
  scores.set(sb.subarray(j), k);
  positives.set(pb.subarray(j), k);
  negatives.set(nb.subarray(j), k);
  unlabeled.set(ub.subarray(j), k);
  k += lb - j;
  const [s, p, n, u] = trimmed([scores, positives, negatives, unlabeled], k);
  return { start, scores: s, positives: p, negatives: n, unlabeled: u };
}

/**
 * The rows of several tables as one table (e.g. a reference window = the merge of its days), in
 * O(total distinct scores × log(tables)) by merging pairs. Starts at `start` (default: the
 * earliest table's start). `days` is not carried over.
 */
export function mergeTables(tables: readonly PeriodTable[], start = Math.min(...tables.map((t) => t.start))): PeriodTable {
  if (tables.length === 0) return emptyTable(Number.isFinite(start) ? start : 0);
  let layer = [...tables];
  while (layer.length > 1) {
    const next: PeriodTable[] = [];
    for (let i = 0; i < layer.length; i += 2) next.push(i + 1 < layer.length ? mergeTwo(layer[i], layer[i + 1], start) : layer[i]);
    layer = next;
  }
  const { days: _days, ...merged } = layer[0];
  return { ...merged, start };
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
