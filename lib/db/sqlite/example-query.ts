/**
 * Turns a gallery query (kind of outcome at a threshold, slice filters, text search, sort) into
 * SQLite SQL over "Prediction" (json_extract, GLOB, LIKE … ESCAPE). Kind + threshold become a
 * score range plus a label predicate. (Unfiltered pages in score order do not come here: they are
 * read from the dataset's score order, see lib/db/examples.ts.)
 */
import { BUILTIN_SORTS, defaultOrder, isFlaggedKind, isPositiveKind, UnknownColumnError, type ColumnLayout, type ExampleQuery } from "../../gallery/kinds";

const numericLike = (expr: string) => `(${expr} GLOB '*[0-9]*' AND ${expr} NOT GLOB '*[^0-9.eE+-]*')`;

function jsonItem(column: "slices" | "extras", index: number): string {
  return `json_extract(p."${column}", '$[${index}]')`;
}

export interface CompiledQuery {
  /** WHERE clause (without the keyword) and its parameters. */
  where: string;
  params: unknown[];
  /** ORDER BY clause (without the keywords); always ends with a unique tie-break on id. */
  orderBy: string;
}

/** Compiles a query over the rows `p` of one dataset (see ranges.ts); throws UnknownColumnError for unknown columns. */
export function compileExampleQuery(query: ExampleQuery, layout: ColumnLayout): CompiledQuery {
  const flagged = isFlaggedKind(query.kind);
  const positive = isPositiveKind(query.kind);
  const clauses = [`p."score" ${flagged ? ">=" : "<"} ?`, `p."label" = ?`];
  const params: unknown[] = [query.threshold, positive ? 1 : 0];

  for (const [column, value] of Object.entries(query.slices ?? {})) {
    const index = layout.slices.indexOf(column);
    if (index < 0) throw new UnknownColumnError(column, layout.slices);
    clauses.push(`COALESCE(CAST(${jsonItem("slices", index)} AS TEXT), '') = ?`);
    params.push(value);
  }
  if (query.from !== undefined) {
    clauses.push(`p."timestamp" >= ?`);
    params.push(query.from);
  }
  if (query.to !== undefined) {
    clauses.push(`p."timestamp" < ?`);
    params.push(query.to);
  }
  const q = query.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clauses.push(`(p."text" LIKE ? ESCAPE '\\' OR p."exampleId" LIKE ? ESCAPE '\\' OR p."slices" LIKE ? ESCAPE '\\' OR p."extras" LIKE ? ESCAPE '\\')`);
    params.push(pattern, pattern, pattern, pattern);
  }
  return { where: clauses.join(" AND "), params, orderBy: compileOrder(query, layout) };
}

function compileOrder(query: ExampleQuery, layout: ColumnLayout): string {
  const sort = query.sort ?? "score";
  const order = query.order ?? (query.sort === undefined ? defaultOrder(query.kind) : "asc");
  const dir = order === "desc" ? "DESC" : "ASC";
  const tieBreak = `p."id" ${dir}`;
  if (sort === "score") return `p."score" ${dir}, ${tieBreak}`;
  if (sort === "distance") {
    // Distance grows with the score above the threshold and shrinks with it below.
    const scoreDir = isFlaggedKind(query.kind) === (order === "asc") ? "ASC" : "DESC";
    return `p."score" ${scoreDir}, p."id" ${scoreDir}`;
  }
  // Ties on another column keep the kind's default order: most confident mistakes first.
  const thenDefault = `p."score" ${defaultOrder(query.kind) === "desc" ? "DESC" : "ASC"}, p."id" ASC`;
  if ((BUILTIN_SORTS as readonly string[]).includes(sort)) return `p."${sort}" IS NULL, p."${sort}" ${dir}, ${thenDefault}`;
  const sliceIndex = layout.slices.indexOf(sort);
  const extraIndex = layout.extras.indexOf(sort);
  const expr = sliceIndex >= 0 ? jsonItem("slices", sliceIndex) : extraIndex >= 0 ? jsonItem("extras", extraIndex) : null;
  if (!expr) throw new UnknownColumnError(sort, [...BUILTIN_SORTS, ...layout.slices, ...layout.extras]);
  // Numbers stored as text ("12.50") sort as numbers, before words; empty values go last.
  const isNumber = numericLike(expr);
  return `(${expr} IS NULL OR ${expr} = '') ASC, ${isNumber} DESC, CASE WHEN ${isNumber} THEN CAST(${expr} AS REAL) END ${dir}, ${expr} ${dir}, ${thenDefault}`;
}
