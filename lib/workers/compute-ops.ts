/**
 * The computations that may take long on a large dataset (a pass over millions of rows or
 * distinct scores), as the compute worker runs them (compute-worker.ts) and as this thread runs
 * them when no worker starts (compute.ts). Inputs and outputs are plain data: typed arrays over
 * shared memory go to and fro without a copy.
 */
import { buildFrame, type FrameSpec } from "../audit/frame";
import { joinPair, pairCandidates } from "../compare/pair";
import { compareAt, type PreparedComparison } from "../compare/report";
import { codeTotals, countAcross, cumulate, curvesReport, explorerData, mergeScoreTables, pageAcross, segmentTable, summarize, type Outcome, type ScoreSegment, type ScoreTable } from "../metrics";
import { allRowsTable, chooseReplaySteps, mergeTables, preparePeriods, segmentDays } from "../monitoring";

/** A slice column (its index) and the code of the value wanted in it. */
export interface WantedCode {
  column: number;
  code: number;
}

type Tail<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;

export const computeOps = {
  /** An audit's frame (lib/audit/frame.ts): runs of the segments, as plain data. */
  auditFrame: (segments: ScoreSegment[], spec: FrameSpec, labelsBefore: Map<number, number | null>) => buildFrame(segments, spec, labelsBefore),
  /** A segment's labelled rows as a cumulative score table. */
  segmentTable: (segment: Pick<ScoreSegment, "scores" | "labels">) => cumulate(segmentTable(segment)),
  /** The merged cumulative table of disjoint segments' tables. */
  mergedTable: (tables: ScoreTable[]) => cumulate(mergeScoreTables(tables)),
  /** Monitoring: a segment's rows as one table per UTC day, and those without a time. */
  segmentDays,
  /** Monitoring: period tables merged into one (days found in several segments, a reference window). */
  mergePeriodTables: mergeTables,
  /** Monitoring: every row of a dataset's segments as one table (a dataset reference). */
  allRowsTable,
  /** Monitoring: the reference and the periods of a preparation that are not kept (suffix sums, KS, PSI, drift). */
  preparePeriods,
  /** Monitoring: the replay grids of the page within a JSON budget. */
  replayGrids: chooseReplaySteps,
  /** Compare: rows keyed by example id and the pairs of equal keys. */
  pairCandidates,
  /** Compare: the join of the pairs whose ids agree, and the comparison's expensive part. */
  joinPair,
  /**
   * Compare: the report at a threshold or a load. With its own scratch: the prepared pair's is in
   * shared memory, and another worker may be answering another request from it.
   */
  compareAt: (prepared: PreparedComparison, ...rest: Tail<Parameters<typeof compareAt>>) => compareAt({ ...prepared, cellCodes: new Uint8Array(prepared.cellCodes.length) }, ...rest),
  curves: curvesReport,
  explorer: explorerData,
  summary: summarize,
  /** Rows, positives and negatives of each code of a segment's slice column. */
  codeTotals: (segment: ScoreSegment, column: number, values: number) => codeTotals(segment, column, values),
  /**
   * A page of an outcome's rows whose slice codes are all the wanted ones and, with `window`
   * ([from, to), epoch ms), whose time is in it, in score order, and how many there are.
   */
  filteredPage: (segments: ScoreSegment[], outcome: Outcome, threshold: number, direction: "ASC" | "DESC", offset: number, limit: number, wanted: WantedCode[], window: [number, number] | null) => {
    const bySlices = (k: number, i: number) => wanted.every((w) => segments[k].slices[w.column][i] === w.code);
    // A NaN time (no timestamp) fails both comparisons: such rows are in no window.
    const keep = window
      ? (k: number, i: number) => {
          const t = segments[k].times![i];
          return t >= window[0] && t < window[1] && bySlices(k, i);
        }
      : bySlices;
    return { ids: pageAcross(segments, outcome, threshold, direction, offset, limit, keep), total: countAcross(segments, outcome, threshold, keep) };
  },
};

export type ComputeOps = typeof computeOps;
export type ComputeOp = keyof ComputeOps;
