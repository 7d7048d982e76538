/**
 * The backend seam: everything the rest of the app asks of the database, as interfaces. Each
 * backend implements them in its own folder (lib/db/sqlite/, lib/db/postgres/) with its own SQL,
 * schema, client and migrations; nothing outside lib/db/<backend>/ knows which one runs.
 * Every method is async (PostgreSQL is); "not found" answers null or false, never throws.
 */
import type { ColumnLayout, ExampleQuery } from "../gallery/kinds";
import type { AppliedTag, ExampleNote } from "../gallery/types";
import type { DatasetSink } from "../ingest/types";
import type { ScoreSummary } from "../metrics";
import type { ScoreSegment } from "../metrics/segment";
import type { BatchView, DatasetView, LabelChangeInput, LabelsWritten, PredictionRecord, ScenarioView, SegmentRef, TagApplication, TagErrorCounts, TagInput, TagView } from "./types";
import type { MigrationResult } from "./migrations";
import type { AlertInput, AlertView, WebhookStatus } from "./types";
import type { AuditClaim, AuditItemRecord, AuditRecord, AuditReviewUpdate, AuditTopUp, NewAudit } from "./audit-types";
import type { SegmentKeys } from "./codec";
import type { ModelFacts, ModelVersionView } from "../models/facts";

export interface DatasetStore {
  /** All datasets, newest first. */
  list(): Promise<DatasetView[]>;
  get(id: number): Promise<DatasetView | null>;
  /** The dataset's version (see DatasetView.version); null when there is no such dataset. */
  version(id: number): Promise<number | null>;
  count(): Promise<number>;
  /** The dataset's slice and extra column names, in stored order. */
  columnLayout(id: number): Promise<ColumnLayout | null>;
  rename(id: number, name: string): Promise<DatasetView | null>;
  /**
   * Stores the summary figures computed at `version` (a no-op when the dataset moved on to another
   * version meanwhile); the saved view, or null when the save is not awaited (SQLite queues it on
   * its writer thread) or did not happen.
   */
  saveSummary(id: number, version: number, summary: ScoreSummary): Promise<DatasetView | null>;
  /** Replaces the stakeholder settings (a validated JSON object). */
  saveSettings(id: number, settings: Record<string, unknown>): Promise<DatasetView | null>;
  /** Deletes the dataset and every row, tag, note and scenario of it, in one transaction. */
  delete(id: number): Promise<boolean>;
}

/** Reads of a dataset's rows. */
export interface RowStore {
  /** The rows with these prediction ids, in the order asked (missing ids left out). */
  byIds(datasetId: number, ids: number[]): Promise<PredictionRecord[]>;
  /**
   * One page of a filtered or column-sorted gallery query (prediction ids in the query's order)
   * and the number of rows matching it. Throws UnknownColumnError for a column not in `layout`.
   */
  page(datasetId: number, query: ExampleQuery, layout: ColumnLayout, limit: number, offset: number): Promise<{ ids: number[]; total: number }>;
  /** Every row matching the query, in its order, up to `max` rows (for exports). */
  matching(datasetId: number, query: ExampleQuery, layout: ColumnLayout, max: number): Promise<PredictionRecord[]>;
  /**
   * The same rows a slice at a time, each read or sent when the last is taken, so that an export
   * never holds all of them (optional: without it, exports slice `matching`'s answer).
   */
  matchingSlices?(datasetId: number, query: ExampleQuery, layout: ColumnLayout, max: number): AsyncGenerator<PredictionRecord[]>;
  /** The distinct non-empty image values of the dataset's rows. */
  imageValues(datasetId: number): Promise<string[]>;
  /** The prediction id of each example id the dataset has (ids it lacks are left out). */
  predictionIdsOf(datasetId: number, exampleIds: string[]): Promise<Map<string, number>>;
  /**
   * Whether pairs of rows of two datasets have the same example id: k-th 1 when prediction
   * `idsA[k]` of dataset `a` and `idsB[k]` of dataset `b` both have one and it is the same text
   * (a comparison checks the rows its 53-bit keys matched).
   */
  sameExampleIds(a: number, idsA: Float64Array, b: number, idsB: Float64Array): Promise<Uint8Array>;
}

/** The score-sorted segments stored with each dataset: what makes any threshold a binary search. */
export interface ScoreStore {
  /** The dataset's segments (largest first); null when there is no such dataset. */
  segments(datasetId: number): Promise<SegmentRef[] | null>;
  /** One segment's columns; null when it is gone (merged into another since it was listed). */
  segment(segmentId: number, sliceColumns: number): Promise<ScoreSegment | null>;
  /** The dataset's slice values by column (a segment stores a value's index); null without the dataset. */
  sliceValues(datasetId: number): Promise<Record<string, string[]> | null>;
  /** One segment's example-id keys (ascending, with each row's id offset); null without keys or when it is gone. */
  keys(segmentId: number): Promise<(SegmentKeys & { firstId: number }) | null>;
}

