import { SAMPLE_BYTES } from "@/lib/ingest/preview";
import { isGzip } from "@/lib/ingest/detect";
import type { CsvEncoding } from "@/lib/ingest/encodings";
import { HeaderScanner, MAX_HEADER_BYTES } from "@/lib/ingest/header";

/** The first part of a file as bytes, never reading the whole file (gzip is decompressed). */
export interface FileSample {
  /** At least SAMPLE_BYTES (or the whole file) and the whole header row, as the server reads it. */
  bytes: Uint8Array;
  /** The sample is the whole file. */
  complete: boolean;
  compressed: boolean;
  /** The sample is valid UTF-8 (else the file was likely saved in a Windows or Latin-1 encoding). */
  utf8: boolean;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** Reads SAMPLE_BYTES of (decompressed) bytes from the start of a file, and on to the end of the header row. */
export async function readSample(file: File): Promise<FileSample> {
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const compressed = isGzip(magic);
  const reader = (compressed ? file.stream().pipeThrough(new DecompressionStream("gzip")) : file.stream()).getReader();
  const scanner = new HeaderScanner();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = false;
  let headerEnded = false;
  while (size < SAMPLE_BYTES || (!headerEnded && size < MAX_HEADER_BYTES)) {
    const { done, value } = await reader.read();
    if (done) {
      complete = true;
      break;
    }
    chunks.push(value);
    size += value.byteLength;
    headerEnded ||= scanner.push(value);
  }
  if (!complete) await reader.cancel();
  const bytes = concat(chunks, size);
  let utf8 = true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: !complete });
  } catch {
    utf8 = false;
  }
  return { bytes, complete, compressed, utf8 };
}

/** The sample's text in `encoding` (ISO-8859-1 by hand: browsers read that label as Windows-1252). */
export function sampleText(sample: FileSample, encoding: CsvEncoding): string {
  if (encoding !== "latin1") return new TextDecoder(encoding).decode(sample.bytes);
  let text = "";
  for (let i = 0; i < sample.bytes.length; i += 8192) text += String.fromCharCode(...sample.bytes.subarray(i, i + 8192));
  return text;
}
