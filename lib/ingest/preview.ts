/**
 * Reads the first chunk of a CSV: delimiter, header, first rows, proposed mapping and the label
 * values found. Browser-safe (the upload page calls it on `File.slice`); the server calls it on
 * the first bytes it receives, so both see the same detection.
 */
import { CsvRecordReader, CsvSyntaxError } from "./csv-reader";
import { sniffDelimiter, stripBom, type Delimiter } from "./detect";
import { IngestError, problemsError } from "./errors";
import { headerColumns, headerProblems } from "./header";
import { detectMapping, type DetectedMapping } from "./roles";
import type { MappingRequest } from "./types";

/** Bytes of a file read for detection. */
export const SAMPLE_BYTES = 256 * 1024;
/** Rows shown in a preview. */
export const PREVIEW_ROWS = 10;

export interface CsvPreview {
  delimiter: Delimiter;
  columns: string[];
  /** The sample's data rows (all complete rows in the sample, at most a few thousand). */
  rows: string[][];
  mapping: DetectedMapping;
  /** Distinct values of the detected label column in the sample, most frequent first. */
  labelValues: string[];
}

const MAX_SAMPLE_ROWS = 2000;

function parseSample(text: string, delimiter: Delimiter, complete: boolean): string[][] {
  // A sample cut mid-file ends in a partial record, which the reader keeps back (never emits).
  const records: string[][] = [];
  const reader = new CsvRecordReader(delimiter, (fields) => {
    if (records.length <= MAX_SAMPLE_ROWS) records.push(fields);
  });
  try {
    reader.push(text);
    if (complete) reader.end();
  } catch (error) {
    // The streaming pass reports the problem with its row; detection uses what was read.
    if (!(error instanceof CsvSyntaxError)) throw error;
  }
  return records;
}

/** Distinct non-empty values of a column, most frequent first. */
export function distinctValues(rows: readonly string[][], index: number, limit = 20): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const v = (r[index] ?? "").trim();
    if (v !== "") counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([v]) => v);
}

/**
 * Detects the format and proposes a mapping from a sample of the file's text. `complete` says the
 * sample is the whole file. Throws `empty_file` when there is no header, `invalid_header` (or
 * `invalid_encoding`) when its names cannot be used (lib/ingest/header.ts); empty names are
 * named `column_<position>`.
 */
export function previewCsv(sample: string, complete: boolean, request: MappingRequest = {}): CsvPreview {
  const text = stripBom(sample);
  if (text.trim() === "") throw new IngestError("empty_file", "the file is empty");
  const delimiter = sniffDelimiter(text);
  const records = parseSample(text, delimiter, complete);
  if (records.length === 0) {
    // Even the header did not fit the sample, or it has an unterminated quote: read it alone.
    const firstLine = text.split(/\r?\n/, 1)[0];
    records.push(firstLine.split(delimiter).map((c) => c.replace(/^"|"$/g, "")));
  }
  const [header, ...rest] = records;
  const columns = headerColumns(header);
  const checked = headerProblems(columns);
  if (checked.problems.length) throw problemsError(checked.kind, checked.problems);
  const rows = rest.filter((r) => !(r.length === 1 && r[0] === ""));
  const mapping = detectMapping(columns, rows, request);
  const labelIndex = mapping.label === null ? -1 : columns.indexOf(mapping.label);
  return { delimiter, columns, rows, mapping, labelValues: labelIndex >= 0 ? distinctValues(rows, labelIndex) : [] };
}

/** Lines of a sample an append's preview reads (the header and a few rows: its mapping is the dataset's). */
export const APPEND_PREVIEW_LINES = 64;

/**
 * previewCsv of an append's sample: the format and the header from its first lines only. A full
 * preview parses every row of the sample, which is the whole body of a small append; an append
 * needs no mapping detection (the dataset's is matched by name) nor the sample's labels. A header
 * with a quote (it may span lines) gets the full preview.
 */
export function appendPreview(sample: string, complete: boolean): CsvPreview {
  let at = -1;
  for (let k = 0; k < APPEND_PREVIEW_LINES; k++) {
    at = sample.indexOf("\n", at + 1);
    if (at < 0) return previewCsv(sample, complete);
  }
  const headerEnd = sample.indexOf("\n");
  if (sample.slice(0, headerEnd).includes('"')) return previewCsv(sample, complete);
  return previewCsv(sample.slice(0, at + 1), complete && at + 1 === sample.length);
}
