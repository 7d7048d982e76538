/**
 * The first part of a file, read before anything is written: at least SAMPLE_BYTES and the whole
 * header row (up to MAX_HEADER_BYTES), decoded in the file's encoding for detection.
 */
import { concat } from "./byte-streams";
import type { Delimiter } from "./detect";
import { hasUtf8Bom, isUtf16 } from "./encodings";
import type { CsvEncoding } from "./encodings";
import { IngestError, problemsError } from "./errors";
import { HeaderScanner, MAX_HEADER_BYTES } from "./header";
import { SAMPLE_BYTES } from "./preview";
import { RowParser } from "./row-parser";
import { CsvTextDecoder } from "./text-decode";

export interface FileSample {
  /** Every chunk read so far (they may go past the sample), for the parse. */
  chunks: Uint8Array[];
  /** The sample: at least SAMPLE_BYTES (or the whole file) and the whole header row. */
  bytes: Uint8Array;
  /** The sample is the whole file. */
  done: boolean;
  /** The source has no more chunks (all are in `chunks`). */
  ended: boolean;
  /** The sample's text (an undecodable byte as U+DC80–U+DCFF, see text-decode.ts). */
  text: string;
}

const headerError = (message: string) => problemsError("header", [{ row: 1, message }]);

/** Reads the sample from `iterator`; throws `invalid_header` for a header that is binary or too long, `invalid_encoding` for UTF-16. */
export async function readSample(iterator: AsyncIterator<Uint8Array>, encoding: CsvEncoding): Promise<FileSample> {
  const chunks: Uint8Array[] = [];
  const scanner = new HeaderScanner();
  let size = 0;
  let done = false;
  let headerEnded = false;
  while (size < SAMPLE_BYTES || !headerEnded) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    if (size === 0 && isUtf16(next.value)) throw new IngestError("invalid_encoding", "the file is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8 (in Excel: CSV UTF-8)");
    if (size === 0 && encoding !== "utf-8" && hasUtf8Bom(next.value)) throw new IngestError("invalid_encoding", `the file starts with a UTF-8 byte-order mark: it is UTF-8, not ${encoding} (leave the encoding out)`);
    chunks.push(next.value);
    size += next.value.byteLength;
    if (!headerEnded) {
      headerEnded = scanner.push(next.value);
      if (scanner.nul >= 0) throw headerError("the header holds a NUL byte (0x00): this is a binary file, not a CSV");
      if (scanner.end > MAX_HEADER_BYTES || (!headerEnded && size > MAX_HEADER_BYTES)) throw headerError(`the header row does not end within the first ${MAX_HEADER_BYTES / 2 ** 20} MB of the file`);
    }
  }
  // A source may hand over large chunks (a whole file in one): detection reads only the sample.
  const sampleSize = Math.min(size, Math.max(SAMPLE_BYTES, scanner.end));
  const bytes = concat(chunks, sampleSize);
  const whole = done && sampleSize === size;
  const decoder = new CsvTextDecoder(encoding);
  const text = decoder.write(bytes) + (whole ? decoder.end() : "");
  return { chunks, bytes, done: whole, ended: done, text };
}

/**
 * A mapping that cannot be resolved (no label column, labels that need a positive value) is often
 * a symptom: of a file that mixes delimiters, or of undecodable text. When the sample's rows have
 * such problems, they are the error to report, with their rows; otherwise `error` is.
 */
export function explainMappingError(error: unknown, sample: FileSample, delimiter: Delimiter, encoding: CsvEncoding): unknown {
  if (!(error instanceof IngestError) || (error.code !== "missing_column" && error.code !== "positive_label_required")) return error;
  const check = new RowParser({ delimiter, encoding, mapping: null, sampleLabels: [], positive: undefined });
  check.push(sample.bytes);
  const outcome = sample.done ? check.end() : { problems: check.problems, kind: check.kind };
  return outcome.problems.length ? problemsError(outcome.kind, outcome.problems) : error;
}
