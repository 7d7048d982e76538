import type { IngestProblem } from "./types";

/** Why a file was refused. `upload_too_large` maps to HTTP 413, everything else to 400. */
export type IngestErrorCode =
  | "empty_file"
  | "no_rows"
  | "missing_column"
  | "positive_label_required"
  | "invalid_rows"
  | "invalid_csv"
  | "invalid_gzip"
  | "upload_too_large"
  | "columns_differ";

/** The file cannot be imported; `details` names the first problems with row and column. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    readonly details: IngestProblem[] = [],
  ) {
    super(message);
    this.name = "IngestError";
  }
}

/** Problems collected before an import gives up. */
export const MAX_PROBLEMS = 10;

/** `row 12, column "score": "abc" is not a number`. */
export function describeProblem(p: IngestProblem): string {
  const where = [p.row !== undefined ? `row ${p.row}` : "", p.column !== undefined ? `column ${JSON.stringify(p.column)}` : ""].filter(Boolean).join(", ");
  return where ? `${where}: ${p.message}` : p.message;
}
