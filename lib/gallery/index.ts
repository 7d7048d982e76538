/**
 * lib/gallery — the failure gallery's own vocabulary, pure: the outcome kinds and their orders
 * (kinds.ts), the examples a page holds (types.ts), the API's query and body schemas (schemas.ts)
 * and the CSV export (export-csv.ts). The data layer reads the pages (lib/db/examples.ts).
 */
export * from "./kinds";
export * from "./types";
export * from "./schemas";
export * from "./export-csv";
