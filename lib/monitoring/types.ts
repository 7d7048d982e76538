/**
 * The shapes monitoring works on. A period's rows are summarised as a score table: the distinct
 * scores ascending with, at each, how many positive, negative and not-yet-labelled rows score
 * exactly that. Labelled columns match lib/metrics `ScoreTable` (see `asScoreTable`).
 */

/** UTC days, or ISO weeks (Monday 00:00 UTC to the next Monday). */
export type PeriodKind = "day" | "week";

/** The rows of one period (or of a reference), as a score table. */
export interface PeriodTable {
  /** Epoch milliseconds of the period's start (UTC midnight; a Monday for weeks). 0 for a reference. */
  start: number;
  /** Distinct scores, strictly ascending (scores shared by no row may appear, with zero counts). */
  scores: Float64Array;
  /** positives[i]: labelled positive rows whose score is exactly scores[i]. */
  positives: Float64Array;
  /** negatives[i]: labelled negative rows whose score is exactly scores[i]. */
  negatives: Float64Array;
  /** unlabeled[i]: rows with no label yet whose score is exactly scores[i]. */
  unlabeled: Float64Array;
  /**
   * Days the period covers, when less than its full length (1 or 7): a period still running, or
   * the first week of data starting mid-week. Per-day figures divide by it.
   */
  days?: number;
}

/**
 * A period table prepared once per dataset version: suffix sums turn every count at a threshold
 * into one binary search. The raw count arrays are not kept (a count at one score is the
 * difference of two suffix sums).
 */
/** Suffix counts of a prepared table. */
export type CountArray = Uint32Array | Float64Array;

export interface PreparedTable {
  start: number;
  /** Days the period covers (per-day figures divide by it). */
  days: number;
  scores: Float64Array;
  /**
   * positivesAtOrAbove[i]: positives with score >= scores[i]; index scores.length holds 0. Counts
   * (as the two below), held as 32-bit integers (half the memory of doubles; a period of 2^32 rows
   * or more gets doubles).
   */
  positivesAtOrAbove: CountArray;
  /** negativesAtOrAbove[i]: negatives with score >= scores[i]; index scores.length holds 0. */
  negativesAtOrAbove: CountArray;
  /** rowsAtOrAbove[i]: all rows (labelled or not) with score >= scores[i]; index scores.length holds 0. */
  rowsAtOrAbove: CountArray;
  /** All rows, labelled or not. */
  rows: number;
  positives: number;
  negatives: number;
}

/**
 * A period's counts at one threshold. A row is *flagged* when `score >= threshold`; tp/fp/fn/tn
 * count labelled rows only, `flagged` counts every row.
 */
export interface PeriodCounts {
  threshold: number;
  /** All rows in the period. */
  rows: number;
  /** Rows with a known label (positives + negatives). */
  labeled: number;
  positives: number;
  negatives: number;
  /** Rows with score >= threshold, labelled or not. */
  flagged: number;
  /** Positives flagged (caught). */
  tp: number;
  /** Negatives flagged (false alarms). */
  fp: number;
  /** Positives not flagged (missed). */
  fn: number;
  /** Negatives not flagged. */
  tn: number;
}

/** A 95% range [low, high]. */
export type Range = [number, number];
