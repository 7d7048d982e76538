import { scoreTableOfOrder } from "./score-order";
import { firstAtOrAbove, type ScoreTable } from "./score-table";

/**
 * Some rows of one dataset (one import, one append, or several merged), as columns sorted by
 * (score, id): what the data layer stores per segment and every threshold question walks. A
 * dataset is the union of its segments; any figure over it is a sum over them.
 */
export interface ScoreSegment {
  /** Prediction ids are firstId + offsets[i]. */
  firstId: number;
  /** Id offsets in (score, id) order. */
  offsets: Uint32Array;
  /** Scores, ascending. */
  scores: Float64Array;
  /** 1 positive, 0 negative, anything else (255) not labelled yet. */
  labels: Uint8Array;
  /** Epoch milliseconds of each row, NaN for none; null when the dataset has no timestamp column. */
  times: Float64Array | null;
  /** slices[c][i]: the code of row i's value of slice column c (an index into the dataset's slice values). */
  slices: Uint16Array[];
}

/** Label code of a row whose true label is not known yet. */
export const NOT_LABELLED = 255;

/** Rows of each kind in a set of rows. */
export interface RowCounts {
  rows: number;
  positives: number;
  negatives: number;
  unlabeled: number;
}

/** How many rows of a segment are positive, negative and not labelled. */
export function segmentCounts(segment: Pick<ScoreSegment, "labels">): RowCounts {
  let positives = 0;
  let negatives = 0;
  const { labels } = segment;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) positives++;
    else if (labels[i] === 0) negatives++;
  }
  return { rows: labels.length, positives, negatives, unlabeled: labels.length - positives - negatives };
}

/** The score table (distinct scores of the labelled rows, with positives and negatives at each) of a segment. */
export function segmentTable(segment: Pick<ScoreSegment, "scores" | "labels">): ScoreTable {
  return scoreTableOfOrder({ ids: new Float64Array(0), scores: segment.scores, labels: segment.labels });
}

/** Merges two score tables of disjoint rows into the table of their union. */
function mergeTwo(a: ScoreTable, b: ScoreTable): ScoreTable {
  let size = 0;
  for (let i = 0, j = 0; i < a.scores.length || j < b.scores.length; size++) {
    if (j >= b.scores.length || (i < a.scores.length && a.scores[i] < b.scores[j])) i++;
    else if (i >= a.scores.length || b.scores[j] < a.scores[i]) j++;
    else {
      i++;
      j++;
    }
  }
  const out: ScoreTable = { scores: new Float64Array(size), positives: new Float64Array(size), negatives: new Float64Array(size), totalPositives: a.totalPositives + b.totalPositives, totalNegatives: a.totalNegatives + b.totalNegatives };
  for (let i = 0, j = 0, k = 0; k < size; k++) {
    const fromA = j >= b.scores.length || (i < a.scores.length && a.scores[i] <= b.scores[j]);
    const fromB = i >= a.scores.length || (j < b.scores.length && b.scores[j] <= a.scores[i]);
    out.scores[k] = fromA ? a.scores[i] : b.scores[j];
    if (fromA) {
      out.positives[k] += a.positives[i];
      out.negatives[k] += a.negatives[i++];
    }
    if (fromB) {
      out.positives[k] += b.positives[j];
      out.negatives[k] += b.negatives[j++];
    }
  }
  return out;
}

/** The score table of the union of disjoint sets of rows (pairwise merges, so O(n log k)). */
export function mergeScoreTables(tables: ScoreTable[]): ScoreTable {
  if (tables.length === 0) return { scores: new Float64Array(0), positives: new Float64Array(0), negatives: new Float64Array(0), totalPositives: 0, totalNegatives: 0 };
  let round = tables;
  while (round.length > 1) {
    const next: ScoreTable[] = [];
    for (let i = 0; i < round.length; i += 2) next.push(i + 1 < round.length ? mergeTwo(round[i], round[i + 1]) : round[i]);
    round = next;
  }
  return round[0];
}

/** Index of the first row of a segment with score >= threshold (rows.length when none). */
export const splitAt = (segment: Pick<ScoreSegment, "scores">, threshold: number) => firstAtOrAbove(segment.scores, threshold);

/** The segment's row i as a Prediction id. */
export const idAt = (segment: Pick<ScoreSegment, "firstId" | "offsets">, i: number) => segment.firstId + segment.offsets[i];

