import { splitAt, type ScoreSegment } from "./segment";

/** Most values of one slice column kept in slice reports (the ones with the most rows). */
export const MAX_VALUES_PER_SLICE = 200;

/** The counts of one value of a slice column at a threshold (flagged: score >= threshold). */
export interface SliceCounts {
  column: string;
  value: string;
  /** Rows with this value, labelled or not. */
  rows: number;
  positives: number;
  negatives: number;
  /** Positives and negatives flagged. */
  tp: number;
  fp: number;
}

export interface SliceCountsReport {
  slices: SliceCounts[];
  /** Slice column → values left out because the column has more than MAX_VALUES_PER_SLICE. */
  omitted: Record<string, number>;
}

/** Per code of one slice column of a segment: rows, positives and negatives (threshold-free). */
export function codeTotals(segment: ScoreSegment, column: number, values: number): { rows: Float64Array; positives: Float64Array; negatives: Float64Array } {
  const rows = new Float64Array(values);
  const positives = new Float64Array(values);
  const negatives = new Float64Array(values);
  const codes = segment.slices[column];
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    rows[c]++;
    if (segment.labels[i] === 1) positives[c]++;
    else if (segment.labels[i] === 0) negatives[c]++;
  }
  return { rows, positives, negatives };
}

/**
 * Each slice value's counts at a threshold across a dataset's segments: one walk over the shorter
 * side of each segment's split (rows above the threshold, or below it subtracted from the
 * totals), so no per-value table is kept. `totals(s, c)` gives codeTotals of segment s, column c
 * (the caller caches them). Values with the most rows first, at most MAX_VALUES_PER_SLICE each.
 */
export function sliceCountsAt(
  segments: ScoreSegment[],
  columns: string[],
  values: string[][],
  threshold: number,
  totals: (segment: number, column: number) => ReturnType<typeof codeTotals>,
): SliceCountsReport {
  const slices: SliceCounts[] = [];
  const omitted: Record<string, number> = {};
  columns.forEach((column, c) => {
    const size = values[c]?.length ?? 0;
    const sum = { rows: new Float64Array(size + 1), positives: new Float64Array(size + 1), negatives: new Float64Array(size + 1), tp: new Float64Array(size + 1), fp: new Float64Array(size + 1) };
    segments.forEach((s, k) => {
      const t = totals(k, c);
      for (let v = 0; v < Math.min(size + 1, t.rows.length); v++) {
        sum.rows[v] += t.rows[v];
        sum.positives[v] += t.positives[v];
        sum.negatives[v] += t.negatives[v];
      }
      const split = splitAt(s, threshold);
      const codes = s.slices[c];
      const above = s.scores.length - split <= split;
      const [from, to, sign] = above ? [split, s.scores.length, 1] : [0, split, -1];
      if (!above) for (let v = 0; v < Math.min(size + 1, t.rows.length); v++) {
        sum.tp[v] += t.positives[v];
        sum.fp[v] += t.negatives[v];
      }
      for (let i = from; i < to; i++) {
        const label = s.labels[i];
        if (label === 1) sum.tp[codes[i]] += sign;
        else if (label === 0) sum.fp[codes[i]] += sign;
      }
    });
    const present = [...Array(size).keys()].filter((v) => sum.rows[v] > 0).sort((a, b) => sum.rows[b] - sum.rows[a]);
    if (present.length > MAX_VALUES_PER_SLICE) omitted[column] = present.length - MAX_VALUES_PER_SLICE;
    for (const v of present.slice(0, MAX_VALUES_PER_SLICE)) {
      slices.push({ column, value: values[c][v], rows: sum.rows[v], positives: sum.positives[v], negatives: sum.negatives[v], tp: sum.tp[v], fp: sum.fp[v] });
    }
  });
  return { slices, omitted };
}
