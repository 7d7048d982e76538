/**
 * The backend seam: everything the rest of the app asks of the database, as interfaces. Each
 * backend implements them in its own folder (lib/db/sqlite/, lib/db/postgres/) with its own SQL,
 * schema, client and migrations; nothing outside lib/db/<backend>/ knows which one runs.
 * Every method is async (PostgreSQL is); "not found" answers null or false, never throws.
 */
import type { ColumnLayout, ExampleQuery } from "../gallery/kinds";
import type { AppliedTag, ExampleNote } from "../gallery/types";
import type { DatasetSink } from "../ingest/types";
import type { MigrationResult } from "./migrations";
import type { ScoreOrder, ScoreTable } from "../metrics";
import type { DatasetView, PredictionRecord, ScenarioView, SliceRowVisitor, TagApplication, TagErrorCounts, TagInput, TagView } from "./types";

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
  /** The distinct non-empty image values of the dataset's rows. */
  imageValues(datasetId: number): Promise<string[]>;
  /** Visits every row's score, label and slice values (one scan); false when there is no such dataset. */
  visitSliceRows(datasetId: number, visit: SliceRowVisitor): Promise<boolean>;
}

/** The score indexes stored with each dataset: what makes any threshold a binary search. */
export interface ScoreStore {
  /** The stored score table of the dataset (labelled rows only), or null. */
  table(datasetId: number): Promise<ScoreTable | null>;
  /**
   * Every row of the dataset in (score, id) order, with absolute prediction ids; `table` is the
   * dataset's score table when the caller has it. Null when there is no such dataset.
   */
  order(datasetId: number, table?: ScoreTable): Promise<ScoreOrder | null>;
}

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

/** One database backend. */
export interface Store {
  readonly kind: "sqlite" | "postgresql";
  readonly datasets: DatasetStore;
  readonly rows: RowStore;
  readonly scores: ScoreStore;
  readonly tags: TagStore;
  readonly notes: NoteStore;
  readonly scenarios: ScenarioStore;
  /**
   * A sink writing one new dataset in one transaction (the ingest core drives it): nothing is
   * visible before it commits, and an abort leaves the database as it was. The caller runs one
   * import at a time (lib/imports/queue.ts).
   */
  datasetWriter(): DatasetSink;
  /** Brings the schema up to date; refuses a database migrated further by a newer Cutoff. */
  migrate(): Promise<MigrationResult>;
  /** How many migrations the database has applied. */
  migrationCount(): Promise<number>;
  /** Housekeeping once an import's answer is sent (SQLite copies its write-ahead log into the file). */
  afterImport(): void;
}

export type { MigrationResult };
