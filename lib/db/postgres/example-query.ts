// The gallery's filtered and column-sorted queries in PostgreSQL's dialect; the query itself is
// built by lib/db/example-sql.ts, the same for every backend, so both return the same rows in the
// same order (SQLite's semantics are the ones mirrored here).
import type { ColumnLayout, ExampleQuery } from "../../gallery/kinds";
import { compileExampleSql, type CompiledQuery, type ExampleSqlDialect } from "../example-sql";

/** SQLite's CAST(text AS REAL): the longest numeric prefix (an exponent only when complete), else 0. */
const NUMERIC_PREFIX = `'^[+-]?(?:[0-9]+[.]?[0-9]*|[.][0-9]+)(?:[eE][+-]?[0-9]+)?'`;

const postgres: ExampleSqlDialect = {
  placeholder: (n) => `$${n}`,
  // The stored JSON is an array of strings (or nulls): ->> gives the string itself.
  jsonItem: (column, index) => `(p."${column}"::json ->> ${index})`,
  numericLike: (expr) => `${expr} ~ '[0-9]' AND ${expr} !~ '[^0-9.eE+-]'`,
  // numeric, not double precision: a prefix like 1e999 must not fail the whole query.
  toNumber: (expr) => `COALESCE(substring(${expr} from ${NUMERIC_PREFIX}), '0')::numeric`,
  // Byte order of UTF-8 (code point order), as SQLite's BINARY collation, whatever the database's locale.
  binaryText: (expr) => `${expr} COLLATE "C"`,
  // With the "C" collation, ILIKE folds the case of ASCII letters only, as SQLite's LIKE.
  like: (expr, pattern) => `${expr} COLLATE "C" ILIKE ${pattern} ESCAPE '\\'`,
  // TIMESTAMP(3) without a time zone holds UTC.
  instant: (placeholder) => `(to_timestamp(${placeholder}::double precision / 1000) AT TIME ZONE 'UTC')`,
  // PostgreSQL puts NULLs last when ascending; SQLite (mirrored) puts them first.
  direction: (dir) => (dir === "ASC" ? "ASC NULLS FIRST" : "DESC NULLS LAST"),
};

/** Compiles a query over the rows `p` of one dataset, parameters numbered from `firstParam`; throws UnknownColumnError for unknown columns. */
export function compileExampleQuery(query: ExampleQuery, layout: ColumnLayout, firstParam: number): CompiledQuery {
  return compileExampleSql(postgres, query, layout, firstParam);
}
