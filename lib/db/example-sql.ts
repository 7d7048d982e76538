/**
 * Turns a gallery query (kind of outcome at a threshold, slice filters, text search, sort) into a
 * WHERE and an ORDER BY over the rows `p` of "Prediction", in any backend's SQL: the backend
 * supplies its dialect (JSON items, patterns, placeholders; lib/db/<backend>/example-query.ts) and
 * every backend gets the same rows in the same order. Kind + threshold become a score range plus
 * a label predicate. (Unfiltered pages in score order do not come here: they are read from the
 * dataset's segments, see lib/db/examples.ts.)
 */
import { BUILTIN_SORTS, defaultOrder, isFlaggedKind, isPositiveKind, UnknownColumnError, type ColumnLayout, type ExampleQuery } from "../gallery/kinds";

/** How a backend writes the few things that differ between SQL dialects. */
export interface ExampleSqlDialect {
  /** The placeholder of the n-th parameter (1-based). */
  placeholder(n: number): string;
  /** Item `index` of the JSON array text in column "slices" or "extras", as SQL text (NULL when absent or JSON null). */
  jsonItem(column: "slices" | "extras", index: number): string;
  /** True when a text value holds a digit and nothing but digits, '.', 'e', 'E', '+' and '-'. */
  numericLike(expr: string): string;
  /** The number a numericLike text begins with (SQLite's CAST AS REAL: the longest numeric prefix, else 0). */
  toNumber(expr: string): string;
  /** A text value compared and sorted byte by byte (UTF-8 code point order). */
  binaryText(expr: string): string;
  /** A case-insensitive (ASCII letters only) LIKE with backslash as the escape character. */
  like(expr: string, pattern: string): string;
  /** The stored timestamp of an instant given as epoch ms (a parameter's placeholder). */
  instant(placeholder: string): string;
  /** ORDER BY direction with SQLite's placement of NULLs (first when ascending, last when descending). */
  direction(dir: "ASC" | "DESC"): string;
}

export interface CompiledQuery {
  /** WHERE clause (without the keyword) and its parameters. */
  where: string;
  params: unknown[];
  /** ORDER BY clause (without the keywords); always ends with a unique tie-break on id. */
  orderBy: string;
}

/**
 * Compiles a query over the rows `p` of one dataset; its parameters are numbered from
 * `firstParam`. Throws UnknownColumnError for unknown columns.
 */
export function compileExampleSql(dialect: ExampleSqlDialect, query: ExampleQuery, layout: ColumnLayout, firstParam = 1): CompiledQuery {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return dialect.placeholder(firstParam + params.length - 1);
  };
  const flagged = isFlaggedKind(query.kind);
  const positive = isPositiveKind(query.kind);
  const clauses = [`p."score" ${flagged ? ">=" : "<"} ${bind(query.threshold)}`, `p."label" = ${bind(positive ? 1 : 0)}`];

  for (const [column, value] of Object.entries(query.slices ?? {})) {
    const index = layout.slices.indexOf(column);
    if (index < 0) throw new UnknownColumnError(column, layout.slices);
    clauses.push(`COALESCE(${dialect.jsonItem("slices", index)}, '') = ${bind(value)}`);
  }
  // A time window [from, to) in epoch ms; rows without a timestamp are in none.
  if (query.from !== undefined) clauses.push(`p."timestamp" >= ${dialect.instant(bind(query.from))}`);
  if (query.to !== undefined) clauses.push(`p."timestamp" < ${dialect.instant(bind(query.to))}`);
  const q = query.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const columns = [`p."text"`, `p."exampleId"`, `p."slices"`, `p."extras"`];
    clauses.push(`(${columns.map((c) => dialect.like(c, bind(pattern))).join(" OR ")})`);
  }
  return { where: clauses.join(" AND "), params, orderBy: compileOrder(dialect, query, layout) };
}

function compileOrder(dialect: ExampleSqlDialect, query: ExampleQuery, layout: ColumnLayout): string {
  const sort = query.sort ?? "score";
  const order = query.order ?? (query.sort === undefined ? defaultOrder(query.kind) : "asc");
  const dir = dialect.direction(order === "desc" ? "DESC" : "ASC");
  const asc = dialect.direction("ASC");
  const desc = dialect.direction("DESC");
  const tieBreak = `p."id" ${dir}`;
  if (sort === "score") return `p."score" ${dir}, ${tieBreak}`;
  if (sort === "distance") {
    // Distance grows with the score above the threshold and shrinks with it below.
    const scoreDir = isFlaggedKind(query.kind) === (order === "asc") ? asc : desc;
    return `p."score" ${scoreDir}, p."id" ${scoreDir}`;
  }
  // Ties on another column keep the kind's default order: most confident mistakes first.
  const thenDefault = `p."score" ${defaultOrder(query.kind) === "desc" ? desc : asc}, p."id" ${asc}`;
  if ((BUILTIN_SORTS as readonly string[]).includes(sort)) {
    const column = `p."${sort}"`;
    const value = ["exampleId", "text", "image"].includes(sort) ? dialect.binaryText(column) : column;
    return `${column} IS NULL ${asc}, ${value} ${dir}, ${thenDefault}`;
  }
  const sliceIndex = layout.slices.indexOf(sort);
  const extraIndex = layout.extras.indexOf(sort);
  const expr = sliceIndex >= 0 ? dialect.jsonItem("slices", sliceIndex) : extraIndex >= 0 ? dialect.jsonItem("extras", extraIndex) : null;
  if (!expr) throw new UnknownColumnError(sort, [...BUILTIN_SORTS, ...layout.slices, ...layout.extras]);
  // Numbers stored as text ("12.50") sort as numbers, before words; empty values go last.
  const isNumber = dialect.numericLike(expr);
  return `(${expr} IS NULL OR ${expr} = '') ${asc}, (${isNumber}) ${desc}, CASE WHEN ${isNumber} THEN ${dialect.toNumber(expr)} END ${dir}, ${dialect.binaryText(expr)} ${dir}, ${thenDefault}`;
}
