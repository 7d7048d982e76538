import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../config";
import { imageTypeOf, safeImageName, type ImageType } from "./names";

/** The folder of a dataset's images: `images/<datasetId>/` in the data folder (next to the SQLite file; see CUTOFF_DATA_DIR). */
export function imagesDir(datasetId: number): string {
  return path.join(path.resolve(dataDir()), "images", String(datasetId));
}

/** What happened to the images a dataset's rows name. */
export interface StoredImages {
  /** Files stored (safe names). */
  stored: number;
  /** Names the rows use that the archive does not hold. */
  missing: string[];
  /** Names whose file is not a PNG, JPEG, GIF or WebP image (by its bytes), or that are not safe names. */
  rejected: string[];
}

const LISTED = 20;

/** Image files by safe name: a Map, or an archive that reads each when asked (lib/images/zip.ts). */
export interface ImageFiles {
  get(safeName: string): Uint8Array | undefined | Promise<Uint8Array | undefined>;
}

/**
 * Stores the images the dataset's rows name (their `image` values), taking each file from the
 * archive by its safe name; only real images (checked by their first bytes) are written.
 */
export async function storeDatasetImages(datasetId: number, names: string[], files: ImageFiles): Promise<StoredImages> {
  const dir = imagesDir(datasetId);
  const result: StoredImages = { stored: 0, missing: [], rejected: [] };
  const done = new Set<string>();
  for (const value of names) {
    if (/^https?:\/\//i.test(value)) continue;
    const safe = safeImageName(value);
    if (!safe) {
      result.rejected.push(value);
      continue;
    }
    if (done.has(safe)) continue;
    done.add(safe);
    const bytes = await files.get(safe);
    if (!bytes) result.missing.push(value);
    else if (!imageTypeOf(bytes)) result.rejected.push(value);
    else {
      await fs.promises.mkdir(dir, { recursive: true });
      await fs.promises.writeFile(path.join(dir, safe), bytes);
      result.stored++;
    }
  }
  return { stored: result.stored, missing: result.missing.slice(0, LISTED), rejected: result.rejected.slice(0, LISTED) };
}

/** A stored image's bytes and type, or null when there is none under that (safe) name. */
export function readDatasetImage(datasetId: number, name: string): { bytes: Buffer; type: ImageType } | null {
  if (safeImageName(name) !== name) return null;
  const file = path.join(imagesDir(datasetId), name);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  const type = imageTypeOf(bytes);
  return type ? { bytes, type } : null;
}

/** Deletes a dataset's stored images (call after deleting the dataset). */
export function removeDatasetImages(datasetId: number): void {
  fs.rmSync(imagesDir(datasetId), { recursive: true, force: true });
}
