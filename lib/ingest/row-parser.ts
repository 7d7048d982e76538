/**
 * Bytes → validated PredictionRows for one mapping: UTF-8 decoding, the record reader and the row
 * converter. The same code runs in the import's thread (small files, or no worker available) and
 * in lib/ingest/parse-worker.ts.
 */
import { isAscii } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
import { CsvRecordReader } from "./csv-reader";
import type { Delimiter } from "./detect";
import { MAX_PROBLEMS } from "./errors";
import { LabelReader } from "./labels";
import { SegmentBuilder } from "../metrics/segment-builder";
import { exampleKey } from "./example-key";
import { RowConverter } from "./rows";
import { SliceDictionary } from "./slice-codes";
import type { ColumnMapping, IngestProblem, PredictionRow, ScoreIndexes } from "./types";

/** Bytes decoded into one string at a time. */
const DECODE_BYTES = 64 * 1024;

/** Everything a parser needs, known once the sample is read; plain data, so it can go to a worker. */
export interface ParseSetup {
  delimiter: Delimiter;
  mapping: ColumnMapping;
  /** The label cells of the sample's preview rows (they decide a well-known coding). */
  sampleLabels: string[];
  positive: string | undefined;
  /** The slice dictionaries to extend (an append starts from its dataset's); none for a new dataset. */
  sliceValues?: string[][];
  /** The label values of the dataset an append goes to (then only those, or 1/0 and the like, are labels). */
  knownLabels?: { positive: string; negative: string };
  /** The spreadsheet number of the first record (the header): 1 for a CSV; 0 for JSON rows counted from 1. */
  firstRecord?: number;
}

/** The label values to store, and the first problems (empty when every row was valid). */
export interface ParseOutcome {
  positiveLabel: string;
  negativeLabel: string;
  problems: IngestProblem[];
  /** The valid rows' segment, score table, id keys and slice dictionaries (absent when a row had a problem). */
  scores?: ScoreIndexes;
}

/** Turns the bytes of a CSV (after the gzip layer) into rows; `onRow` gets each valid row while no problem was found. */
export class RowParser {
  readonly problems: IngestProblem[] = [];
  private readonly labels: LabelReader;
  private readonly reader: CsvRecordReader;
  private readonly decoder = new StringDecoder("utf8");
  private readonly collected: SegmentBuilder;
  private readonly dictionary: SliceDictionary;

  constructor(setup: ParseSetup, onRow: (row: PredictionRow) => void) {
    const { mapping } = setup;
    this.labels = new LabelReader(mapping.label, setup.sampleLabels, setup.positive, setup.knownLabels);
    const problems = this.problems;
    const dictionary = (this.dictionary = new SliceDictionary(mapping.slices.length, setup.sliceValues));
    const converter = new RowConverter(mapping, this.labels, problems, dictionary);
    const collected = (this.collected = new SegmentBuilder({ times: mapping.timestamp !== null, sliceColumns: mapping.slices.length, keys: mapping.id !== null }));
    const codes = converter.codes;
    const shift = (setup.firstRecord ?? 1) - 1;
    this.reader = new CsvRecordReader(setup.delimiter, (fields, record) => {
      const row = record + shift;
      // The header is record 1, as in a spreadsheet.
      if (record === 1 || problems.length >= MAX_PROBLEMS || RowConverter.isBlank(fields)) return;
      const converted = converter.convert(fields, row);
      if (converted && problems.length === 0) {
        const { exampleId, timestamp } = converted;
        collected.add(converted.score, converted.label, timestamp ?? NaN, codes, exampleId === null ? NaN : exampleKey(exampleId));
        onRow(converted);
      }
    });
  }

  /** True once MAX_PROBLEMS were found: reading further cannot change the answer. */
  get saturated(): boolean {
    return this.problems.length >= MAX_PROBLEMS;
  }

  /** Reads every complete record of `bytes`; throws CsvSyntaxError for a malformed file. */
  push(bytes: Uint8Array): void {
    // Text is decoded 64 KB at a time: a string past V8's regular object size (~128 KB) goes to
    // the large-object space, and decoding 256 KB chunks whole cost ~35x more (measured).
    for (let at = 0; at < bytes.byteLength; at += DECODE_BYTES) this.reader.push(this.decode(bytes.subarray(at, at + DECODE_BYTES)));
  }

  /** Reads the last record (unless saturated) and says how the file ended. */
  end(): ParseOutcome {
    if (!this.saturated) {
      this.reader.push(this.decoder.end());
      this.reader.end();
    }
    return { ...this.labels.labelValues(), problems: this.problems };
  }

  /** After end(): the valid rows' segment, table, keys and slice dictionaries (sorting them: call once the rows are sent on). */
  scoreIndexes(): ScoreIndexes | undefined {
    return this.problems.length === 0 ? { ...this.collected.build(), sliceValues: this.dictionary.values } : undefined;
  }

  /**
   * UTF-8 → string. Most chunks are pure ASCII: latin1 decoding of those is the same text and
   * much cheaper than UTF-8 decoding. StringDecoder (native) keeps a character split across chunks.
   */
  private decode(bytes: Uint8Array): string {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if ((this.decoder as unknown as { lastNeed: number }).lastNeed === 0 && isAscii(buffer)) return buffer.toString("latin1");
    return this.decoder.write(buffer);
  }
}
