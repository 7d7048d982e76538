import { NOT_LABELLED, type ScoreSegment } from "../metrics/segment";
import type { AuditFrame } from "./types";

/**
 * What freezes an audit's frame without copying it: the rows of the dataset with an id up to
 * `lastPredictionId` (rows appended later have larger ids), with a timestamp in [from, to) when a
 * window is given, that were not labelled as of a label mark (labels set since are read back from
 * the history: `labelsBefore`). Rebuilt from the same dataset at any later version, the frame is
 * the same rows in the same (score, id) order, so positions, strata and estimates stay valid.
 */
export interface FrameSpec {
  lastPredictionId: number;
  /** Epoch ms; null for no bound. A row without a timestamp is outside any window. */
  from: number | null;
  to: number | null;
}

/** The frame with its prediction ids and the time span of its rows (epoch ms, null without times). */
export interface BuiltFrame extends AuditFrame<number> {
  /** ids[p]: the prediction id of frame position p (a view over the segment when it is one segment). */
  ids: ArrayLike<number>;
  timeMin: number | null;
  timeMax: number | null;
}

interface Run {
  scores: Float64Array;
  ids: ArrayLike<number>;
}

/** A segment's part of the frame: its scores, and its ids as a view (one segment) or written out (to merge). */
interface SegmentRun extends Run {
  /** The ids as a typed array, in one tight pass (a merge reads every id; a view's reads cost far more). */
  written: () => Float64Array;
}

/** Merges two runs sorted by (score, id) into one. */
function mergeTwo(a: Run, b: Run): Run {
  const n = a.scores.length + b.scores.length;
  const scores = new Float64Array(n);
  const ids = new Float64Array(n);
  let [i, j] = [0, 0];
  for (let k = 0; k < n; k++) {
    const fromA = j >= b.scores.length || (i < a.scores.length && (a.scores[i] < b.scores[j] || (a.scores[i] === b.scores[j] && a.ids[i] < b.ids[j])));
    if (fromA) {
      scores[k] = a.scores[i];
      ids[k] = a.ids[i++];
    } else {
      scores[k] = b.scores[j];
      ids[k] = b.ids[j++];
    }
  }
  return { scores, ids };
}

/** ids[p] = firstId + offsets[rows ? rows[p] : p] written out. */
function writtenIds(firstId: number, offsets: Uint32Array, rows: Uint32Array | null): Float64Array {
  const n = rows ? rows.length : offsets.length;
  const ids = new Float64Array(n);
  if (rows) for (let p = 0; p < n; p++) ids[p] = firstId + offsets[rows[p]];
  else for (let p = 0; p < n; p++) ids[p] = firstId + offsets[p];
  return ids;
}

/** ids[p] = firstId + offsets[rows ? rows[p] : p], without copying: drawing reads a few hundred of them. */
function idView(firstId: number, offsets: Uint32Array, rows: Uint32Array | null): ArrayLike<number> {
  const length = rows ? rows.length : offsets.length;
  return new Proxy({ length } as ArrayLike<number>, {
    get(target, key) {
      if (typeof key === "string" && key !== "length") {
        const p = Number(key);
        if (Number.isInteger(p) && p >= 0 && p < length) return firstId + offsets[rows ? rows[p] : p];
      }
      return Reflect.get(target, key);
    },
  });
}

/**
 * The frame of a spec over a dataset's segments (each in (score, id) order), sorted by (score, id).
 * `labelsBefore` maps a row whose label changed after the mark to its label at the mark (1, 0 or
 * null); every other row's label at the mark is its current one. O(N) per segment plus
 * O(N log k) to merge k segments; a segment wholly in the frame lends its scores without a copy
 * (segments never change their scores). With `writeIds` the ids are a Float64Array in every case.
 */
export function buildFrame(segments: readonly ScoreSegment[], spec: FrameSpec, labelsBefore: ReadonlyMap<number, number | null> = new Map(), { writeIds = false } = {}): BuiltFrame {
  const windowed = spec.from !== null || spec.to !== null;
  const [from, to] = [spec.from ?? -Infinity, spec.to ?? Infinity];
  const last = spec.lastPredictionId;
  let timeMin = Infinity;
  let timeMax = -Infinity;
  // The history is looked up only where it can change the answer: for rows labelled now (were
  // they unlabelled at the mark?) and, when some row lost its label since, for unlabelled ones.
  const changed = labelsBefore.size > 0;
  const someLostLabel = [...labelsBefore.values()].some((old) => old !== null);
  const inFrame = (segment: ScoreSegment, i: number): boolean => {
    const id = segment.firstId + segment.offsets[i];
    if (id > last) return false;
    if (windowed) {
      const time = segment.times ? segment.times[i] : NaN;
      if (!(time >= from && time < to)) return false;
    }
    if (segment.labels[i] === NOT_LABELLED) return !(someLostLabel && labelsBefore.has(id) && labelsBefore.get(id) !== null);
    return changed && labelsBefore.has(id) && labelsBefore.get(id) === null;
  };
  const runs: SegmentRun[] = segments.map((segment) => {
    const { offsets, labels, times, firstId } = segment;
    const n = offsets.length;
    // Pass 1 counts (and finds the time span); the common case, no window and no label changed
    // since the mark, is a tight loop over two columns.
    let kept = 0;
    let [low, high] = [Infinity, -Infinity];
    const simple = !windowed && !changed;
    for (let i = 0; i < n; i++) {
      if (simple ? firstId + offsets[i] <= last && labels[i] === NOT_LABELLED : inFrame(segment, i)) {
        kept++;
        if (times) {
          const time = times[i];
          low = time < low ? time : low;
          high = time > high ? time : high;
        }
      }
    }
    timeMin = Math.min(timeMin, low);
    timeMax = Math.max(timeMax, high);
    if (kept === n) return { scores: segment.scores, ids: idView(firstId, offsets, null), written: () => writtenIds(firstId, offsets, null) };
    const rows = new Uint32Array(kept);
    for (let i = 0, k = 0; k < kept; i++) if (simple ? firstId + offsets[i] <= last && labels[i] === NOT_LABELLED : inFrame(segment, i)) rows[k++] = i;
    const scores = new Float64Array(kept);
    for (let k = 0; k < kept; k++) scores[k] = segment.scores[rows[k]];
    return { scores, ids: idView(firstId, offsets, rows), written: () => writtenIds(firstId, offsets, rows) };
  });
  // One segment lends its view (unless `writeIds`: a frame sent to another thread); several are
  // merged over their ids written out.
  let round: Run[] = runs.length === 0 ? [{ scores: new Float64Array(0), ids: new Float64Array(0) }] : runs.length === 1 && !writeIds ? runs : runs.map((r) => ({ scores: r.scores, ids: r.written() }));
  while (round.length > 1) {
    const next: Run[] = [];
    for (let i = 0; i < round.length; i += 2) next.push(i + 1 < round.length ? mergeTwo(round[i], round[i + 1]) : round[i]);
    round = next;
  }
  const finite = Number.isFinite(timeMin);
  return { scores: round[0].scores, ids: round[0].ids, timeMin: finite ? timeMin : null, timeMax: finite ? timeMax : null };
}