/**
 * One segment holding the rows of several (disjoint) segments, in (score, id) order: a k-way
 * merge. Its ids are offsets from the lowest firstId, so the span of ids must stay below 2^32.
 */
export function mergeSegments(segments: ScoreSegment[]): ScoreSegment {
  const n = segments.reduce((sum, s) => sum + s.offsets.length, 0);
  const firstId = Math.min(...segments.map((s) => s.firstId));
  const columns = segments[0]?.slices.length ?? 0;
  const withTimes = segments.some((s) => s.times !== null);
  const out: ScoreSegment = {
    firstId,
    offsets: new Uint32Array(n),
    scores: new Float64Array(n),
    labels: new Uint8Array(n),
    times: withTimes ? new Float64Array(n).fill(NaN) : null,
    slices: Array.from({ length: columns }, () => new Uint16Array(n)),
  };
  const at = new Array<number>(segments.length).fill(0);
  for (let k = 0; k < n; k++) {
    let best = -1;
    for (let j = 0; j < segments.length; j++) {
      if (at[j] >= segments[j].offsets.length) continue;
      if (best < 0) {
        best = j;
        continue;
      }
      const a = segments[j].scores[at[j]];
      const b = segments[best].scores[at[best]];
      if (a < b || (a === b && idAt(segments[j], at[j]) < idAt(segments[best], at[best]))) best = j;
    }
    const s = segments[best];
    const i = at[best]++;
    const id = idAt(s, i);
    if (id - firstId >= 2 ** 32) throw new Error("segments span more than 2^32 ids");
    out.offsets[k] = id - firstId;
    out.scores[k] = s.scores[i];
    out.labels[k] = s.labels[i];
    if (out.times && s.times) out.times[k] = s.times[i];
    for (let c = 0; c < columns; c++) out.slices[c][k] = s.slices[c][i];
  }
  return out;
}

/** Most rows one stored segment holds: a larger import is stored as several (each read and written in one piece). */
export const MAX_SEGMENT_ROWS = 1 << 20;

/** A segment's example-id keys (ascending) with the id offset of each key's row. */
export interface KeyColumns {
  keys: Float64Array;
  offsets: Uint32Array;
}

/**
 * Splits a segment into pieces of at most `maxRows` consecutive rows of its score order (each a
 * segment in its own right, sorted by (score, id)), with each piece's share of the keys (still
 * ascending). Ids stay offsets from the same firstId.
 */
export function splitSegment(segment: ScoreSegment, keys: KeyColumns | null, maxRows = MAX_SEGMENT_ROWS): { segment: ScoreSegment; keys: KeyColumns | null }[] {
  const n = segment.offsets.length;
  if (n <= maxRows) return [{ segment, keys }];
  const pieces = Math.ceil(n / maxRows);
  // Which piece each row (by id offset) lands in.
  let span = 0;
  for (let i = 0; i < n; i++) if (segment.offsets[i] >= span) span = segment.offsets[i] + 1;
  const pieceOf = new Uint8Array(span);
  for (let i = 0; i < n; i++) pieceOf[segment.offsets[i]] = Math.floor(i / maxRows);
  const keyCounts = new Uint32Array(pieces);
  if (keys) for (let i = 0; i < keys.offsets.length; i++) keyCounts[pieceOf[keys.offsets[i]]]++;
  const keyParts = Array.from({ length: pieces }, (_, p) => ({ keys: new Float64Array(keyCounts[p]), offsets: new Uint32Array(keyCounts[p]), at: 0 }));
  if (keys) {
    for (let i = 0; i < keys.offsets.length; i++) {
      const part = keyParts[pieceOf[keys.offsets[i]]];
      part.keys[part.at] = keys.keys[i];
      part.offsets[part.at++] = keys.offsets[i];
    }
  }
  return Array.from({ length: pieces }, (_, p) => {
    const from = p * maxRows;
    const to = Math.min(n, from + maxRows);
    return {
      segment: {
        firstId: segment.firstId,
        offsets: segment.offsets.subarray(from, to),
        scores: segment.scores.subarray(from, to),
        labels: segment.labels.subarray(from, to),
        times: segment.times && segment.times.subarray(from, to),
        slices: segment.slices.map((codes) => codes.subarray(from, to)),
      },
      keys: keys ? { keys: keyParts[p].keys, offsets: keyParts[p].offsets } : null,
    };
  });
}
