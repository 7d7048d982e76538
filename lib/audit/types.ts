/**
 * The shapes of a manual audit: its frame, its recorded sampling design and its estimates.
 * Everything is a plain object (JSON-safe), so the database can store a design as it is.
 */

/**
 * The population an audit is drawn from: the unlabelled rows of a dataset in a time window, in
 * ascending (score, id) order. Positions in this order name the rows; `rowAt(p)` gives the caller's
 * id of the row at position p. The frame is frozen when the audit is drawn: rows labelled later (by
 * this audit or otherwise) still belong to it. Held as one sorted array (`sortedFrame`) or as
 * sorted runs never merged (`runsFrame`, a dataset's segments).
 */
export interface AuditFrame<Id = number> {
  /** N: rows of the frame. */
  readonly rows: number;
  /** The score at position p (ascending in p). */
  scoreAt(p: number): number;
  /** The score and the caller's id of the row at position p. */
  rowAt(p: number): { score: number; id: Id };
  /** First position whose score is >= t: the rows not flagged at threshold t. */
  firstAtOrAbove(t: number): number;
  /** First position whose score is > t. */
  firstAbove(t: number): number;
}

/** One stratum: a run of consecutive positions of the sorted frame, so a run of scores. */
export interface AuditStratum {
  /** First position in the frame (inclusive). */
  start: number;
  /** Position after the last one (exclusive). */
  end: number;
  /** Lowest and highest score in the stratum; strata never share a score (ties stay together). */
  minScore: number;
  maxScore: number;
  /** N_h: rows of the frame in the stratum (end − start). */
  rows: number;
  /** n_h: rows drawn so far (an SRS without replacement of the stratum). */
  sampled: number;
}

/** One drawn row. */
export interface AuditItem<Id = number> {
  /** The caller's id of the row. */
  id: Id;
  /** Position in the sorted frame. */
  position: number;
  score: number;
  /** Index into `AuditDesign.strata`. */
  stratum: number;
  /** π_i = n_h / N_h: the chance this row had of being drawn, after every top-up so far. */
  inclusionProbability: number;
  /**
   * Place in the review queue (0 first). Any prefix of the queue is spread over the strata in
   * proportion to their sample, so a half-finished audit is still a stratified sample.
   */
  order: number;
  /** Whether a second reviewer labels this row too (for Cohen's κ). */
  doubleReview: boolean;
  /** The draw that added the row: 0 for the first, 1 for the first top-up, … */
  round: number;
}

/** What the allocation rule was given; kept so that a top-up follows the same rule. */
export interface AllocationRule {
  /** Exponent a of the power allocation n_h ∝ N_h^a (0 equal, 1 proportional). */
  power: number;
  /** Fewest rows drawn in a stratum (all of it when it is smaller). */
  minimumPerStratum: number;
  /** Share of drawn rows that go to two reviewers, in [0, 1]. */
  doubleReviewShare: number;
}

/** A recorded stratified design: everything the estimates need, and everything a top-up needs. */
export interface AuditDesign<Id = number> {
  /** N: rows in the frame. */
  rows: number;
  /** n: rows drawn (the audit's size). */
  size: number;
  seed: number;
  /** Draws so far (1 after the first draw, +1 per top-up). */
  rounds: number;
  rule: AllocationRule;
  strata: AuditStratum[];
  /** The drawn rows, in draw order. */
  items: AuditItem<Id>[];
}

/** A figure with its 95% interval. `estimate` is null when the labels cannot say (e.g. 0/0). */
export interface Figure {
  estimate: number | null;
  lower: number;
  upper: number;
}

/** What an audit says about the whole frame at one threshold (flagged means score >= threshold). */
export interface AuditEstimate {
  threshold: number;
  /** Rows of the frame. */
  rows: number;
  /** Rows drawn, and how many of them carry a label so far. */
  size: number;
  labeled: number;
  /** Rows flagged: known exactly from the scores (lower = upper = estimate). */
  flagged: Figure;
  /** Share of flagged rows that are positive. */
  precision: Figure;
  /** Share of positive rows that are flagged. */
  recall: Figure;
  /** Counts in the frame: positives flagged, negatives flagged, positives not flagged. */
  truePositives: Figure;
  falsePositives: Figure;
  falseNegatives: Figure;
}
