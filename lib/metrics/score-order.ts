import { firstAtOrAbove, type ScoreTable } from "./score-table";

/**
 * Every example of a dataset in score order, ties broken by id: the outcome pages of the gallery
 * (false positives at or above a threshold, most confident first, …) are positions in it.
 */
export interface ScoreOrder {
  /** Example ids (Prediction ids, or 0-based positions), ascending by (score, id). */
  ids: Float64Array | Uint32Array;
  /** scores[i] is the score of ids[i]; ascending. */
  scores: Float64Array;
  /** labels[i] is the label of ids[i]: 1 positive, 0 negative, anything else not labelled. */
  labels: Uint8Array;
}

/** The four outcomes at a threshold; an example is flagged when `score >= threshold`. */
export type Outcome = "fp" | "fn" | "tp" | "tn";

/** Arrays shorter than this are sorted by comparison. */
export const RADIX_FROM = 4096;

/** Whether this machine stores numbers little-endian (every platform Node runs on today). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Positions 0 … n−1 in (score, position) order, with their scores and labels in that order. */
export interface Sorted {
  positions: Uint32Array;
  scores: Float64Array;
  labels: Uint8Array;
}

/**
 * A stable sort by score, with −0 tied to 0. An LSD radix sort on the scores' bits (16 bits per
 * pass, a pass skipped when every score has the same 16 bits there): for scores in [0, 1] the
 * IEEE 754 bits of a double sort as the number does. Each pass moves the positions with their
 * scores and labels, so the sorted scores and labels come out without a random read.
 * Short arrays, negative scores and NaN take a comparison sort (the radix sort's four 64K-entry
 * count tables cost more than sorting a few thousand numbers).
 */
export function sortByScore(scores: Float64Array, labels: Uint8Array): Sorted {
  const n = scores.length;
  let inRange = LITTLE_ENDIAN && n >= RADIX_FROM;
  for (let i = 0; i < n && inRange; i++) inRange = scores[i] >= 0;
  if (!inRange) {
    const positions = new Uint32Array(n);
    for (let i = 0; i < n; i++) positions[i] = i;
    positions.sort((a, b) => (scores[a] < scores[b] ? -1 : scores[a] > scores[b] ? 1 : a - b));
    return { positions, scores: Float64Array.from(positions, (i) => scores[i]), labels: Uint8Array.from(positions, (i) => labels[i]) };
  }
  let positions = new Uint32Array(n);
  // The scores, sorted along with the positions; their bits as 32-bit words (low word first).
  let keys = new Float64Array(n);
  let words = new Uint32Array(keys.buffer);
  let label = Uint8Array.from(labels);
  const counts = new Uint32Array(4 << 16);
  for (let i = 0; i < n; i++) {
    positions[i] = i;
    keys[i] = scores[i] + 0; // −0 is 0
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    counts[lo & 0xffff]++;
    counts[65536 + (lo >>> 16)]++;
    counts[131072 + (hi & 0xffff)]++;
    counts[196608 + (hi >>> 16)]++;
  }
  let positions2 = new Uint32Array(n);
  let keys2 = new Float64Array(n);
  let words2 = new Uint32Array(keys2.buffer);
  let label2 = new Uint8Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass << 16;
    let oneBucket = false;
    for (let b = 0, sum = 0; b < 65536; b++) {
      const c = counts[base + b];
      if (c === n) oneBucket = true;
      counts[base + b] = sum; // from here on: where the next key with this digit goes
      sum += c;
    }
    if (oneBucket) continue;
    const word = pass >> 1; // 0: low word, 1: high word
    const shift = (pass & 1) * 16;
    for (let i = 0; i < n; i++) {
      const at = counts[base + ((words[2 * i + word] >>> shift) & 0xffff)]++;
      positions2[at] = positions[i];
      keys2[at] = keys[i];
      label2[at] = label[i];
    }
    [positions, positions2] = [positions2, positions];
    [keys, keys2] = [keys2, keys];
    [words, words2] = [words2, words];
    [label, label2] = [label2, label];
  }
  return { positions, scores: keys, labels: label };
}

/**
 * Sorts parallel arrays of examples by (score, id). `ids` must be ascending (the order rows were
 * stored in), so a stable sort by score alone is the (score, id) order; null stands for the
 * positions 0, 1, 2, ….
 */
