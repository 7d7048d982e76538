/**
 * The comparison of two models on matched rows: one expensive preparation (sorting, DeLong,
 * pictures) and a cheap answer for any threshold pair or review load.
 */
import { dailyCounts, type DailyCounts, type OutcomeCounts, type Traffic } from "../story/daily";
import { type BootstrapOptions, type DailyDifferences, pairedBootstrap } from "./bootstrap";
import { type AucComparison, delongTest, rankModel } from "./delong";
import { thresholdForLoadSorted } from "./load";
import { checkMatchedRows, type ClassTotals, type MatchedRows } from "./matched";
import { type Margins, type NonInferiority, nonInferiorityVerdicts } from "./non-inferiority";
import { type Agreement, type CorrectnessDiscordance, type PairedTable, pairedCounts, tallyCells } from "./paired-table";
import { type DensityGrid, type DifferenceHistogram, scoreDensityGrid, scoreDifferenceHistogram } from "./pictures";
import { type SliceDifferences, sliceDifferences } from "./slices";

/**
 * Where to compare: one threshold for both, a threshold each, or the same review load (each model
 * at the lowest of its own scores that flags at most `flagged` matched rows; see loadForReviews).
 */
export type ComparePoint = { threshold: number } | { thresholdA: number; thresholdB: number } | { flagged: number };

export interface CompareOptions extends BootstrapOptions {
  /** Non-inferiority margins in items a day. */
  margins?: Margins;
}

/** What a new threshold or load reuses: built once per pair of datasets, O(n log n). */
export interface PreparedComparison {
  rows: MatchedRows;
  classTotals: ClassTotals;
  /** Each model's scores, ascending (load thresholds in O(log n)). */
  sortedA: Float64Array;
  sortedB: Float64Array;
  auc: AucComparison;
  histogram: DifferenceHistogram;
  density: DensityGrid;
  /** Scratch: each row's cell at the last thresholds (compareAt is synchronous, so one is enough). */
  cellCodes: Uint8Array;
}

/** One model at its threshold on the matched rows. */
export interface ModelAt extends OutcomeCounts {
  /** Flagged when score ≥ threshold. */
  threshold: number;
  /** ROC AUC on the matched rows (scikit-learn's roc_auc_score); null when a class is absent. */
  rocAuc: number | null;
  /** Matched rows flagged (tp + fp). */
  flagged: number;
  /** Average items a day in each outcome (lib/story dailyCounts). */
  daily: DailyCounts;
  /** At the same load: whether the model could stay within it (see LoadThreshold); null otherwise. */
  withinLoad: boolean | null;
}

/** The parts of the report the eight paired cells decide (see reportOfCells). */
export interface CellsReport {
  a: ModelAt;
  b: ModelAt;
  /** The paired table among positives (flagged = caught). */
  positives: PairedTable;
  /** The paired table among negatives (flagged = false alarm). */
  negatives: PairedTable;
  correctness: CorrectnessDiscordance;
  agreement: Agreement;
  /** Daily differences B − A with paired-bootstrap 95% ranges, thresholds held fixed. */
  daily: DailyDifferences;
  nonInferiority: NonInferiority[];
}

/** Everything the comparison says at one point. Every difference is B − A, `auc.difference` included. */
export interface CompareReport extends CellsReport {
  /** Matched rows compared. */
  matched: number;
  classTotals: ClassTotals;
  /** How the thresholds were set; `load` is K (matched rows) at the same load, else null. */
  mode: "threshold" | "load";
  load: number | null;
  thresholdA: number;
  thresholdB: number;
  auc: AucComparison;
  histogram: DifferenceHistogram;
  density: DensityGrid;
  slices: SliceDifferences[];
}

/** Each model's threshold at a point, and at the same load whether it stays within it (else null). */
export interface PointThresholds {
  thresholdA: number;
  thresholdB: number;
  withinLoadA: boolean | null;
  withinLoadB: boolean | null;
}

/**
 * The expensive part, once per pair of datasets: checks the rows, sorts each model's scores,
 * computes both AUCs and DeLong's test, the difference histogram and the density grid.
 * `scoreOrders` (each model's rows in ascending score order, known from the stored segments)
 * spare the two sorts; the answer is the same.
 */
