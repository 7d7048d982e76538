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
  ids: Float64Array;
  timeMin: number | null;
  timeMax: number | null;
}

/** Merges two runs sorted by (score, id) into one. */
function mergeTwo(a: { scores: Float64Array; ids: Float64Array }, b: { scores: Float64Array; ids: Float64Array }) {
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

/**
 * The frame of a spec over a dataset's segments (each in (score, id) order), sorted by (score, id).
 * `labelsBefore` maps a row whose label changed after the mark to its label at the mark (1, 0 or
 * null); every other row's label at the mark is its current one. O(N) per segment plus
 * O(N log k) to merge k segments.
 */
export function buildFrame(segments: readonly ScoreSegment[], spec: FrameSpec, labelsBefore: ReadonlyMap<number, number | null> = new Map()): BuiltFrame {
  const windowed = spec.from !== null || spec.to !== null;
  const [from, to] = [spec.from ?? -Infinity, spec.to ?? Infinity];
  let timeMin = Infinity;
  let timeMax = -Infinity;
  // The history is looked up only where it can change the answer: for rows labelled now (were
  // they unlabelled at the mark?) and, when some row lost its label since, for unlabelled ones.
  const changed = labelsBefore.size > 0;
  const someLostLabel = [...labelsBefore.values()].some((old) => old !== null);
  const runs = segments.map((segment) => {
    const { offsets, labels, times, scores, firstId } = segment;
    const keep = new Uint32Array(offsets.length);
    let kept = 0;
    for (let i = 0; i < offsets.length; i++) {
      const id = firstId + offsets[i];
      if (id > spec.lastPredictionId) continue;
      const time = times ? times[i] : NaN;
      if (windowed && !(time >= from && time < to)) continue;
      const unlabelledNow = labels[i] === NOT_LABELLED;
      const unlabelledThen = unlabelledNow ? !(someLostLabel && labelsBefore.has(id) && labelsBefore.get(id) !== null) : changed && labelsBefore.has(id) && labelsBefore.get(id) === null;
      if (!unlabelledThen) continue;
      keep[kept++] = i;
      if (time < timeMin) timeMin = time;
      if (time > timeMax) timeMax = time;
    }
    const run = { scores: new Float64Array(kept), ids: new Float64Array(kept) };
    for (let k = 0; k < kept; k++) {
      run.scores[k] = scores[keep[k]];
      run.ids[k] = firstId + offsets[keep[k]];
    }
    return run;
  });
  let round = runs.length ? runs : [{ scores: new Float64Array(0), ids: new Float64Array(0) }];
  while (round.length > 1) {
    const next = [];
    for (let i = 0; i < round.length; i += 2) next.push(i + 1 < round.length ? mergeTwo(round[i], round[i + 1]) : round[i]);
    round = next;
  }
  const finite = Number.isFinite(timeMin);
  return { scores: round[0].scores, ids: round[0].ids, timeMin: finite ? timeMin : null, timeMax: finite ? timeMax : null };
}
