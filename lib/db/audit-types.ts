/**
 * The records of manual audits as the data layer returns them, whatever the backend: instants as
 * epoch milliseconds (the service turns them into ISO strings), labels 1, 0 or null.
 */
import type { ReviewState } from "../audit/reviews";

/** An audit as stored: its frame's marks and its design (without the items). */
export interface AuditRecord {
  id: number;
  datasetId: number;
  name: string;
  /** Epoch ms. */
  createdAt: number;
  /** n: rows drawn so far. */
  size: number;
  /** N: rows of the frame. */
  frameRows: number;
  /** The frame: the dataset's rows with an id up to this, … */
  lastPredictionId: number;
  /** … not labelled as of the label change with this id, … */
  lastLabelChangeId: number;
  /** … with a timestamp in [windowFrom, windowTo) (epoch ms) when a window was given. */
  windowFrom: number | null;
  windowTo: number | null;
  /** First and last timestamp of the frame's rows (epoch ms), null without timestamps. */
  frameTimeMin: number | null;
  frameTimeMax: number | null;
  /** JSON of the design without its items: rows, size, seed, rounds, rule, strata. */
  design: string;
  /** Bumped by every label, skip and top-up (caches of estimates are keyed by it). */
  revision: number;
}

/**
 * One drawn row of an audit, with its reviews (ReviewState: whether it is doubly reviewed, the
 * first review's label 1, 0 or null, who and when in epoch ms, and the second review's).
 */
export interface AuditItemRecord extends ReviewState {
  id: number;
  auditId: number;
  predictionId: number;
  /** Position in the frame sorted by (score, id). */
  position: number;
  score: number;
  stratum: number;
  /** π = n_h / N_h after every top-up so far. */
  inclusionProbability: number;
  /** Place in the review queue, 0 first (design order). */
  order: number;
  round: number;
  /** Held for this reviewer until heldUntil (epoch ms). */
  heldBy: string | null;
  heldUntil: number | null;
  /** The last reviewer who skipped it, and how many skips it had. */
  skippedBy: string | null;
  skips: number;
}

/** What a new audit stores. */
export type NewAudit = Pick<AuditRecord, "name" | "frameRows" | "lastPredictionId" | "lastLabelChangeId" | "windowFrom" | "windowTo" | "frameTimeMin" | "frameTimeMax" | "design"> & {
  items: NewAuditItem[];
};

/** A drawn row as the design gives it. */
export type NewAuditItem = Pick<AuditItemRecord, "predictionId" | "position" | "score" | "stratum" | "inclusionProbability" | "order" | "round" | "doubleReview">;

/** What a top-up stores: the new design, each stratum's new π, and the rows it adds. */
export interface AuditTopUp {
  size: number;
  design: string;
  /** inclusionProbabilities[h]: the new π of every row of stratum h. */
  inclusionProbabilities: number[];
  items: NewAuditItem[];
}

/** The review fields of one item after a label, an undo or a correction. */
export type AuditReviewUpdate = Pick<AuditItemRecord, "id" | "label" | "reviewer" | "labeledAt" | "secondLabel" | "secondReviewer" | "secondLabeledAt">;

/** Items handed to a reviewer and the reviews still to do. */
export interface AuditClaim {
  /** The items now held for the reviewer, in queue order. */
  items: AuditItemRecord[];
  /** Items without a first label. */
  remaining: number;
  /** Doubly reviewed items still waiting for their second label. */
  secondRemaining: number;
}
