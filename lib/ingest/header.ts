/**
 * The header row: where it ends in the first bytes, the column names it gives, and what makes it
 * unusable. Browser-safe and pure: the upload page and the server read headers alike.
 */
import { BAD_CHARACTER, badByte } from "./encodings";
import type { ProblemKind } from "./errors";
import type { IngestProblem } from "./types";

/** The header row must end within this many bytes of the file (a longer one is refused). */
export const MAX_HEADER_BYTES = 4 * 2 ** 20;
/** Most columns a file may have. */
export const MAX_COLUMNS = 10_000;
/** Longest column name, in characters (the API takes column names up to this long). */
export const MAX_COLUMN_NAME_CHARS = 500;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Finds the end of the header row (the first line break outside quotes) in a file's first bytes,
 * fed chunk by chunk. Quotes and line breaks are the same bytes in every encoding Cutoff reads.
 */
export class HeaderScanner {
  private quoted = false;
  private scanned = 0;
  /** Bytes up to and including the header's line break, or -1 while it has not been seen. */
  end = -1;
  /** Offset of a NUL byte before the header's end, or -1. */
  nul = -1;

  /** Scans the next chunk (never past MAX_HEADER_BYTES); true once the header's end or a NUL byte was found. */
  push(chunk: Uint8Array): boolean {
    if (this.end >= 0 || this.nul >= 0) return true;
    const stop = Math.min(chunk.length, MAX_HEADER_BYTES + 1 - this.scanned);
    for (let i = 0; i < stop; i++) {
      const b = chunk[i];
      if (b === QUOTE) this.quoted = !this.quoted;
      else if ((b === LF || b === CR) && !this.quoted) {
        this.end = this.scanned + i + 1;
        return true;
      } else if (b === 0) {
        this.nul = this.scanned + i;
        return true;
      }
    }
    this.scanned += chunk.length;
    return false;
  }
}

/** Column names from the header's fields: trimmed; an empty one is named `column_<position>`. */
export function headerColumns(fields: readonly string[]): string[] {
  return fields.map((field, i) => field.trim() || `column_${i + 1}`);
}

const count = (n: number) => n.toLocaleString("en-US");

/** "columns 2 and 3", "columns 2, 3 and 5". */
function positions(list: number[]): string {
  const shown = list.map((i) => String(i + 1));
  return `columns ${shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : shown[0]}`;
}

/**
 * What makes a header unusable: more than MAX_COLUMNS columns, a name with a NUL or an
 * undecodable byte (as decoded by lib/ingest/text-decode.ts), a name over MAX_COLUMN_NAME_CHARS,
 * a name used twice. Problems are on row 1; `kind` is the first one's.
 */
export function headerProblems(columns: readonly string[]): { kind: ProblemKind; problems: IngestProblem[] } {
  if (columns.length > MAX_COLUMNS) {
    return { kind: "header", problems: [{ row: 1, message: `the header has ${count(columns.length)} columns, more than the limit of ${count(MAX_COLUMNS)}` }] };
  }
  const problems: IngestProblem[] = [];
  let kind: ProblemKind = "header";
  const seen = new Map<string, number[]>();
  columns.forEach((name, i) => {
    const bad = BAD_CHARACTER.exec(name);
    if (bad) {
      const byte = badByte(bad[0].charCodeAt(0));
      if (byte !== 0 && problems.length === 0) kind = "encoding";
      problems.push({
        row: 1,
        message: byte === 0 ? `column ${i + 1}: the name holds a NUL byte (0x00)` : `column ${i + 1}: the name is not valid UTF-8 (byte 0x${byte.toString(16).toUpperCase()}): if the file is not UTF-8, name its encoding (encoding=windows-1252 or latin1)`,
      });
    } else if (name.length > MAX_COLUMN_NAME_CHARS) {
      problems.push({ row: 1, message: `column ${i + 1}: the name is ${count(name.length)} characters long, more than the limit of ${count(MAX_COLUMN_NAME_CHARS)}` });
    }
    seen.set(name, [...(seen.get(name) ?? []), i]);
  });
  for (const [name, at] of seen) {
    if (at.length < 2) continue;
    problems.push({ row: 1, column: name, message: `the column name ${JSON.stringify(name)} is used ${at.length === 2 ? "twice" : `${at.length} times`} (${positions(at)}): give every column its own name` });
  }
  return { kind, problems };
}
