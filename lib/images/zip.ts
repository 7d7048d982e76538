import { unzipSync, type UnzipFileInfo } from "fflate";
import { safeImageName } from "./names";

/** A problem with a .zip upload; `code` becomes the API error code (HTTP 400, or 413 for too_large). */
export class ZipError extends Error {
  constructor(readonly code: "invalid_zip" | "no_csv" | "several_csv" | "zip_too_large", message: string) {
    super(message);
  }
}

/** What a dataset archive holds: one CSV and the image files, keyed by their safe names. */
export interface DatasetArchive {
  csv: { name: string; bytes: Uint8Array };
  /** Safe name (see safeImageName) → the file's bytes, not yet checked to be an image. */
  images: Map<string, Uint8Array>;
}

/** The bytes of a zip file start with "PK\x03\x04" (or "PK\x05\x06" when empty). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

const CSV_NAME = /\.(csv|tsv|txt)(\.gz)?$/i;
/** Largest single image accepted from an archive. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const ignored = (name: string) => name.endsWith("/") || name.startsWith("__MACOSX/") || (name.split("/").pop() ?? "").startsWith(".");

/**
 * Reads a dataset archive: exactly one CSV (any folder) and the files with image names. Files are
 * only decompressed when wanted, and sizes are checked first so a zip bomb cannot fill memory:
 * the CSV may be up to `maxCsvBytes`, each image up to MAX_IMAGE_BYTES.
 */
export function readDatasetArchive(zip: Uint8Array, maxCsvBytes: number): DatasetArchive {
  if (!isZip(zip)) throw new ZipError("invalid_zip", "the file is not a .zip archive");
  const csvNames: string[] = [];
  let imageBytes = 0;
  const wanted = (file: UnzipFileInfo): boolean => {
    if (ignored(file.name)) return false;
    if (CSV_NAME.test(file.name)) {
      csvNames.push(file.name);
      if (file.originalSize > maxCsvBytes) throw new ZipError("zip_too_large", `${file.name} is ${file.originalSize} bytes unpacked, over the limit of ${maxCsvBytes} bytes`);
      return csvNames.length === 1;
    }
    if (!safeImageName(file.name) || file.originalSize > MAX_IMAGE_BYTES) return false;
    imageBytes += file.originalSize;
    if (imageBytes > maxCsvBytes) throw new ZipError("zip_too_large", `the images are over ${maxCsvBytes} bytes unpacked`);
    return true;
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: wanted });
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError("invalid_zip", `the .zip archive could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (csvNames.length === 0) throw new ZipError("no_csv", "the .zip archive holds no .csv file");
  if (csvNames.length > 1) throw new ZipError("several_csv", `the .zip archive holds ${csvNames.length} CSV files (${csvNames.slice(0, 3).join(", ")}); put exactly one in it`);
  const images = new Map<string, Uint8Array>();
  for (const [name, bytes] of Object.entries(files)) {
    if (name === csvNames[0]) continue;
    const safe = safeImageName(name);
    if (safe && !images.has(safe)) images.set(safe, bytes);
  }
  return { csv: { name: csvNames[0], bytes: files[csvNames[0]] }, images };
}
