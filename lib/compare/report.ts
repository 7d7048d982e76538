/**
 * The comparison of two models on matched rows: one expensive preparation (sorting, DeLong,
 * pictures) and a cheap answer for any threshold pair or review load.
 */
import { dailyCounts, type DailyCounts, type OutcomeCounts, type Traffic } from "../story/daily";
import { type BootstrapOptions, type DailyDifferences, pairedBootstrap } from "./bootstrap";
import { type AucComparison, delongTest, rankModel } from "./delong";
import { type LoadThreshold, thresholdForLoadSorted } from "./load";
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

/** Everything the comparison says at one point. All differences are B − A except `auc.difference` (A − B). */
export interface CompareReport {
  /** Matched rows compared. */
  matched: number;
  classTotals: ClassTotals;
  /** How the thresholds were set; `load` is K (matched rows) at the same load, else null. */
  mode: "threshold" | "load";
  load: number | null;
  thresholdA: number;
  thresholdB: number;
  a: ModelAt;
  b: ModelAt;
  /** The paired table among positives (flagged = caught). */
  positives: PairedTable;
  /** The paired table among negatives (flagged = false alarm). */
  negatives: PairedTable;
  correctness: CorrectnessDiscordance;
  agreement: Agreement;
  auc: AucComparison;
  /** Daily differences with paired-bootstrap 95% ranges, thresholds held fixed. */
  daily: DailyDifferences;
  nonInferiority: NonInferiority[];
  histogram: DifferenceHistogram;
  density: DensityGrid;
  slices: SliceDifferences[];
}

/**
 * The expensive part, once per pair of datasets: checks the rows, sorts each model's scores,
 * computes both AUCs and DeLong's test, the difference histogram and the density grid.
 */
export function prepareComparison(rows: MatchedRows): PreparedComparison {
  const classTotals = checkMatchedRows(rows);
  const rankedA = rankModel(rows.scoresA, rows.labels, classTotals.positives);
  const rankedB = rankModel(rows.scoresB, rows.labels, classTotals.positives);
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

function thresholdsOf(prepared: PreparedComparison, point: ComparePoint): { thresholdA: number; thresholdB: number; loadA: LoadThreshold | null; loadB: LoadThreshold | null } {
  if ("flagged" in point) {
    const loadA = thresholdForLoadSorted(prepared.sortedA, point.flagged);
    const loadB = thresholdForLoadSorted(prepared.sortedB, point.flagged);
    return { thresholdA: loadA.threshold, thresholdB: loadB.threshold, loadA, loadB };
  }
  const [thresholdA, thresholdB] = "threshold" in point ? [point.threshold, point.threshold] : [point.thresholdA, point.thresholdB];
  for (const t of [thresholdA, thresholdB]) if (!Number.isFinite(t)) throw new Error(`threshold ${t} is not a number`);
  return { thresholdA, thresholdB, loadA: null, loadB: null };
}

/**
 * The report at a threshold pair or a load, reusing the preparation: one O(n) pass for the cells,
 * one per slice column, and a bootstrap over six cells (a few ms at a million rows).
 */
export function compareAt(prepared: PreparedComparison, point: ComparePoint, traffic: Traffic, options: CompareOptions = {}): CompareReport {
  const { rows, cellCodes } = prepared;
  const { thresholdA, thresholdB, loadA, loadB } = thresholdsOf(prepared, point);
  const cells = tallyCells(rows, thresholdA, thresholdB, rows.slices?.length ? cellCodes : undefined);
  const counts = pairedCounts(cells);
  const daily = pairedBootstrap(cells, traffic, options);
  const modelAt = (c: OutcomeCounts, threshold: number, rocAuc: number | null, load: LoadThreshold | null): ModelAt => ({
    threshold, ...c, rocAuc, flagged: c.tp + c.fp, daily: dailyCounts(c, traffic), withinLoad: load ? load.withinLoad : null,
  });
  return {
    matched: rows.labels.length,
    classTotals: prepared.classTotals,
    mode: "flagged" in point ? "load" : "threshold",
    load: "flagged" in point ? point.flagged : null,
    thresholdA,
    thresholdB,
    a: modelAt(counts.a, thresholdA, prepared.auc.aucA, loadA),
    b: modelAt(counts.b, thresholdB, prepared.auc.aucB, loadB),
    positives: counts.positives,
    negatives: counts.negatives,
    correctness: counts.correctness,
    agreement: counts.agreement,
    auc: prepared.auc,
    daily,
    nonInferiority: nonInferiorityVerdicts(options.margins ?? {}, { missed: daily.missed.upper, falseAlarms: daily.falseAlarms.upper }, "paired bootstrap"),
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
