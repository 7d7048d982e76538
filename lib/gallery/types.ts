/** What a page of the gallery holds: examples with everything a reviewer needs to judge them. */
import type { ExampleKind } from "./kinds";

/** A failure-mode tag as applied to one example. */
export interface AppliedTag {
  id: number;
  name: string;
  color: string;
  /** Who applied it, when given. */
  reviewer: string | null;
  /** When it was applied, ISO 8601 UTC. */
  appliedAt: string;
}

/** A reviewer's note on one example. */
export interface ExampleNote {
  id: number;
  body: string;
  reviewer: string | null;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** One example of the gallery: a prediction with everything a reviewer needs to judge it. */
export interface Example {
  /** The prediction's id (use it to tag or annotate the example). */
  id: number;
  /** Spreadsheet row number in the uploaded file (the header is row 1). */
  row: number;
  /** 1 positive, 0 negative. */
  label: number;
  score: number;
  /** How far the score is from the threshold, |score − threshold|: large = a confident call. */
  distance: number;
  exampleId: string | null;
  /** ISO 8601 UTC, or null. */
  timestamp: string | null;
  text: string | null;
  /** An image URL or the name of an image stored with the dataset. */
  image: string | null;
  /** Slice column → value. */
  slices: Record<string, string | null>;
  /** Other column → value. */
  extras: Record<string, string | null>;
  tags: AppliedTag[];
  notes: ExampleNote[];
}

export interface ExamplePage {
  /** Every example matching the query (not just this page). */
  total: number;
  threshold: number;
  kind: ExampleKind;
  items: Example[];
}

/** Most examples one page may hold. */
export const MAX_PAGE = 500;

/** Most examples one CSV export holds. */
export const MAX_EXPORT = 100_000;

/** A failure mode of a dataset, e.g. "gift-card purchases". */
export interface TagView {
  id: number;
  name: string;
  /** CSS colour, "#rrggbb". */
  color: string;
  description: string;
  /** Keyboard order in meeting mode: the first nine tags get keys 1–9. */
  position: number;
  /** Examples carrying the tag (any outcome). */
  examples: number;
}

export interface TagInput {
  name: string;
  color?: string;
  description?: string;
  position?: number;
}

/** One application of a tag to an example. */
export interface TagApplication {
  predictionId: number;
  tagId: number;
  reviewer: string | null;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** Per tag, its examples that are false positives / false negatives at a threshold. */
export interface TagErrorCounts {
  perTag: { tagId: number; fp: number; fn: number }[];
  /** Errors with at least one tag: the sample failure-mode shares are measured on. */
  reviewed: { fp: number; fn: number };
}