export function prepareComparison(rows: MatchedRows, scoreOrders?: { a: Uint32Array; b: Uint32Array }): PreparedComparison {
  const classTotals = checkMatchedRows(rows);
  const rankedA = rankModel(rows.scoresA, rows.labels, classTotals.positives, scoreOrders?.a);
  const rankedB = rankModel(rows.scoresB, rows.labels, classTotals.positives, scoreOrders?.b);
  return {
    rows,
    classTotals,
    sortedA: rankedA.sorted,
    sortedB: rankedB.sorted,
    auc: delongTest(rows.labels, rankedA, rankedB, classTotals.positives),
    histogram: scoreDifferenceHistogram(rows),
    density: scoreDensityGrid(rows),
    cellCodes: new Uint8Array(rows.labels.length),
  };
}

/** The thresholds of a point: given, or at the same load each model's own (O(log n) on the sorted scores). */
export function thresholdsAt(prepared: Pick<PreparedComparison, "sortedA" | "sortedB">, point: ComparePoint): PointThresholds {
  if ("flagged" in point) {
    const loadA = thresholdForLoadSorted(prepared.sortedA, point.flagged);
    const loadB = thresholdForLoadSorted(prepared.sortedB, point.flagged);
    return { thresholdA: loadA.threshold, thresholdB: loadB.threshold, withinLoadA: loadA.withinLoad, withinLoadB: loadB.withinLoad };
  }
  const [thresholdA, thresholdB] = "threshold" in point ? [point.threshold, point.threshold] : [point.thresholdA, point.thresholdB];
  for (const t of [thresholdA, thresholdB]) if (!Number.isFinite(t)) throw new Error(`threshold ${t} is not a number`);
  return { thresholdA, thresholdB, withinLoadA: null, withinLoadB: null };
}

/**
 * The report's parts from the eight cells at the thresholds: each model's counts and daily
 * counts, the paired tables, κ, the bootstrap's daily differences and the verdicts. Pure and a
 * few ms whatever the row count, so the browser runs it too (lib/compare/grid-report.ts).
 */
export function reportOfCells(cells: ArrayLike<number>, at: PointThresholds, aucs: Pick<AucComparison, "aucA" | "aucB">, traffic: Traffic, options: CompareOptions = {}): CellsReport {
  const counts = pairedCounts(cells);
  const daily = pairedBootstrap(cells, traffic, options);
  const modelAt = (c: OutcomeCounts, threshold: number, rocAuc: number | null, withinLoad: boolean | null): ModelAt => ({
    threshold, ...c, rocAuc, flagged: c.tp + c.fp, daily: dailyCounts(c, traffic), withinLoad,
  });
  return {
    a: modelAt(counts.a, at.thresholdA, aucs.aucA, at.withinLoadA),
    b: modelAt(counts.b, at.thresholdB, aucs.aucB, at.withinLoadB),
    positives: counts.positives,
    negatives: counts.negatives,
    correctness: counts.correctness,
    agreement: counts.agreement,
    daily,
    nonInferiority: nonInferiorityVerdicts(options.margins ?? {}, { missed: daily.missed.upper, falseAlarms: daily.falseAlarms.upper }, "paired bootstrap"),
  };
}

/**
 * The report at a threshold pair or a load, reusing the preparation: one O(n) pass for the cells,
 * one per slice column, and a bootstrap over six cells (a few ms at a million rows).
 */
export function compareAt(prepared: PreparedComparison, point: ComparePoint, traffic: Traffic, options: CompareOptions = {}): CompareReport {
  const { rows, cellCodes } = prepared;
  const at = thresholdsAt(prepared, point);
  const cells = tallyCells(rows, at.thresholdA, at.thresholdB, rows.slices?.length ? cellCodes : undefined);
  return {
    matched: rows.labels.length,
    classTotals: prepared.classTotals,
    mode: "flagged" in point ? "load" : "threshold",
    load: "flagged" in point ? point.flagged : null,
    thresholdA: at.thresholdA,
    thresholdB: at.thresholdB,
    ...reportOfCells(cells, at, prepared.auc, traffic, options),
    auc: prepared.auc,
    histogram: prepared.histogram,
    density: prepared.density,
    slices: sliceDifferences(rows, cellCodes),
  };
}

/**
 * The whole comparison in one call: prepareComparison then compareAt. A service that answers
 * several thresholds for the same pair keeps the PreparedComparison and calls compareAt; the
 * sentences come from describeComparison (lib/compare/sentences.ts).
 */
export function compareMatched(rows: MatchedRows, point: ComparePoint, traffic: Traffic, options: CompareOptions = {}): CompareReport {
  return compareAt(prepareComparison(rows), point, traffic, options);
}