/** What an append does with rows whose example id the dataset already has. */
export type DuplicatePolicy = "refuse" | "skip";

/** Failure-mode tags and their applications to examples. */
export interface TagStore {
  /** A dataset's tags in keyboard order. */
  list(datasetId: number): Promise<TagView[]>;
  /** Creates a tag after the existing ones; null without the dataset; ConflictError for a taken name. */
  create(datasetId: number, input: TagInput): Promise<TagView | null>;
  update(datasetId: number, tagId: number, input: Partial<TagInput>): Promise<TagView | null>;
  delete(datasetId: number, tagId: number): Promise<boolean>;
  /** Tags an example (idempotent: keeps the first reviewer and time); null when either is not the dataset's. */
  apply(datasetId: number, predictionId: number, tagId: number, reviewer: string | null): Promise<TagApplication | null>;
  remove(datasetId: number, predictionId: number, tagId: number): Promise<boolean>;
  /** The tags (keyboard order) of the given predictions. */
  ofPredictions(predictionIds: number[]): Promise<Map<number, AppliedTag[]>>;
  /** Per tag, its false positives and false negatives at `threshold`, and the reviewed errors. */
  errorCounts(datasetId: number, threshold: number): Promise<TagErrorCounts>;
}

export interface NoteStore {
  add(datasetId: number, predictionId: number, body: string, reviewer: string | null): Promise<ExampleNote | null>;
  /** An example's notes, oldest first; null when the example is not the dataset's. */
  list(datasetId: number, predictionId: number): Promise<ExampleNote[] | null>;
  delete(datasetId: number, noteId: number): Promise<boolean>;
  /** The notes (oldest first) of the given predictions. */
  ofPredictions(predictionIds: number[]): Promise<Map<number, ExampleNote[]>>;
}

export interface ScenarioStore {
  /** A dataset's scenarios, oldest first; null when the dataset does not exist. */
  list(datasetId: number): Promise<ScenarioView[] | null>;
  /** Saves a scenario, replacing one of the same name; null when the dataset does not exist. */
  save(datasetId: number, input: { name: string; threshold: number; settings: Record<string, unknown> }): Promise<ScenarioView | null>;
  delete(datasetId: number, scenarioId: number): Promise<boolean>;
}

/** The alerts a dataset's monitoring rules raised (lib/monitoring/alerts.ts), with their webhook deliveries. */
export interface AlertStore {
  /** A dataset's alerts, newest period first (active ones, or all with `all`); null without the dataset. */
  list(datasetId: number, options?: { all?: boolean; limit?: number }): Promise<AlertView[] | null>;
  /**
   * Stores one check of every rule: alerts with a new key are added (`webhook` says whether they
   * wait for a delivery) and returned; stored ones raised again are active again with their new
   * figures; active ones not raised any more are cleared. Null without the dataset.
   */
  sync(datasetId: number, raised: AlertInput[], options: { webhook: boolean }): Promise<AlertView[] | null>;
  /** Records a webhook attempt on an alert. */
  recordDelivery(alertId: number, delivery: { status: WebhookStatus; attempts: number; error: string | null; deliveredAt: Date | null }): Promise<void>;
  /** Active alerts per dataset (datasets without any are left out), for the home list. */
  activeCounts(): Promise<Map<number, number>>;
}

/**
 * Manual audits (lib/audit, lib/services/audits.ts): designs, drawn rows, holds and reviews. The
 * queue is claimed here so that each backend can hand items out atomically its own way (SQLite: a
 * conditional UPDATE in one write transaction; PostgreSQL: row locks that skip rows another claim holds).
 */
