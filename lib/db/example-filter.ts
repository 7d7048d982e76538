/**
 * Turns a gallery query (kind of outcome at a threshold, slice filters, text search, sort) into
 * SQL over "Prediction". SQLite-specific (json_extract, LIKE … ESCAPE) and kept inside lib/db.
 * Kind + threshold become a score range plus a label predicate. (Unfiltered pages in score order
 * do not come here: lib/db/examples.ts reads them from the dataset's score order.)
 */

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
}

/** Column names of a dataset's JSON arrays, in stored order. */
export interface ColumnLayout {
  slices: string[];
  extras: string[];
}

/** Thrown for a sort or filter column the dataset does not have; routes answer 400. */
export class UnknownColumnError extends Error {
  constructor(readonly column: string, readonly allowed: string[]) {
    super(`unknown column ${JSON.stringify(column)}; expected one of ${allowed.join(", ")}`);
  }
}

/** Whether flagged examples (score >= threshold) are this kind. */
export const isFlaggedKind = (kind: ExampleKind) => kind === "fp" || kind === "tp";

/** The kind's default order: most confident mistakes first, borderline correct ones first. */
export function defaultOrder(kind: ExampleKind): SortOrder {
  // fp: highest scores first; fn: lowest first; tp: closest above the threshold; tn: closest below.
  return kind === "fp" || kind === "tn" ? "desc" : "asc";
}

const numericLike = (expr: string) => `(${expr} GLOB '*[0-9]*' AND ${expr} NOT GLOB '*[^0-9.eE+-]*')`;

function jsonItem(column: "slices" | "extras", index: number): string {
  return `json_extract("${column}", '$[${index}]')`;
}

export interface CompiledQuery {
  /** WHERE clause (without the keyword) and its parameters. */
  where: string;
  params: unknown[];
  /** ORDER BY clause (without the keywords); always ends with a unique tie-break on id. */
  orderBy: string;
  /** True when only kind and threshold constrain the rows (totals can come from the score table). */
  unfiltered: boolean;
  /** The direction rows come in by score when the order is by score (or distance), else null. */
  scoreDirection: "ASC" | "DESC" | null;
}

/** Compiles a query for one dataset; throws UnknownColumnError for unknown columns. */
export function compileExampleQuery(datasetId: number, query: ExampleQuery, layout: ColumnLayout): CompiledQuery {
  const flagged = isFlaggedKind(query.kind);
  const positive = query.kind === "tp" || query.kind === "fn";
  const clauses = [`"datasetId" = ?`, `"score" ${flagged ? ">=" : "<"} ?`, `"label" = ?`];
  const params: unknown[] = [datasetId, query.threshold, positive ? 1 : 0];

  for (const [column, value] of Object.entries(query.slices ?? {})) {
    const index = layout.slices.indexOf(column);
    if (index < 0) throw new UnknownColumnError(column, layout.slices);
    clauses.push(`COALESCE(CAST(${jsonItem("slices", index)} AS TEXT), '') = ?`);
    params.push(value);
  }
  const q = query.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clauses.push(`("text" LIKE ? ESCAPE '\\' OR "exampleId" LIKE ? ESCAPE '\\' OR "slices" LIKE ? ESCAPE '\\' OR "extras" LIKE ? ESCAPE '\\')`);
    params.push(pattern, pattern, pattern, pattern);
  }
  const orderBy = compileOrder(query, layout);
  const scoreOrder = /^"score" (ASC|DESC), "id" (ASC|DESC)$/.exec(orderBy);
  return {
    where: clauses.join(" AND "),
    params,
    orderBy,
    scoreDirection: scoreOrder ? (scoreOrder[1] as "ASC" | "DESC") : null,
    unfiltered: Object.keys(query.slices ?? {}).length === 0 && !q,
  };
}

function compileOrder(query: ExampleQuery, layout: ColumnLayout): string {
  const sort = query.sort ?? "score";
  const order = query.order ?? (query.sort === undefined ? defaultOrder(query.kind) : "asc");
  const dir = order === "desc" ? "DESC" : "ASC";
  const tieBreak = `"id" ${dir}`;
  if (sort === "score") return `"score" ${dir}, ${tieBreak}`;
  if (sort === "distance") {
    // Distance grows with the score above the threshold and shrinks with it below.
    const scoreDir = isFlaggedKind(query.kind) === (order === "asc") ? "ASC" : "DESC";
    return `"score" ${scoreDir}, "id" ${scoreDir}`;
  }
  // Ties on another column keep the kind's default order: most confident mistakes first.
  const thenDefault = `"score" ${defaultOrder(query.kind) === "desc" ? "DESC" : "ASC"}, "id" ASC`;
  if ((BUILTIN_SORTS as readonly string[]).includes(sort)) return `"${sort}" IS NULL, "${sort}" ${dir}, ${thenDefault}`;
  const sliceIndex = layout.slices.indexOf(sort);
  const extraIndex = layout.extras.indexOf(sort);
  const expr = sliceIndex >= 0 ? jsonItem("slices", sliceIndex) : extraIndex >= 0 ? jsonItem("extras", extraIndex) : null;
  if (!expr) throw new UnknownColumnError(sort, [...BUILTIN_SORTS, ...layout.slices, ...layout.extras]);
  // Numbers stored as text ("12.50") sort as numbers, before words; empty values go last.
  const isNumber = numericLike(expr);
  return `(${expr} IS NULL OR ${expr} = '') ASC, ${isNumber} DESC, CASE WHEN ${isNumber} THEN CAST(${expr} AS REAL) END ${dir}, ${expr} ${dir}, ${thenDefault}`;
}
