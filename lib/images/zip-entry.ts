/**
 * The unpacked bytes of one zip entry, checked against what the central directory declares: never
 * more than its size (a lying header cannot unpack past it), and at the end exactly its size and
 * its CRC-32. Either as a stream (the CSV, into the ingest core) or whole (an image, ≤ 20 MB).
 */
import fs from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { crc32, createInflateRaw, inflateRaw } from "node:zlib";
import { readAt, shownName, ZipError, type ZipEntry } from "./zip-directory";

const inflateRawAsync = promisify(inflateRaw);

const tooLong = (entry: ZipEntry) => new ZipError("corrupt_zip", `${shownName(entry.name)} unpacks to more than the ${entry.size} bytes its header declares`);
const damaged = (entry: ZipEntry) => new ZipError("corrupt_zip", `${shownName(entry.name)}: its compressed data is damaged or cut short`);

/** The checks once an entry's bytes are all read. */
function checkWhole(entry: ZipEntry, size: number, crc: number): void {
  if (size !== entry.size) throw new ZipError("corrupt_zip", `${shownName(entry.name)} unpacks to ${size} bytes, not the ${entry.size} its header declares`);
  if (crc !== entry.crc) throw new ZipError("corrupt_zip", `${shownName(entry.name)} fails its CRC-32 check: the archive is damaged`);
}

/**
 * Streams the entry of the zip file at `path` whose data starts at `start` (entryDataStart),
 * checking as it goes; throws ZipError `corrupt_zip` on the first disagreement.
 */
export async function* entryStream(path: string, entry: ZipEntry, start: number): AsyncGenerator<Uint8Array> {
  if (entry.compressedSize === 0 && entry.method === 0) return checkWhole(entry, 0, 0);
  const packed = fs.createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  const inflate = entry.method === 8 ? createInflateRaw({ chunkSize: 64 * 1024 }) : null;
  if (inflate) pipeline(packed, inflate).catch(() => undefined); // failures surface when reading `inflate`
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of inflate ?? packed) {
      const bytes = chunk as Buffer;
      size += bytes.byteLength;
      if (size > entry.size) throw tooLong(entry);
      crc = crc32(bytes, crc);
      yield bytes;
    }
  } catch (error) {
    throw error instanceof ZipError ? error : damaged(entry);
  } finally {
    packed.destroy();
    inflate?.destroy();
  }
  checkWhole(entry, size, crc);
}

/** The whole entry, checked (inflated off the event loop, never past its declared size). */
export async function readEntry(file: FileHandle, entry: ZipEntry, start: number): Promise<Buffer> {
  const packed = await readAt(file, start, entry.compressedSize);
  if (packed.length !== entry.compressedSize) throw damaged(entry);
  let bytes = packed;
  if (entry.method === 8) {
    try {
      bytes = await inflateRawAsync(packed, { maxOutputLength: entry.size + 1 });
    } catch (error) {
      throw (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? tooLong(entry) : damaged(entry);
    }
  }
  if (bytes.length > entry.size) throw tooLong(entry);
  checkWhole(entry, bytes.length, crc32(bytes));
  return bytes;
}
