/**
 * A dataset archive: a .zip upload holding one CSV and image files. The upload is streamed to a
 * temporary file (never held in memory), its central directory read, the CSV then streamed out of
 * it (lib/images/zip-entry.ts) into the ingest core, and the images read one at a time, each
 * checked before anything is imported.
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { safeImageName } from "./names";
import { entryDataStart, readCentralDirectory, shownName, ZipError, type ZipEntry } from "./zip-directory";
import { entryStream, readEntry } from "./zip-entry";

export { ZipError };

const CSV_NAME = /\.(csv|tsv|txt)(\.gz)?$/i;
/** Largest single image accepted from an archive (a larger one is left out, as if missing). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const ignored = (name: string) => name.endsWith("/") || name.startsWith("__MACOSX/") || (name.split("/").pop() ?? "").startsWith(".");

/** Image files by safe name (see safeImageName), read and checked on demand. */
export interface ArchiveImages {
  get(safeName: string): Promise<Uint8Array | undefined>;
}

export interface DatasetArchive {
  csvName: string;
  /** The CSV's unpacked bytes, checked against its declared size and CRC-32 as they stream. */
  csv: () => AsyncGenerator<Uint8Array>;
  images: ArchiveImages;
  /** Closes and deletes the temporary file. */
  close: () => Promise<void>;
}

/** Writes `source` to `file`, refusing more than `maxBytes`. */
async function saveUpload(source: AsyncIterable<Uint8Array>, file: string, maxBytes: number): Promise<void> {
  let size = 0;
  async function* counted() {
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new ZipError("upload_too_large", `the upload is over the limit of ${maxBytes} bytes (MAX_UPLOAD_BYTES)`);
      yield chunk;
    }
  }
  await pipeline(Readable.from(counted()), fs.createWriteStream(file));
}

/** The CSV and image entries, refusing duplicates and anything but exactly one CSV. */
function pickEntries(entries: ZipEntry[]): { csv: ZipEntry; images: Map<string, ZipEntry> } {
  const names = new Set<string>();
  const csvs: ZipEntry[] = [];
  const images = new Map<string, ZipEntry>();
  for (const entry of entries) {
    if (ignored(entry.name)) continue;
    const isCsv = CSV_NAME.test(entry.name);
    const safe = isCsv ? null : safeImageName(entry.name);
    if (!isCsv && !safe) continue;
    if (names.has(entry.name)) throw new ZipError("invalid_zip", `the archive holds two entries named ${JSON.stringify(shownName(entry.name))}`);
    names.add(entry.name);
    if (isCsv) csvs.push(entry);
    else if (safe && entry.size <= MAX_IMAGE_BYTES && !images.has(safe)) images.set(safe, entry);
  }
  if (csvs.length === 0) throw new ZipError("no_csv", "the .zip archive holds no .csv file");
  if (csvs.length > 1) throw new ZipError("several_csv", `the .zip archive holds ${csvs.length} CSV files (${csvs.slice(0, 3).map((e) => shownName(e.name)).join(", ")}); put exactly one in it`);
  return { csv: csvs[0], images };
}

/**
 * Saves the upload and opens it as a dataset archive: exactly one CSV (any folder) of at most
 * `maxBytes` unpacked, and image files (together at most `maxBytes` unpacked), every image already
 * read and checked. Throws ZipError; the caller must `close()` what it gets.
 */
export async function openDatasetArchive(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<DatasetArchive> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "cutoff-zip-"));
  const file = path.join(dir, "upload.zip");
  let handle: fsp.FileHandle | null = null;
  const close = async () => {
    await handle?.close().catch(() => undefined);
    await fsp.rm(dir, { recursive: true, force: true });
  };
  try {
    await saveUpload(source, file, maxBytes);
    handle = await fsp.open(file, "r");
    const fileSize = (await handle.stat()).size;
    const { csv, images } = pickEntries(await readCentralDirectory(handle, fileSize));
    if (csv.size > maxBytes) throw new ZipError("zip_too_large", `${shownName(csv.name)} is ${csv.size} bytes unpacked, over the limit of ${maxBytes} bytes`);
    const csvStart = await entryDataStart(handle, fileSize, csv);
    let imageBytes = 0;
    const starts = new Map<string, number>();
    for (const [safe, entry] of images) {
      imageBytes += entry.size;
      if (imageBytes > maxBytes) throw new ZipError("zip_too_large", `the images are over ${maxBytes} bytes unpacked`);
      const start = await entryDataStart(handle, fileSize, entry);
      await readEntry(handle, entry, start); // checked now, before anything is imported
      starts.set(safe, start);
    }
    const open = handle;
    return {
      csvName: csv.name,
      csv: () => entryStream(file, csv, csvStart),
      images: {
        get: async (safe) => {
          const entry = images.get(safe);
          return entry ? readEntry(open, entry, starts.get(safe)!) : undefined;
        },
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
