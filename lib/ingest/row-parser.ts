/**
 * Bytes → validated PredictionRows for one mapping: decoding (lib/ingest/text-decode.ts), the
 * record reader and the row converter. The same code runs in the import's thread (small files, or
 * no worker available) and in lib/ingest/parse-worker.ts. Problems are collected in row order,
 * whatever their kind: a malformed file (an unterminated quote) ends the list instead of hiding it.
 */
import { CsvRecordReader, CsvSyntaxError } from "./csv-reader";
import type { Delimiter } from "./detect";
import { BAD_CHARACTER, badByte, type CsvEncoding } from "./encodings";
import { MAX_PROBLEMS, MAX_QUOTED_CHARS, type ProblemKind } from "./errors";
import { headerColumns } from "./header";
import { LabelReader } from "./labels";
import { RowConverter, fieldCountProblem } from "./rows";
import { SegmentBuilder, type BuiltSegment } from "../metrics/segment-builder";
import { exampleKey } from "./example-key";
import { SliceDictionary } from "./slice-codes";
import { CsvTextDecoder } from "./text-decode";
import type { ColumnMapping, IngestProblem, PredictionRow, ScoreIndexes } from "./types";

/** Bytes decoded into one string at a time. */
const DECODE_BYTES = 64 * 1024;

/** Everything a parser needs, known once the sample is read; plain data, so it can go to a worker. */
export interface ParseSetup {
  delimiter: Delimiter;
  encoding: CsvEncoding;
  /** null: only check the file's structure (field counts, characters, quotes); no rows come out. */
  mapping: ColumnMapping | null;
  /** The label cells of the sample's preview rows (they decide a well-known coding). */
  sampleLabels: string[];
  positive: string | undefined;
  /** The slice dictionaries to extend (an append starts from its dataset's); none for a new dataset. */
  sliceValues?: string[][];
  /** The label values of the dataset an append goes to (then only those, or 1/0 and the like, are labels). */
  knownLabels?: { positive: string; negative: string };
  /** The spreadsheet number of the first record (the header): 1 for a CSV; 0 for JSON rows counted from 1. */
  firstRecord?: number;
  /** About how many rows the file holds (from its size), so the parser allocates its columns once. */
  expectedRows?: number;
  /** Rows per segment (default MAX_SEGMENT_ROWS). */
  segmentRows?: number;
}

/** The label values to store, and the first problems (empty when every row was valid). */
export interface ParseOutcome {
  positiveLabel: string;
  negativeLabel: string;
  problems: IngestProblem[];
  /** The kind of the first problem (it names the error code); "row" when there is none. */
  kind: ProblemKind;
  /** The valid rows' segment, score table, id keys and slice dictionaries (absent when a row had a problem). */
  scores?: ScoreIndexes;
}

const ENCODING_HINT = "if the file is not UTF-8, name its encoding (encoding=windows-1252 or latin1)";

/** Turns the bytes of a CSV (after the gzip layer) into rows; `onRow` gets each valid row while no problem was found. */
export class RowParser {
  readonly problems: IngestProblem[] = [];
  private firstKind: ProblemKind | null = null;
  /** The reader met a malformed record and cannot go on. */
  private stopped = false;
  /** Text given to the reader and not yet read as complete records may hold a NUL or an undecodable byte. */
  private dirty = false;
  private header: string[];
  private readonly labels: LabelReader | null;
  private readonly reader: CsvRecordReader;
  private readonly decoder: CsvTextDecoder;
  private readonly collected: SegmentBuilder;
  private readonly dictionary: SliceDictionary;

