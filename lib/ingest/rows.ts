import { jsonStringArray, readScore, readTimestamp } from "./cells";
import { DELIMITERS, delimiterName, type Delimiter } from "./detect";
import { LabelReader } from "./labels";
import { OVERFLOW_CODE, type SliceDictionary } from "./slice-codes";
import type { ColumnMapping, IngestProblem, PredictionRow } from "./types";

/**
 * A row with the wrong number of fields; when splitting it at another delimiter gives the
 * header's count, says so (a file that mixes delimiters).
 */
export function fieldCountProblem(row: number, record: readonly string[], width: number, delimiter: Delimiter): IngestProblem {
  let hint = "";
  const line = record.join(delimiter);
  const other = DELIMITERS.find((d) => d !== delimiter && line.split(d).length === width);
  if (other) hint = ` (this row looks ${delimiterName(other)}-separated; the file is read as ${delimiterName(delimiter)}-separated)`;
  return { row, message: `has ${record.length} field${record.length === 1 ? "" : "s"}, the header has ${width}${hint}` };
}

/** Slice-value combinations whose JSON a converter keeps. */
const MAX_REMEMBERED_SLICES = 1 << 16;

/**
 * Turns parsed CSV records into typed prediction rows for one mapping. Problems go to `problems`
 * with the row's spreadsheet number and the column's name; a row with a problem is not returned.
 */
export class RowConverter {
  private readonly width: number;
  private readonly labelAt: number;
  private readonly scoreAt: number;
  private readonly idAt: number;
  private readonly timestampAt: number;
  private readonly textAt: number;
  private readonly imageAt: number;
  private readonly sliceAt: number[];
  private readonly extraAt: number[];
  private readonly sliceValues: string[];
  private readonly extraValues: string[];
  /** The slice codes of the row last converted (when a dictionary is given). */
  readonly codes: Uint16Array;
  /**
   * The slices' JSON of each combination of codes met so far (up to MAX_REMEMBERED_SLICES): most
   * rows repeat a few combinations, and building the string for every row (then joining the
   * pieces into the batch) was a fifth of the parse worker's time on a million rows.
   */
  private readonly sliceJson = new Map<number | string, string>();

  constructor(
    private readonly mapping: ColumnMapping,
    readonly labels: LabelReader,
    private readonly problems: IngestProblem[],
    private readonly delimiter: Delimiter = ",",
    private readonly dictionary: SliceDictionary | null = null,
  ) {
    // A map, not indexOf per column: with thousands of extras that was quadratic (seconds).
    const index = new Map<string, number>();
    mapping.columns.forEach((name, i) => {
      if (!index.has(name)) index.set(name, i);
    });
    const at = (name: string | null) => (name === null ? -1 : (index.get(name) ?? -1));
    this.width = mapping.columns.length;
    this.labelAt = at(mapping.label);
    this.scoreAt = at(mapping.score);
    this.idAt = at(mapping.id);
    this.timestampAt = at(mapping.timestamp);
    this.textAt = at(mapping.text);
    this.imageAt = at(mapping.image);
    this.sliceAt = mapping.slices.map(at);
    this.extraAt = mapping.extras.map(at);
    this.sliceValues = new Array<string>(this.sliceAt.length);
    this.extraValues = new Array<string>(this.extraAt.length);
    this.codes = new Uint16Array(this.sliceAt.length);
  }

  /** True for a blank line (one empty field), which is skipped but still counts as a row. */
  static isBlank(record: readonly string[]): boolean {
    return record.length === 1 && record[0] === "";
  }

  /** An optional text cell: null for a missing column (index -1) or an empty cell. */
  private static cell(record: readonly string[], i: number): string | null {
    return i < 0 || record[i] === "" ? null : record[i];
  }

  /** The row's slice values (trimmed) as a JSON array, and their codes in `codes`. */
  private slicesOf(record: readonly string[]): string {
    const dictionary = this.dictionary;
    const columns = this.sliceAt.length;
    // The codes as one number (exact for up to three columns of 16-bit codes), else as text.
    let key: number | string | null = dictionary ? 0 : null;
    for (let i = 0; i < columns; i++) {
      const value = (this.sliceValues[i] = record[this.sliceAt[i]].trim());
      if (!dictionary) continue;
      const code = (this.codes[i] = dictionary.code(i, value));
      // Values past the dictionary's limit share one code: their JSON is the row's own.
      if (code === OVERFLOW_CODE) key = null;
      else if (key !== null && columns <= 3) key = (key as number) * 65536 + code;
    }
    if (key === null) return jsonStringArray(this.sliceValues);
    if (columns > 3) key = this.codes.join(",");
    const known = this.sliceJson.get(key);
    if (known !== undefined) return known;
    const json = jsonStringArray(this.sliceValues);
    if (this.sliceJson.size < MAX_REMEMBERED_SLICES) this.sliceJson.set(key, json);
    return json;
  }

  /** The typed row, or null when the record has a problem (recorded in `problems`). */
  convert(record: readonly string[], row: number): PredictionRow | null {
    if (record.length !== this.width) {
      this.problems.push(fieldCountProblem(row, record, this.width, this.delimiter));
      return null;
    }
    const before = this.problems.length;
    // An append may leave the label column out: every row is then not labelled yet.
    const label = this.labels.read(this.labelAt < 0 ? "" : record[this.labelAt]);
    if (typeof label === "string") this.problems.push({ row, column: this.mapping.label, message: label });
    const score = readScore(record[this.scoreAt]);
    if (typeof score === "string") this.problems.push({ row, column: this.mapping.score, message: score });
    let timestamp: number | null = null;
    if (this.timestampAt >= 0) {
      const t = readTimestamp(record[this.timestampAt]);
      if (typeof t === "string") this.problems.push({ row, column: this.mapping.timestamp!, message: t });
      else timestamp = t;
    }
    if (this.problems.length !== before) return null;
    let slices: string | null = null;
    if (this.sliceAt.length) slices = this.slicesOf(record);
    let extras: string | null = null;
    if (this.extraAt.length) {
      for (let i = 0; i < this.extraAt.length; i++) this.extraValues[i] = record[this.extraAt[i]];
      extras = jsonStringArray(this.extraValues);
    }
    return {
      row,
      label: label as number,
      score: score as number,
      exampleId: RowConverter.cell(record, this.idAt),
      timestamp,
      text: RowConverter.cell(record, this.textAt),
      image: RowConverter.cell(record, this.imageAt),
      slices,
      extras,
    };
  }
}
