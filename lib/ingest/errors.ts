import type { IngestProblem } from "./types";

/** Why a file was refused. `upload_too_large` maps to HTTP 413, everything else to 400. */
export type IngestErrorCode =
  | "empty_file"
  | "no_rows"
  | "missing_column"
  | "positive_label_required"
  | "invalid_rows"
  | "invalid_csv"
  | "invalid_header"
  | "invalid_encoding"
  | "invalid_gzip"
  | "upload_too_large"
  | "columns_differ";

/** Longest error message kept, in characters (values in it are cut shorter still). */
export const MAX_MESSAGE_CHARS = 500;
/** Longest message of one problem, and longest column name echoed in one. */
export const MAX_DETAIL_CHARS = 240;
export const MAX_COLUMN_CHARS = 80;
/** Longest cell value quoted in a message. */
export const MAX_QUOTED_CHARS = 40;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * `text` cut to `max` characters (with "…"), control characters shown as their visible symbols
 * (U+2400 block): what an error may echo of the file, so no message is ever large.
 */
export function clip(text: string, max: number): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return cut.replace(CONTROL, (c) => String.fromCharCode(c === "\u007f" ? 0x2421 : 0x2400 + c.charCodeAt(0)));
}

/** A value as quoted in a message: `"abc"`, cut to MAX_QUOTED_CHARS characters. */
export function quoteValue(value: string, max = MAX_QUOTED_CHARS): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/** A problem with its texts cut to the sizes above. */
export function clipProblem(p: IngestProblem): IngestProblem {
  return { ...(p.row !== undefined ? { row: p.row } : {}), ...(p.column !== undefined ? { column: clip(p.column, MAX_COLUMN_CHARS) } : {}), message: clip(p.message, MAX_DETAIL_CHARS) };
}

/** Problems collected before an import gives up. */
export const MAX_PROBLEMS = 10;

/** The file cannot be imported; `details` names the first problems with row and column. Texts are cut short (clip). */
export class IngestError extends Error {
  readonly details: IngestProblem[];
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    details: IngestProblem[] = [],
  ) {
    super(clip(message, MAX_MESSAGE_CHARS));
    this.name = "IngestError";
    this.details = details.slice(0, MAX_PROBLEMS).map(clipProblem);
  }
}

/** `row 12, column "score": "abc" is not a number`. */
export function describeProblem(p: IngestProblem): string {
  const where = [p.row !== undefined ? `row ${p.row}` : "", p.column !== undefined ? `column ${quoteValue(p.column, MAX_COLUMN_CHARS)}` : ""].filter(Boolean).join(", ");
  return where ? `${where}: ${p.message}` : p.message;
}

/** What kind of problem came first in a file; it names the error code. */
export type ProblemKind = "row" | "syntax" | "encoding" | "header";

/** The error code for a file whose first problem is of `kind`. */
export function codeForProblem(kind: ProblemKind): IngestErrorCode {
  return kind === "syntax" ? "invalid_csv" : kind === "encoding" ? "invalid_encoding" : kind === "header" ? "invalid_header" : "invalid_rows";
}

/** The IngestError for a list of problems (in row order): the first one's text, and how many follow. */
export function problemsError(kind: ProblemKind, problems: IngestProblem[]): IngestError {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""}${problems.length >= MAX_PROBLEMS ? " at least" : ""})` : "";
  return new IngestError(codeForProblem(kind), describeProblem(problems[0]) + more, problems);
}
