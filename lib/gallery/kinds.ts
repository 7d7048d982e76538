/**
 * The gallery's vocabulary: the four outcomes at a threshold, their default orders, the sort keys
 * and the query a page of examples answers. Pure; the data layer compiles an `ExampleQuery` into
 * its own SQL (lib/db/<backend>/example-query.ts).
 */
import { InvalidInputError } from "../errors";
import type { Outcome } from "../metrics";

/** The four outcomes at a threshold; an example is flagged when `score >= threshold`. */
export type ExampleKind = Outcome;
export const EXAMPLE_KINDS = ["fp", "fn", "tp", "tn"] as const;
export type SortOrder = "asc" | "desc";

/** Sort keys every dataset has; slice and extra columns are addressed by their CSV names. */
export const BUILTIN_SORTS = ["score", "distance", "row", "label", "exampleId", "timestamp", "text", "image"] as const;

export interface ExampleQuery {
  threshold: number;
  kind: ExampleKind;
  /** A builtin key or a slice / extra column's name; omitted = the kind's default order. */
  sort?: string;
  order?: SortOrder;
  /** Slice column name → required value. */
  slices?: Record<string, string>;
  /** Case-insensitive substring of the text, the example id, or any slice or extra value. */
  q?: string;
  /** Only rows whose timestamp is at or after `from` and before `to` (epoch ms; either may be left out). */
  from?: number;
  to?: number;
}

/** Column names of a dataset's slice and extra values, in stored order. */
export interface ColumnLayout {
  slices: string[];
  extras: string[];
}

/** Thrown for a sort or filter column the dataset does not have; a 400. */
export class UnknownColumnError extends InvalidInputError {
  constructor(readonly column: string, readonly allowed: string[]) {
    const message = `unknown column ${JSON.stringify(column)}; expected one of ${allowed.join(", ")}`;
    super(`invalid query: ${message}`, "invalid_request", [{ column, message }]);
  }
}

/** Whether flagged examples (score >= threshold) are this kind. */
export const isFlaggedKind = (kind: ExampleKind) => kind === "fp" || kind === "tp";

/** Whether this kind's examples are positives (true label 1). */
export const isPositiveKind = (kind: ExampleKind) => kind === "tp" || kind === "fn";

/** The kind's default order: most confident mistakes first, borderline correct ones first. */
export function defaultOrder(kind: ExampleKind): SortOrder {
  // fp: highest scores first; fn: lowest first; tp: closest above the threshold; tn: closest below.
  return kind === "fp" || kind === "tn" ? "desc" : "asc";
}

/** True when only kind and threshold constrain the rows (totals can come from the score table). */
export const isUnfiltered = (query: ExampleQuery) => Object.keys(query.slices ?? {}).length === 0 && !query.q?.trim() && !hasTimeWindow(query);

/** True when the query keeps only rows of a time window. */
export const hasTimeWindow = (query: ExampleQuery) => query.from !== undefined || query.to !== undefined;

/**
 * The direction rows come in by score when the query is ordered by score (or by distance, which
 * is monotonic in the score on each side of the threshold), else null; ties by id the same way.
 */
export function scoreDirection(query: ExampleQuery): "ASC" | "DESC" | null {
  const sort = query.sort ?? "score";
  const order = query.order ?? (query.sort === undefined ? defaultOrder(query.kind) : "asc");
  if (sort === "score") return order === "desc" ? "DESC" : "ASC";
  // Distance grows with the score above the threshold and shrinks with it below.
  if (sort === "distance") return isFlaggedKind(query.kind) === (order === "asc") ? "ASC" : "DESC";
  return null;
}

/** Checks every slice filter and the sort column against the dataset's columns. */
export function checkColumns(query: ExampleQuery, layout: ColumnLayout): void {
  for (const column of Object.keys(query.slices ?? {})) if (!layout.slices.includes(column)) throw new UnknownColumnError(column, layout.slices);
  const sort = query.sort;
  if (sort === undefined || (BUILTIN_SORTS as readonly string[]).includes(sort) || layout.slices.includes(sort) || layout.extras.includes(sort)) return;
  throw new UnknownColumnError(sort, [...BUILTIN_SORTS, ...layout.slices, ...layout.extras]);
}