export interface AuditStore {
  /** The id of the latest label change of any dataset (0 before any): a frame's label mark. */
  lastLabelChangeId(): Promise<number>;
  /**
   * For each row of the dataset whose label changed after the label change `afterId`, its label
   * before the first such change (1, 0, null): with the current labels, the labels as of the mark.
   */
  labelsBefore(datasetId: number, afterId: number): Promise<Map<number, number | null>>;
  /** Stores a drawn audit and its items in one transaction; null without the dataset. */
  create(datasetId: number, audit: NewAudit): Promise<AuditRecord | null>;
  /** The dataset's audits, newest first. */
  list(datasetId: number): Promise<AuditRecord[]>;
  get(datasetId: number, auditId: number): Promise<AuditRecord | null>;
  /** The audit's revision alone (asked before every cached estimate); null when not found. */
  revision(auditId: number): Promise<number | null>;
  /** The audit's items in queue order. */
  items(auditId: number): Promise<AuditItemRecord[]>;
  /** Raises an audit's size (new design, new π per stratum, new rows); null when not found. */
  topUp(auditId: number, topUp: AuditTopUp): Promise<AuditRecord | null>;
  rename(auditId: number, name: string): Promise<AuditRecord | null>;
  delete(datasetId: number, auditId: number): Promise<boolean>;
  /**
   * Hands `reviewer` up to `limit` items in queue order, atomically: items without a first label
   * (or, for doubly reviewed items, without a second from someone else), not held by another
   * reviewer until after `now`, not skipped by this reviewer. They are held for the reviewer
   * until `now + holdMs` (items already held for them are handed again, their hold renewed).
   */
  claim(auditId: number, reviewer: string, limit: number, now: number, holdMs: number): Promise<AuditClaim>;
  /** Writes reviews of items (their holds released) and bumps the revision, in one transaction. */
  saveReviews(auditId: number, updates: AuditReviewUpdate[]): Promise<void>;
  /** Releases an item the reviewer skipped (not handed to them again); false when not found. */
  skip(auditId: number, itemId: number, reviewer: string): Promise<boolean>;
}

/** Model versions' facts (lib/models), and which model and version a dataset belongs to. */
export interface ModelStore {
  /** Every version with stored facts, by model name then version. */
  list(): Promise<ModelVersionView[]>;
  get(modelName: string, version: string): Promise<ModelVersionView | null>;
  /** Creates or replaces a version's facts. */
  save(modelName: string, version: string, facts: ModelFacts): Promise<ModelVersionView>;
  delete(modelName: string, version: string): Promise<boolean>;
  /** Puts a dataset under a model and version (nulls: under none); null when there is no such dataset. */
  assign(datasetId: number, modelName: string | null, version: string | null): Promise<DatasetView | null>;
}

/** One database backend. */
export interface Store {
  readonly kind: "sqlite" | "postgresql";
  readonly datasets: DatasetStore;
  readonly rows: RowStore;
  readonly scores: ScoreStore;
  readonly tags: TagStore;
  readonly notes: NoteStore;
  readonly scenarios: ScenarioStore;
  readonly alerts: AlertStore;
  readonly audits: AuditStore;
  readonly models: ModelStore;
  /**
   * A sink writing one new dataset in one transaction (the ingest core drives it): nothing is
   * visible before it commits, and an abort leaves the database as it was. The caller runs one
   * import at a time (lib/imports/queue.ts).
   */
  datasetWriter(): DatasetSink;
  /**
   * A sink appending one batch of rows to an existing dataset in one transaction; ids the dataset
   * already has refuse the batch (ConflictError duplicate_ids) or are skipped. The caller runs one
   * write at a time (lib/imports/queue.ts).
   */
  appendWriter(datasetId: number, duplicates: DuplicatePolicy): DatasetSink;
  /** Sets labels of existing rows in one transaction (rows, segments, counts, history, version). */
  writeLabels(datasetId: number, changes: LabelChangeInput[], options: { source: string; reviewer: string | null }): Promise<LabelsWritten>;
  /** Merges a dataset's small segments when a size tier is full; false when nothing needed it. */
  compact(datasetId: number): Promise<boolean>;
  /** A dataset's history: its imports, appends and label batches, oldest first. */
  batches(datasetId: number): Promise<BatchView[]>;
  /** Brings the schema up to date; refuses a database migrated further by a newer Cutoff. */
  migrate(): Promise<MigrationResult>;
  /** How many migrations the database has applied. */
  migrationCount(): Promise<number>;
  /** Housekeeping once an import's answer is sent (SQLite copies its write-ahead log into the file). */
  afterImport(): void;
  /** Starts what imports write through (SQLite: its writer thread), so the first one need not wait for it. */
  beforeImports(): void;
  /**
   * Copies the whole database as of one commit into `target` (a new file), or a temporary file
   * next to it that the caller removes; imports and reviews go on meanwhile. Backends that have
   * their own tools (PostgreSQL: pg_dump) leave it out.
   */
  backup?(target?: string): Promise<BackupResult>;
}

/** A backup written: its file and size in bytes. */
export interface BackupResult {
  file: string;
  bytes: number;
}

export type { MigrationResult };
export type * from "./audit-types";
