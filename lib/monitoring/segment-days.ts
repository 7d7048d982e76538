import type { RowCounts, ScoreSegment } from "../metrics/segment";
import { float64s } from "../metrics/typed-arrays";
import { DAY_MS, mergeTables } from "./periods";
import type { PeriodTable } from "./types";

/**
 * A dataset's rows as one period table per UTC day, built from its score-sorted segments: each
 * segment is walked once in score order, so every day's rows arrive already sorted and its table
 * is filled front to back (no sort). Days found in several segments are merged.
 */
export interface DayTables {
  /** One table per UTC day that has rows, oldest first (no empty days; groupPeriods fills gaps). */
  days: PeriodTable[];
  /** Rows without a timestamp: counted apart, in no day. */
  undated: RowCounts;
}

type SegmentRows = Pick<ScoreSegment, "scores" | "labels" | "times">;

const noRows = (): RowCounts => ({ rows: 0, positives: 0, negatives: 0, unlabeled: 0 });

/**
 * Tables of the rows of one score-sorted segment by bucket: `bucket[i]` is row i's bucket in
 * [0, buckets), or −1 to leave it out. Two walks: the first counts each bucket's distinct scores
 * (equal scores are neighbours in the segment, so they are neighbours within a bucket too), the
 * second fills one array per column laid out bucket after bucket (each bucket's tables are views
 * of it), writing with index arithmetic only. Labels: 1 positive, 0 negative, anything else not
 * labelled yet.
 */
export function bucketTables(segment: Pick<ScoreSegment, "scores" | "labels">, bucket: Int32Array, buckets: number, starts: (b: number) => number): PeriodTable[] {
  const { scores, labels } = segment;
  const n = scores.length;
  const distinct = new Int32Array(buckets);
  const last = new Float64Array(buckets).fill(NaN);
  for (let i = 0; i < n; i++) {
    const b = bucket[i];
    if (b < 0) continue;
    if (scores[i] !== last[b]) {
      distinct[b]++;
      last[b] = scores[i];
    }
  }
  // at[b]: where bucket b writes its next distinct score (its entries are first[b] … first[b + 1] − 1).
  const first = new Int32Array(buckets + 1);
  for (let b = 0; b < buckets; b++) first[b + 1] = first[b] + distinct[b];
  const size = first[buckets];
  const [S, P, N, U] = [float64s(size), float64s(size), float64s(size), float64s(size)];
  const at = Int32Array.from(first.subarray(0, buckets), (x) => x - 1);
  last.fill(NaN);
  for (let i = 0; i < n; i++) {
    const b = bucket[i];
    if (b < 0) continue;
    const s = scores[i];
    let k = at[b];
    if (s !== last[b]) {
      last[b] = s;
      at[b] = ++k;
      S[k] = s;
    }
    const label = labels[i];
    if (label === 1) P[k]++;
    else if (label === 0) N[k]++;
    else U[k]++;
  }
  const tables: PeriodTable[] = [];
  for (let b = 0; b < buckets; b++) {
    if (distinct[b] === 0) continue;
    const [from, to] = [first[b], first[b + 1]];
    tables.push({ start: starts(b), scores: S.subarray(from, to), positives: P.subarray(from, to), negatives: N.subarray(from, to), unlabeled: U.subarray(from, to) });
  }
  return tables;
}

/** The day tables of one segment and its rows without a timestamp. */
export function segmentDays(segment: SegmentRows): DayTables {
  const { labels, times } = segment;
  const n = labels.length;
  const undated = noRows();
  const count = (i: number) => {
    undated.rows++;
    if (labels[i] === 1) undated.positives++;
    else if (labels[i] === 0) undated.negatives++;
    else undated.unlabeled++;
  };
  if (!times) {
    for (let i = 0; i < n; i++) count(i);
    return { days: [], undated };
  }
  // The UTC day of each row (NO_DAY without a time: day numbers before 1970 are negative), then counted from the first day.
  const NO_DAY = -(2 ** 31);
  const bucket = new Int32Array(n);
  let first = Infinity;
  let lastDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (!Number.isFinite(t)) {
      bucket[i] = NO_DAY;
      count(i);
      continue;
    }
    const d = Math.floor(t / DAY_MS);
    bucket[i] = d;
    if (d < first) first = d;
    if (d > lastDay) lastDay = d;
  }
  for (let i = 0; i < n; i++) bucket[i] = bucket[i] === NO_DAY ? -1 : bucket[i] - first;
  if (first === Infinity) return { days: [], undated };
  return { days: bucketTables(segment, bucket, lastDay - first + 1, (b) => (first + b) * DAY_MS), undated };
}

/** The day tables of several segments grouped by day, oldest first, and their rows without a time summed. */
export function dayGroups(parts: readonly DayTables[]): { groups: { start: number; tables: PeriodTable[] }[]; undated: RowCounts } {
  const undated = noRows();
  const byStart = new Map<number, PeriodTable[]>();
  for (const part of parts) {
    undated.rows += part.undated.rows;
    undated.positives += part.undated.positives;
    undated.negatives += part.undated.negatives;
    undated.unlabeled += part.undated.unlabeled;
    for (const day of part.days) {
      const list = byStart.get(day.start);
      if (list) list.push(day);
      else byStart.set(day.start, [day]);
    }
  }
  const groups = [...byStart.entries()].sort((a, b) => a[0] - b[0]).map(([start, tables]) => ({ start, tables }));
  return { groups, undated };
}

/** Day tables of several segments' rows merged: a day's table holds its rows from every segment (a day in one segment keeps its table). */
export function mergeDays(parts: readonly DayTables[]): DayTables {
  const { groups, undated } = dayGroups(parts);
  return { days: groups.map((g) => (g.tables.length === 1 ? g.tables[0] : mergeTables(g.tables, g.start))), undated };
}

/** The day tables of a dataset's segments (every row in its UTC day; rows without a time apart). */
export const datasetDays = (segments: readonly SegmentRows[]): DayTables => mergeDays(segments.map(segmentDays));

/** One table of all the rows of some segments, dated or not (a reference dataset), starting at `start`. */
export function allRowsTable(segments: readonly Pick<ScoreSegment, "scores" | "labels">[], start = 0): PeriodTable {
  const tables = segments.flatMap((s) => bucketTables(s, new Int32Array(s.scores.length), 1, () => start));
  return tables.length === 1 ? tables[0] : mergeTables(tables, start);
}

/** The rows of a period table by kind (all rows, labelled positives and negatives, not labelled). */
export function tableCounts(t: PeriodTable): RowCounts {
  let positives = 0;
  let negatives = 0;
  let unlabeled = 0;
  for (let i = 0; i < t.scores.length; i++) {
    positives += t.positives[i];
    negatives += t.negatives[i];
    unlabeled += t.unlabeled[i];
  }
  return { rows: positives + negatives + unlabeled, positives, negatives, unlabeled };
}
