import { SAMPLE_BYTES } from "@/lib/ingest/preview";
import { isGzip } from "@/lib/ingest/detect";

/** The first part of a file as text, never reading the whole file (gzip is decompressed). */
export interface FileSample {
  text: string;
  /** The sample is the whole file. */
  complete: boolean;
  compressed: boolean;
}

/** Reads up to SAMPLE_BYTES of (decompressed) text from the start of a file. */
export async function readSample(file: File): Promise<FileSample> {
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (!isGzip(magic)) {
    const text = await file.slice(0, SAMPLE_BYTES).text();
    return { text, complete: file.size <= SAMPLE_BYTES, compressed: false };
  }
  const reader = file.stream().pipeThrough(new DecompressionStream("gzip")).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = false;
  while (size < SAMPLE_BYTES) {
    const { done, value } = await reader.read();
    if (done) {
      complete = true;
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  if (!complete) await reader.cancel();
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { text: new TextDecoder().decode(bytes), complete, compressed: true };
}
