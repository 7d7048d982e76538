import type { Outcome } from "./score-order";
import { idAt, splitAt, type ScoreSegment } from "./segment";

/** Keeps a row of a segment (by its index there) in a walk; undefined keeps every row. */
export type RowFilter = (segment: number, row: number) => boolean;

/**
 * The Prediction ids of one page of an outcome at a threshold across several segments, as if
 * they were one score order: "DESC" from the highest score down (ties: higher id first), "ASC"
 * from the lowest up (ties: lower id first). False positives and true negatives are negatives,
 * true positives and false negatives positives; flagged outcomes (tp, fp) score >= threshold.
 * Also counts every matching row when `countAll` (for filtered totals).
 */
export function pageAcross(
  segments: ScoreSegment[],
  outcome: Outcome,
  threshold: number,
  direction: "ASC" | "DESC",
  offset: number,
  limit: number,
  keep?: RowFilter,
): number[] {
  const flagged = outcome === "tp" || outcome === "fp";
  const label = outcome === "tp" || outcome === "fn" ? 1 : 0;
  const up = direction === "ASC";
  // Each segment's cursor over its rows of the outcome's side of the threshold, in walk order.
  const at = new Float64Array(segments.length);
  const end = new Float64Array(segments.length);
  segments.forEach((s, k) => {
    const split = splitAt(s, threshold);
    const [from, to] = flagged ? [split, s.scores.length] : [0, split];
    at[k] = up ? from : to - 1;
    end[k] = up ? to : from - 1;
  });
  const advance = (k: number) => {
    const s = segments[k];
    while (at[k] !== end[k] && (s.labels[at[k]] !== label || (keep && !keep(k, at[k])))) at[k] += up ? 1 : -1;
  };
  segments.forEach((_, k) => advance(k));
  const page: number[] = [];
  for (let skip = offset; page.length < limit; ) {
    // The next row overall: the lowest (ASC) or highest (DESC) (score, id) among the cursors.
    let best = -1;
    for (let k = 0; k < segments.length; k++) {
      if (at[k] === end[k]) continue;
      if (best < 0) {
        best = k;
        continue;
      }
      const a = segments[k].scores[at[k]];
      const b = segments[best].scores[at[best]];
      const before = a !== b ? a < b === up : idAt(segments[k], at[k]) < idAt(segments[best], at[best]) === up;
      if (before) best = k;
    }
    if (best < 0) break;
    if (skip > 0) skip--;
    else page.push(idAt(segments[best], at[best]));
    at[best] += up ? 1 : -1;
    advance(best);
  }
  return page;
}

/** How many rows of an outcome at a threshold pass `keep`, across segments. */
export function countAcross(segments: ScoreSegment[], outcome: Outcome, threshold: number, keep: RowFilter): number {
  const flagged = outcome === "tp" || outcome === "fp";
  const label = outcome === "tp" || outcome === "fn" ? 1 : 0;
  let count = 0;
  segments.forEach((s, k) => {
    const split = splitAt(s, threshold);
    const [from, to] = flagged ? [split, s.scores.length] : [0, split];
    for (let i = from; i < to; i++) if (s.labels[i] === label && keep(k, i)) count++;
  });
  return count;
}

/** Rows of segments with a time at or after `since` (epoch ms), and how many of them are not labelled yet. */
export function rowsSince(segments: ScoreSegment[], since: number): { rows: number; unlabeled: number } {
  let rows = 0;
  let unlabeled = 0;
  for (const s of segments) {
    const times = s.times;
    if (!times) continue;
    for (let i = 0; i < times.length; i++) {
      if (!(times[i] >= since)) continue;
      rows++;
      if (s.labels[i] !== 0 && s.labels[i] !== 1) unlabeled++;
    }
  }
  return { rows, unlabeled };
}
