/**
 * A streaming RFC 4180 record reader, written for speed because csv-parse (byte-by-byte, an info
 * object per record) cost more CPU than SQLite itself on a million rows (bench/ingest.ts). It is
 * checked against csv-parse on generated files (tests/unit/csv-reader.test.ts).
 *
 * Fields may be quoted with `"`; inside quotes, delimiters and line breaks are data and `""` is a
 * quote. A quote inside an unquoted field is kept as data (like csv-parse's relax_quotes) and
 * reported with the record, for the caller to refuse (RFC 4180 does not allow it). Records end at
 * LF, CRLF or a lone CR. A blank line is a record with one empty field.
 */
import type { Delimiter } from "./detect";

/** A malformed file: the record (1-based, header = 1) where reading stopped and why. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly record: number,
    readonly reason: "unterminated_quote" | "invalid_closing_quote" | "record_too_long",
  ) {
    super(
      reason === "unterminated_quote"
        ? "a quoted field is never closed (unterminated quote)"
        : reason === "invalid_closing_quote"
          ? "a closing quote is followed by other characters instead of a delimiter"
          : `the row is longer than ${MAX_RECORD_CHARS / 2 ** 20} M characters (a quote that is never closed, or not a CSV file)`,
    );
  }
}

/** The longest record kept while waiting for its end: bounds memory on a runaway quote. */
export const MAX_RECORD_CHARS = 16 * 2 ** 20;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvRecordReader {
  private carry = "";
  /** Chunks appended to `carry` without reading: they cannot complete the pending record. */
  private deferred: string[] = [];
  private deferredLength = 0;
  /** What the pending record waits for: a quote (inside a quoted field), a line break, or anything. */
  private waitingFor: "quote" | "line" | "any" = "any";
  private records = 0;
  private readonly delimiter: number;
  private first = true;

  /**
   * `onRecord` receives each record's fields, its number and the index of the first field holding
   * a quote inside an unquoted field (-1 when none does).
   */
  constructor(
    delimiter: Delimiter,
    private readonly onRecord: (fields: string[], record: number, strayQuote: number) => void,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Records read so far. */
  get count(): number {
    return this.records;
  }

  /** True when the text held back for the next record (not yet read as a record) matches `pattern`. */
  holds(pattern: RegExp): boolean {
    return pattern.test(this.carry) || this.deferred.some((chunk) => pattern.test(chunk));
  }

  /** Reads every complete record in `chunk` (plus what was left from the previous one). */
  push(chunk: string): void {
    // A long record (a big quoted field, or a runaway quote) is not rescanned on every chunk:
    // chunks that cannot end it are only set aside.
    if (this.carry && ((this.waitingFor === "quote" && !chunk.includes('"')) || (this.waitingFor === "line" && !/[\r\n"]/.test(chunk)))) {
      this.deferred.push(chunk);
      this.deferredLength += chunk.length;
      if (this.carry.length + this.deferredLength > MAX_RECORD_CHARS) throw new CsvSyntaxError(this.records + 1, "record_too_long");
      return;
    }
    let text = this.carry ? this.carry + this.deferred.join("") + chunk : chunk;
    this.deferred = [];
    this.deferredLength = 0;
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    const consumed = this.read(text, false);
    this.carry = consumed < text.length ? text.slice(consumed) : "";
    if (this.carry.length > MAX_RECORD_CHARS) throw new CsvSyntaxError(this.records + 1, "record_too_long");
  }

  /** Reads the last record; throws CsvSyntaxError for an unterminated quote. */
  end(): void {
    const rest = this.carry + this.deferred.join("");
    this.carry = "";
    this.deferred = [];
    if (rest) this.read(rest, true);
  }

  /** Parses records from `text`; returns how many characters were consumed (whole records). */
  private read(text: string, final: boolean): number {
    const n = text.length;
    const d = this.delimiter;
    let start = 0;
    // The next quote at or after the current unquoted field (n when none): found with indexOf
    // only after passing one, so a file without quotes pays one search per chunk.
    let quoteAt = -1;
    outer: while (start < n) {
      const fields: string[] = [];
      let stray = -1;
      let i = start;
      for (;;) {
        if (i < n && text.charCodeAt(i) === QUOTE) {
          // Quoted field: find the closing quote, skipping doubled quotes.
          let j = i + 1;
          let hasEscapes = false;
          for (;;) {
            j = text.indexOf('"', j);
            if (j === -1) {
              if (final) throw new CsvSyntaxError(this.records + 1, "unterminated_quote");
              this.waitingFor = "quote";
              return start;
            }
            if (j + 1 < n && text.charCodeAt(j + 1) === QUOTE) {
              hasEscapes = true;
              j += 2;
              continue;
            }
            if (j + 1 >= n && !final) {
              this.waitingFor = "any"; // the next chunk may start with a quote
              return start;
            }
            break;
          }
          const raw = text.slice(i + 1, j);
          fields.push(hasEscapes ? raw.replaceAll('""', '"') : raw);
          i = j + 1;
          if (i >= n) {
            if (!final) {
              this.waitingFor = "any";
              return start;
            }
            this.emit(fields, stray);
            return n;
          }
          const c = text.charCodeAt(i);
          if (c === d) {
            i++;
            continue;
          }
          if (c !== LF && c !== CR) throw new CsvSyntaxError(this.records + 1, "invalid_closing_quote");
        } else {
          // Unquoted field: up to the next delimiter or line break.
          let j = i;
          let c = 0;
          while (j < n) {
            c = text.charCodeAt(j);
            if (c === d || c === LF || c === CR) break;
            j++;
          }
          if (quoteAt < j) {
            if (quoteAt < i) quoteAt = text.indexOf('"', i) >>> 0; // -1 → 2^32 - 1: none
            if (quoteAt < j && stray < 0) stray = fields.length;
          }
          if (j >= n) {
            if (!final) {
              this.waitingFor = "line";
              return start;
            }
            fields.push(text.slice(i, j));
            this.emit(fields, stray);
            return n;
          }
          fields.push(text.slice(i, j));
          i = j;
          if (c === d) {
            i++;
            continue;
          }
        }
        // At a line break: CRLF, LF or a lone CR ends the record.
        if (text.charCodeAt(i) === CR) {
          if (i + 1 >= n && !final) {
            this.waitingFor = "any"; // maybe CRLF split across chunks
            return start;
          }
          i += i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i += 1;
        }
        this.emit(fields, stray);
        start = i;
        continue outer;
      }
    }
    return start;
  }

  private emit(fields: string[], strayQuote: number): void {
    this.records++;
    this.onRecord(fields, this.records, strayQuote);
  }
}
