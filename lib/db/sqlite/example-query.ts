/**
 * The gallery's filtered and column-sorted queries in SQLite's dialect (json_extract, GLOB,
 * LIKE … ESCAPE); the query itself is built by lib/db/example-sql.ts, the same for every backend.
 */
import type { ColumnLayout, ExampleQuery } from "../../gallery/kinds";
import { compileExampleSql, type CompiledQuery, type ExampleSqlDialect } from "../example-sql";

export type { CompiledQuery };

const sqlite: ExampleSqlDialect = {
  placeholder: () => "?",
  jsonItem: (column, index) => `CAST(json_extract(p."${column}", '$[${index}]') AS TEXT)`,
  numericLike: (expr) => `${expr} GLOB '*[0-9]*' AND ${expr} NOT GLOB '*[^0-9.eE+-]*'`,
  toNumber: (expr) => `CAST(${expr} AS REAL)`,
  // SQLite compares text with its BINARY collation (memcmp of UTF-8) unless told otherwise.
  binaryText: (expr) => expr,
  // SQLite's LIKE ignores the case of ASCII letters only.
  like: (expr, pattern) => `${expr} LIKE ${pattern} ESCAPE '\\'`,
  // Timestamps are stored as epoch ms.
  instant: (placeholder) => placeholder,
  // SQLite puts NULLs first when ascending and last when descending: its default.
  direction: (dir) => dir,
};

/** Compiles a query over the rows `p` of one dataset (see ranges.ts); throws UnknownColumnError for unknown columns. */
export function compileExampleQuery(query: ExampleQuery, layout: ColumnLayout): CompiledQuery {
  return compileExampleSql(sqlite, query, layout);
}
