import { firstAtOrAbove } from "./score-table";

/**
 * Every example of a dataset in score order, ties broken by id: the outcome pages of the gallery
 * (false positives at or above a threshold, most confident first, …) are positions in it.
 */
export interface ScoreOrder {
  /** Example ids (Prediction ids), ascending by (score, id). */
  ids: Float64Array;
  /** scores[i] is the score of ids[i]; ascending. */
  scores: Float64Array;
  /** labels[i] is the label of ids[i]: 1 positive, 0 negative, anything else not labelled. */
  labels: Uint8Array;
}

/** The four outcomes at a threshold; an example is flagged when `score >= threshold`. */
export type Outcome = "fp" | "fn" | "tp" | "tn";

/**
 * The position of a score among the distinct scores. A binary search over a million scores misses
 * the CPU cache at most of its 20 steps; equal-width buckets first narrow it to a few entries.
 */
function ranker(distinct: Float64Array): (score: number) => number {
  const n = distinct.length;
  const buckets = Math.max(1, Math.min(1 << 16, n));
  const min = n ? distinct[0] : 0;
  const width = n ? (distinct[n - 1] - min) / buckets : 0;
  const bucketOf = (x: number) => (width > 0 ? Math.min(buckets - 1, Math.floor((x - min) / width)) : 0);
  // firstIn[b]: the first distinct score in bucket b or later (bucketOf grows with the score).
  const firstIn = new Uint32Array(buckets + 1);
  for (let b = 0, i = 0; b <= buckets; b++) {
    while (i < n && bucketOf(distinct[i]) < b) i++;
    firstIn[b] = i;
  }
  return (score) => {
    const b = bucketOf(score);
    let lo = firstIn[b];
    let hi = firstIn[b + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < score) lo = mid + 1;
      else hi = mid;
    }
    if (distinct[lo] === score) return lo;
    const r = firstAtOrAbove(distinct, score); // not among the distinct scores: say so below
    if (distinct[r] !== score) throw new Error(`score ${score} is missing from the distinct scores`);
    return r;
  };
}

/** The distinct values of `scores`, ascending. */
function distinctSorted(scores: Float64Array): Float64Array {
  const sorted = Float64Array.from(scores).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  return sorted.subarray(0, distinct);
}

/**
 * Sorts parallel arrays of examples by (score, id). `ids` must be ascending (the order rows were
 * stored in), so a stable sort by score alone is the (score, id) order; null stands for the
 * positions 0, 1, 2, …. A counting sort on each
 * example's rank among the distinct scores: pass `distinct` (every score, once, ascending, e.g.
 * the score table's when every example is labelled) to skip sorting the scores.
 */
export function buildScoreOrder(scores: Float64Array, labels: Uint8Array, ids: Float64Array | null, distinct: Float64Array = distinctSorted(scores)): ScoreOrder {
  const n = scores.length;
  if (labels.length !== n || (ids && ids.length !== n)) throw new Error("scores, labels and ids differ in length");
  if (ids) for (let i = 1; i < n; i++) if (!(ids[i] > ids[i - 1])) throw new Error("ids must be strictly ascending");
  const rank = new Uint32Array(n);
  const starts = new Uint32Array(distinct.length + 1);
  const rankOf = ranker(distinct);
  for (let i = 0; i < n; i++) {
    const r = rankOf(scores[i]);
    rank[i] = r;
    starts[r + 1]++;
  }
  for (let r = 0; r < distinct.length; r++) starts[r + 1] += starts[r];
  const order: ScoreOrder = { ids: new Float64Array(n), scores: new Float64Array(n), labels: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const at = starts[rank[i]]++;
    order.ids[at] = ids ? ids[i] : i;
    order.scores[at] = scores[i];
    order.labels[at] = labels[i];
  }
  return order;
}

/**
 * The ids of one page of an outcome at a threshold, walking the order by score: "DESC" from the
 * highest score down (ties: higher id first), "ASC" from the lowest up (ties: lower id first).
 * False positives and true negatives are negatives, true positives and false negatives positives;
 * flagged outcomes (tp, fp) are the examples at or above the threshold.
 */
export function pageOfOutcome(order: ScoreOrder, outcome: Outcome, threshold: number, direction: "ASC" | "DESC", offset: number, limit: number): number[] {
  const split = firstAtOrAbove(order.scores, threshold);
  const flagged = outcome === "tp" || outcome === "fp";
  const label = outcome === "tp" || outcome === "fn" ? 1 : 0;
  const [from, to] = flagged ? [split, order.ids.length] : [0, split];
  const page: number[] = [];
  let skip = offset;
  const step = direction === "ASC" ? 1 : -1;
  for (let i = direction === "ASC" ? from : to - 1; i >= from && i < to && page.length < limit; i += step) {
    if (order.labels[i] !== label) continue;
    if (skip > 0) skip--;
    else page.push(order.ids[i]);
  }
  return page;
}
