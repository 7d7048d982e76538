/**
 * The records the data layer returns, the same whatever the backend: JSON fields parsed, instants
 * as ISO strings, counts as numbers.
 */

export type { TagApplication, TagErrorCounts, TagInput, TagView } from "../gallery/types";

/** A dataset as the app and the API show it. */
export interface DatasetView {
  id: number;
  name: string;
  modelName: string | null;
  modelVersion: string | null;
  sourceFile: string | null;
  createdAt: string;
  /**
   * Bumped by every write that changes the dataset's rows or labels: caches of anything computed
   * from the rows are keyed by (id, version) (lib/cache.ts).
   */
  version: number;
  /** The version the summary figures (rocAuc, averagePrecision, brier, score range) were computed at. */
  summaryVersion: number;
  rows: number;
  positives: number;
  negatives: number;
  unlabeled: number;
  /** Share of labelled rows that are positive; null when nothing is labelled. */
  positiveShare: number | null;
  positiveLabel: string;
  negativeLabel: string;
  mapping: Record<string, unknown>;
  settings: Record<string, unknown>;
  scoreMin: number | null;
  scoreMax: number | null;
  rocAuc: number | null;
  averagePrecision: number | null;
  brier: number | null;
  timestampMin: string | null;
  timestampMax: string | null;
  isDemo: boolean;
}

/** A named threshold with its stakeholder settings, as the API returns it. */
export interface ScenarioView {
  id: number;
  datasetId: number;
  name: string;
  /** Flagged when score >= threshold. */
  threshold: number;
  /** The stakeholder settings saved with the scenario (see lib/story/settings.ts). */
  settings: Record<string, unknown>;
  createdAt: string;
}

/** One stored row, as the gallery reads it (slices and extras still as their stored JSON arrays). */
export interface PredictionRecord {
  id: number;
  row: number;
  label: number;
  score: number;
  exampleId: string | null;
  /** ISO 8601 UTC, or null. */
  timestamp: string | null;
  text: string | null;
  image: string | null;
  slices: string | null;
  extras: string | null;
}

/** A stored segment of a dataset (its columns are read separately, and cached by id and revision). */
export interface SegmentRef {
  id: number;
  /** Bumped when the labels of its rows change. */
  revision: number;
  firstId: number;
  lastId: number;
  rows: number;
}

/** One batch of a dataset's history: an imported file, an append, or a set of late labels. */
export interface BatchView {
  id: number;
  kind: "import" | "append" | "labels";
  sourceFile: string | null;
  rows: number;
  positives: number;
  negatives: number;
  unlabeled: number;
  bytes: number;
  durationMs: number;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** A label to set on an existing row: 1, 0, or null to mark it not labelled again. */
export interface LabelChangeInput {
  predictionId: number;
  label: 1 | 0 | null;
  reviewer?: string | null;
}

/** What a set of labels did: how many were sent, and how many rows changed label. */
export interface LabelsWritten {
  received: number;
  changed: number;
}


/** Where an alert's webhook delivery stands: no webhook set, waiting or retrying, done, or given up. */
export type WebhookStatus = "none" | "pending" | "delivered" | "failed";

/** An alert to store: one rule broken in one period (lib/monitoring `Alert`), checked at `threshold`. */
export interface AlertInput {
  /** Stable for the same rule and period (the same alert raised again keeps it). */
  key: string;
  kind: string;
  period: "day" | "week";
  /** ISO 8601 UTC: the period's start. */
  start: string;
  message: string;
  rule: Record<string, unknown>;
  values: Record<string, unknown>;
  threshold: number;
}

/** A stored alert. `active` until the rule holds no more for its period (`clearedAt`). */
export interface AlertView extends AlertInput {
  id: number;
  datasetId: number;
  /** ISO 8601 UTC. */
  createdAt: string;
  clearedAt: string | null;
  active: boolean;
  webhook: { status: WebhookStatus; attempts: number; error: string | null; deliveredAt: string | null };
}