  /** `onSegment` gets each complete segment (every MAX_SEGMENT_ROWS rows) as soon as its last row went to `onRow`; without it they wait for scoreIndexes(). */
  constructor(setup: ParseSetup, onRow: (row: PredictionRow) => void = () => undefined, onSegment: ((part: BuiltSegment) => void) | null = null) {
    const { mapping, delimiter } = setup;
    this.decoder = new CsvTextDecoder(setup.encoding);
    this.labels = mapping ? new LabelReader(mapping.label, setup.sampleLabels, setup.positive, setup.knownLabels) : null;
    this.header = mapping ? mapping.columns : [];
    const problems = this.problems;
    const dictionary = (this.dictionary = new SliceDictionary(mapping?.slices.length ?? 0, setup.sliceValues));
    const converter = mapping ? new RowConverter(mapping, this.labels!, problems, delimiter, dictionary) : null;
    const collected = (this.collected = new SegmentBuilder({ times: Boolean(mapping?.timestamp), sliceColumns: mapping?.slices.length ?? 0, keys: Boolean(mapping?.id) }, setup.expectedRows, onSegment, setup.segmentRows));
    const codes = converter?.codes ?? null;
    const shift = (setup.firstRecord ?? 1) - 1;
    this.reader = new CsvRecordReader(delimiter, (fields, record, strayQuote) => {
      const row = record + shift;
      // The header is record 1, as in a spreadsheet; the sample's preview checked it.
      if (record === 1) {
        if (!mapping) this.header = headerColumns(fields);
        return;
      }
      if (problems.length >= MAX_PROBLEMS || RowConverter.isBlank(fields)) return;
      if (strayQuote >= 0) {
        const value = fields[strayQuote];
        const shown = value.length > MAX_QUOTED_CHARS ? `${value.slice(0, MAX_QUOTED_CHARS)}…` : value;
        this.add("syntax", { row, column: this.header[strayQuote], message: `a quote inside an unquoted field: quote the whole field and double its quotes ("${shown.replaceAll('"', '""')}")` });
      }
      if (this.dirty) this.checkCharacters(fields, row);
      if (converter) {
        const converted = converter.convert(fields, row);
        if (converted && problems.length === 0) {
          const { exampleId, timestamp } = converted;
          // The row first: a segment completed by it is sent after its rows.
          onRow(converted);
          collected.add(converted.score, converted.label, timestamp ?? NaN, codes, exampleId === null ? NaN : exampleKey(exampleId));
        }
      } else if (fields.length !== this.header.length) {
        this.add("row", fieldCountProblem(row, fields, this.header.length, delimiter));
      }
    });
  }

  /** The kind of the first problem found so far ("row" when there is none). */
  get kind(): ProblemKind {
    return this.firstKind ?? "row";
  }

  /** True once MAX_PROBLEMS were found, or the file is malformed: reading further cannot change the answer. */
  get saturated(): boolean {
    return this.stopped || this.problems.length >= MAX_PROBLEMS;
  }

  /** Reads every complete record of `bytes`. */
  push(bytes: Uint8Array): void {
    // Text is decoded 64 KB at a time: a string past V8's regular object size (~128 KB) goes to
    // the large-object space, and decoding 256 KB chunks whole cost ~35x more (measured).
    for (let at = 0; at < bytes.byteLength && !this.saturated; at += DECODE_BYTES) this.read(this.decoder.write(bytes.subarray(at, at + DECODE_BYTES)));
  }

  /** Reads the last record (unless saturated) and says how the file ended. */
  end(): ParseOutcome {
    if (!this.saturated) this.read(this.decoder.end());
    if (!this.saturated) {
      try {
        this.reader.end();
      } catch (error) {
        this.stop(error);
      }
    }
    const labels = this.labels?.labelValues() ?? { positiveLabel: "1", negativeLabel: "0" };
    return { ...labels, problems: this.problems, kind: this.kind };
  }

  /** After end(): the valid rows' score table and order (sorting them: call once the rows are sent on). */
  scoreIndexes(): ScoreIndexes | undefined {
    return this.problems.length === 0 ? { parts: this.collected.finish(), sliceValues: this.dictionary.values } : undefined;
  }

  private read(text: string): void {
    if (this.decoder.dirty) this.dirty = true;
    try {
      this.reader.push(text);
    } catch (error) {
      this.stop(error);
    }
    if (this.dirty) this.dirty = this.reader.holds(BAD_CHARACTER);
  }

  private add(kind: ProblemKind, problem: IngestProblem): void {
    if (this.problems.length === 0) this.firstKind = kind;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }

  /** A malformed record ends the reading: it is the last problem listed. */
  private stop(error: unknown): void {
    if (!(error instanceof CsvSyntaxError)) throw error;
    this.stopped = true;
    const binary = error.reason === "record_too_long" && this.reader.holds(/\u0000/); // eslint-disable-line no-control-regex
    this.add("syntax", { row: error.record, message: binary ? "the row holds NUL bytes and never ends: this is a binary file, not a CSV" : error.message });
  }

  /** Cells holding a NUL or a byte the encoding cannot read (only for text that held one). */
  private checkCharacters(fields: readonly string[], row: number): void {
    for (let i = 0; i < fields.length; i++) {
      const found = BAD_CHARACTER.exec(fields[i]);
      if (!found) continue;
      const byte = badByte(found[0].charCodeAt(0));
      const column = this.header[i];
      if (byte === 0) this.add("row", { row, column, message: "the cell holds a NUL byte (0x00)" });
      else this.add("encoding", { row, column, message: `the cell is not valid UTF-8 (byte 0x${byte.toString(16).toUpperCase()}): ${ENCODING_HINT}` });
    }
  }
}
