/**
 * The structure of a .zip file on disk (PKWARE APPNOTE 6.3): the central directory, each entry's
 * local header and data descriptor, checked against each other. Only what Cutoff reads is
 * supported: stored or deflated entries, no encryption, no zip64, one disk. Anything else, or
 * anything that disagrees with itself, is a ZipError naming the entry.
 */
import type { FileHandle } from "node:fs/promises";
import { setImmediate as nextTurn } from "node:timers/promises";

/** `code` becomes the API error code: 413 for the size codes, 400 for the rest. */
export type ZipErrorCode = "invalid_zip" | "corrupt_zip" | "encrypted_zip" | "unsupported_zip" | "no_csv" | "several_csv" | "zip_too_large" | "upload_too_large";

export class ZipError extends Error {
  constructor(
    readonly code: ZipErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ZipError";
  }
}

/** One file of an archive, as the central directory describes it. */
export interface ZipEntry {
  name: string;
  flags: number;
  /** 0 stored, 8 deflated (others are refused when the entry is read). */
  method: number;
  crc: number;
  compressedSize: number;
  /** Unpacked size in bytes, as declared. */
  size: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const NONE = 0xffffffff;

/** An entry's name as shown in messages (names are the uploader's: bounded). */
export const shownName = (name: string) => (name.length > 100 ? `${name.slice(0, 99)}…` : name);

export async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await file.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

const decodeName = (bytes: Buffer, flags: number) => bytes.toString(flags & 0x800 ? "utf8" : "latin1");

/** The entries of the zip file open as `file` (`fileSize` bytes), in directory order. */
export async function readCentralDirectory(file: FileHandle, fileSize: number): Promise<ZipEntry[]> {
  // The end record is the last 22 bytes, followed by a comment of up to 65,535 bytes.
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readAt(file, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0 && at < 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_DIRECTORY && i + 22 + tail.readUInt16LE(i + 20) === tail.length) at = i;
  }
  if (at < 0) {
    const head = await readAt(file, 0, 4);
    throw new ZipError("invalid_zip", head.length === 4 && head.readUInt32LE(0) === LOCAL_HEADER ? "the .zip archive is truncated or damaged (its end record is missing)" : "the file is not a .zip archive");
  }
  const count = tail.readUInt16LE(at + 10);
  const directorySize = tail.readUInt32LE(at + 12);
  const directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directorySize === NONE || directoryOffset === NONE || (at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR)) {
    throw new ZipError("unsupported_zip", "zip64 archives (over 4 GB or 65,535 files) are not supported: split the archive or send the CSV alone");
  }
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0 || tail.readUInt16LE(at + 8) !== count) {
    throw new ZipError("unsupported_zip", "split (multi-disk) archives are not supported");
  }
  if (directoryOffset + directorySize > fileSize - tailLength + at) throw new ZipError("invalid_zip", "the .zip archive is damaged: its central directory lies outside the file");
  const directory = await readAt(file, directoryOffset, directorySize);
  const damaged = () => new ZipError("invalid_zip", "the .zip archive is damaged: its central directory cannot be read");
  const entries: ZipEntry[] = [];
  let pos = 0;
  for (let k = 0; k < count; k++) {
    if (pos + 46 > directory.length || directory.readUInt32LE(pos) !== CENTRAL_HEADER) throw damaged();
    const nameLength = directory.readUInt16LE(pos + 28);
    const next = pos + 46 + nameLength + directory.readUInt16LE(pos + 30) + directory.readUInt16LE(pos + 32);
    if (next > directory.length) throw damaged();
    const flags = directory.readUInt16LE(pos + 8);
    const entry: ZipEntry = {
      name: decodeName(directory.subarray(pos + 46, pos + 46 + nameLength), flags),
      flags,
      method: directory.readUInt16LE(pos + 10),
      crc: directory.readUInt32LE(pos + 16),
      compressedSize: directory.readUInt32LE(pos + 20),
      size: directory.readUInt32LE(pos + 24),
      localOffset: directory.readUInt32LE(pos + 42),
    };
    if (entry.compressedSize === NONE || entry.size === NONE || entry.localOffset === NONE) {
      throw new ZipError("unsupported_zip", `${shownName(entry.name)} has zip64 sizes (over 4 GB): zip64 archives are not supported`);
    }
    entries.push(entry);
    pos = next;
    if (k % 4096 === 4095) await nextTurn(); // a directory of many files does not hold the event loop
  }
  return entries;
}

/**
 * Where an entry's data starts, once it is known to be readable: not encrypted, stored or
 * deflated, its local header (and data descriptor, if any) agreeing with the central directory.
 */
export async function entryDataStart(file: FileHandle, fileSize: number, entry: ZipEntry): Promise<number> {
  const name = shownName(entry.name);
  if (entry.flags & 0x41) throw new ZipError("encrypted_zip", `${name} is encrypted: Cutoff cannot read password-protected archives`);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError("unsupported_zip", `${name} uses compression method ${entry.method}: only stored (0) and deflated (8) files are supported`);
  if (entry.method === 0 && entry.compressedSize !== entry.size) throw new ZipError("corrupt_zip", `${name}: it is stored uncompressed, yet its two sizes differ`);
  const header = await readAt(file, entry.localOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipError("invalid_zip", `${name}: there is no local header where the central directory says`);
  const flags = header.readUInt16LE(6);
  const nameLength = header.readUInt16LE(26);
  const localName = decodeName(await readAt(file, entry.localOffset + 30, nameLength), flags);
  const descriptor = (flags & 8) !== 0;
  // With a data descriptor, the local header may leave the CRC and sizes as zeros.
  const same = (local: number, central: number) => local === central || (descriptor && local === 0);
  const agrees =
    localName === entry.name && header.readUInt16LE(8) === entry.method && (flags & 0x49) === (entry.flags & 0x49) &&
    same(header.readUInt32LE(14), entry.crc) && same(header.readUInt32LE(18), entry.compressedSize) && same(header.readUInt32LE(22), entry.size);
  if (!agrees) throw new ZipError("corrupt_zip", `${name}: its local header disagrees with the central directory`);
  const start = entry.localOffset + 30 + nameLength + header.readUInt16LE(28);
  if (start + entry.compressedSize > fileSize) throw new ZipError("invalid_zip", `${name}: its data runs past the end of the file (truncated)`);
  if (descriptor) {
    const d = await readAt(file, start + entry.compressedSize, 16);
    const at = d.length >= 4 && d.readUInt32LE(0) === DATA_DESCRIPTOR ? 4 : 0;
    if (d.length < at + 12 || d.readUInt32LE(at) !== entry.crc || d.readUInt32LE(at + 4) !== entry.compressedSize || d.readUInt32LE(at + 8) !== entry.size) {
      throw new ZipError("corrupt_zip", `${name}: its data descriptor disagrees with the central directory`);
    }
  }
  return start;
}