export function buildScoreOrder(scores: Float64Array, labels: Uint8Array, ids: Float64Array | null): ScoreOrder {
  const n = scores.length;
  if (labels.length !== n || (ids && ids.length !== n)) throw new Error("scores, labels and ids differ in length");
  if (ids) for (let i = 1; i < n; i++) if (!(ids[i] > ids[i - 1])) throw new Error("ids must be strictly ascending");
  const sorted = sortByScore(scores, labels);
  const orderIds = new Float64Array(n);
  for (let at = 0; at < n; at++) orderIds[at] = ids ? ids[sorted.positions[at]] : sorted.positions[at];
  return { ids: orderIds, scores: sorted.scores, labels: sorted.labels };
}

/** Rows per run of ScoreOrderBuilder: sorted as soon as it is complete. */
const RUN_ROWS = 1 << 16;

/**
 * Builds the score order of rows as they arrive (ids: arrival positions 0, 1, 2, …), sorting as
 * it goes: each run of RUN_ROWS rows is sorted when complete and merged into the rows before it,
 * backwards and in place. Merging a run into the much longer sorted prefix mostly moves prefix
 * rows up (a predictable branch), so `build()` at the end of a million rows costs one run's sort
 * and one pass over the rows, not a whole sort. An import's parse worker does the rest while it
 * waits for its rows to be written.
 */
export class ScoreOrderBuilder {
  private scores: Float64Array;
  private labels: Uint8Array;
  private positions: Uint32Array;
  private count = 0;
  /** Rows [0, sorted) are sorted. */
  private sorted = 0;

  /** `capacity`: the rows expected (e.g. estimated from the file's size), so the arrays are allocated once. */
  constructor(
    private readonly runRows = RUN_ROWS,
    capacity = runRows,
  ) {
    const size = Math.max(runRows, Math.ceil(capacity));
    this.scores = new Float64Array(size);
    this.labels = new Uint8Array(size);
    this.positions = new Uint32Array(size);
  }

  get size(): number {
    return this.count;
  }

  add(score: number, label: number): void {
    if (this.count === this.scores.length) this.grow();
    const at = this.count++;
    this.scores[at] = score;
    this.labels[at] = label;
    this.positions[at] = at;
    if (this.count - this.sorted === this.runRows) this.sortRun();
  }

  /** The order of every row added; the builder is spent afterwards. */
  build(): ScoreOrder {
    if (this.count > this.sorted) this.sortRun();
    const n = this.count;
    return { ids: this.positions.subarray(0, n), scores: this.scores.subarray(0, n), labels: this.labels.subarray(0, n) };
  }

  /** Sorts the rows since the last run (at most runRows) and merges them into the sorted prefix. */
  private sortRun(): void {
    const mid = this.sorted;
    const to = this.count;
    // Its own arrays: the run's rows, sorted, with positions counted from `mid`.
    const run = sortByScore(this.scores.subarray(mid, to), this.labels.subarray(mid, to));
    const { scores, labels, positions } = this;
    // Backwards from the end: the larger of the two heads goes last; on a tie the run's row, whose
    // position is higher, goes after the prefix's.
    let i = mid - 1;
    let j = to - mid - 1;
    let k = to - 1;
    while (j >= 0) {
      if (i >= 0 && scores[i] > run.scores[j]) {
        scores[k] = scores[i];
        labels[k] = labels[i];
        positions[k--] = positions[i--];
      } else {
        scores[k] = run.scores[j];
        labels[k] = run.labels[j];
        positions[k--] = mid + run.positions[j--];
      }
    }
    this.sorted = to;
  }

  private grow(): void {
    const size = Math.ceil(this.scores.length * 1.5);
    const scores = new Float64Array(size);
    scores.set(this.scores);
    this.scores = scores;
    const labels = new Uint8Array(size);
    labels.set(this.labels);
    this.labels = labels;
    const positions = new Uint32Array(size);
    positions.set(this.positions);
    this.positions = positions;
  }
}

/** The score table of an order's labelled examples (what buildScoreTable gives, without sorting again). */
export function scoreTableOfOrder(order: ScoreOrder): ScoreTable {
  const { scores, labels } = order;
  let size = 0;
  let positives = 0;
  let negatives = 0;
  let last = NaN;
  for (let i = 0; i < scores.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) continue;
    if (label === 1) positives++;
    else negatives++;
    if (scores[i] !== last) {
      size++;
      last = scores[i];
    }
  }
  const table: ScoreTable = { scores: new Float64Array(size), positives: new Float64Array(size), negatives: new Float64Array(size), totalPositives: positives, totalNegatives: negatives };
  let k = -1;
  for (let i = 0; i < scores.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) continue;
    if (k < 0 || scores[i] !== table.scores[k]) table.scores[++k] = scores[i];
    if (label === 1) table.positives[k]++;
    else table.negatives[k]++;
  }
  return table;
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
