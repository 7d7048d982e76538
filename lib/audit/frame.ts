import { totalScores } from "../metrics/score-table";
import { NOT_LABELLED, type ScoreSegment } from "../metrics/segment";
import { runsFrame, type FrameRun } from "./sorted-frame";
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

/** A frame as plain data (it crosses threads): its runs, rows, and the time span of its rows (epoch ms, null without times). */
export interface BuiltFrame {
  runs: FrameRun[];
  rows: number;
  timeMin: number | null;
  timeMax: number | null;
}

/** The frame to draw from and estimate with, over a built frame's runs (never merged). */
export const frameOf = (built: BuiltFrame): AuditFrame<number> => runsFrame(built.runs);

/**
 * The frame of a spec over a dataset's segments (each in (score, id) order): one run per segment.
 * `labelsBefore` maps a row whose label changed after the mark to its label at the mark (1, 0 or
 * null); every other row's label at the mark is its current one. O(N): a segment wholly in the
 * frame lends its arrays (segments never change their scores or ids), others give a copy of the
 * rows kept. Nothing is merged: `runsFrame` finds a position's row among the runs.
 */
export function buildFrame(segments: readonly ScoreSegment[], spec: FrameSpec, labelsBefore: ReadonlyMap<number, number | null> = new Map()): BuiltFrame {
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
  const runs: FrameRun[] = segments.map((segment) => {
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
    if (kept === n) return { scores: segment.scores, firstId, offsets, rows: null };
    const rows = new Uint32Array(kept);
    for (let i = 0, k = 0; k < kept; i++) if (simple ? firstId + offsets[i] <= last && labels[i] === NOT_LABELLED : inFrame(segment, i)) rows[k++] = i;
    const scores = new Float64Array(kept);
    for (let k = 0; k < kept; k++) scores[k] = segment.scores[rows[k]];
    return { scores, firstId, offsets, rows };
  });
  const finite = Number.isFinite(timeMin);
  return { runs, rows: totalScores(runs), timeMin: finite ? timeMin : null, timeMax: finite ? timeMax : null };
}
