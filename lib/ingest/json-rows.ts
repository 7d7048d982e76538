/**
 * Rows sent as JSON (one object per NDJSON line, or `{"rows": [...]}`), turned into CSV text for
 * the one ingest core: the header is the dataset's columns, each object a record in that order.
 * The objects' keys are the dataset's column names; a key it does not have is an error naming the
 * row, a missing key an empty cell. Row 1 is the first object (the CSV's header is record 0).
 */
import { IngestError, MAX_PROBLEMS } from "./errors";
import type { IngestProblem } from "./types";

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
};

/** One CSV field, quoted when needed (no formula neutralising: these are values to import, not to open). */
const field = (text: string) => (/[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text);

/** Turns JSON objects into CSV lines over `columns`, collecting problems (rows counted from 1). */
export class JsonRowsToCsv {
  readonly problems: IngestProblem[] = [];
  private readonly known: Set<string>;

  constructor(private readonly columns: string[]) {
    this.known = new Set(columns);
  }

  header(): string {
    return this.columns.map(field).join(",") + "\n";
  }

  /** The CSV line of one value (row `row`): a blank line when the value is not an object (the problem is recorded). */
  line(value: unknown, row: number): string {
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      this.problem({ row, message: "is not a JSON object of column names and values" });
      return "\n";
    }
    for (const key of Object.keys(value)) if (!this.known.has(key)) this.problem({ row, column: key, message: `is not a column of the dataset (it has ${this.columns.map((c) => JSON.stringify(c)).join(", ")})` });
    const record = value as Record<string, unknown>;
    return this.columns.map((c) => field(cell(record[c]))).join(",") + "\n";
  }

  /** Throws the problems found, if any. */
  check(): void {
    if (this.problems.length === 0) return;
    const [first] = this.problems;
    throw new IngestError("invalid_rows", `row ${first.row}${first.column ? `, column ${JSON.stringify(first.column)}` : ""}: ${first.message}`, this.problems);
  }

  private problem(p: IngestProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
  }
}

/** CSV text of an NDJSON stream (one object a line; blank lines skipped but counted). */
export async function* ndjsonAsCsv(source: AsyncIterable<Uint8Array>, columns: string[]): AsyncGenerator<Uint8Array> {
  const convert = new JsonRowsToCsv(columns);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  yield encoder.encode(convert.header());
  let pending = "";
  let row = 0;
  const lines = function* (text: string) {
    for (const line of text.split("\n")) {
      row++;
      const trimmed = line.trim();
      if (trimmed === "") {
        yield "\n";
        continue;
      }
      try {
        yield convert.line(JSON.parse(trimmed), row);
      } catch {
        if (convert.problems.length < MAX_PROBLEMS) convert.problems.push({ row, message: "is not valid JSON" });
        yield "\n";
      }
    }
  };
  for await (const chunk of source) {
    pending += decoder.decode(chunk, { stream: true });
    const end = pending.lastIndexOf("\n");
    if (end < 0) continue;
    const complete = pending.slice(0, end);
    pending = pending.slice(end + 1);
    yield encoder.encode([...lines(complete)].join(""));
    convert.check();
  }
  pending += decoder.decode();
  if (pending.trim()) yield encoder.encode([...lines(pending)].join(""));
  convert.check();
}

/** CSV text of `{"rows": [...]}` (already parsed: a JSON body is small enough to hold). */
export function jsonRowsAsCsv(rows: unknown[], columns: string[]): Uint8Array {
  const convert = new JsonRowsToCsv(columns);
  const text = convert.header() + rows.map((r, i) => convert.line(r, i + 1)).join("");
  convert.check();
  return new TextEncoder().encode(text);
}
