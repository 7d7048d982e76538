import { config } from "../config";
import { getDataset } from "../db/datasets";
import { listImageValues } from "../db/images";
import { importCsv } from "../db/imports";
import { HttpError } from "../http";
import { nameFromFile } from "../ingest";
import { toHttpError } from "../upload/errors";
import type { ImportedDataset } from "../upload/import-upload";
import { collectParams, columnRoles, mappingParamsSchema } from "../upload/mapping-params";
import { checkContentLength, readUpload, type Upload } from "../upload/read-upload";
import { storeDatasetImages, type StoredImages } from "./store";
import { openDatasetArchive, ZipError } from "./zip";

/** The answer to a .zip upload: the imported dataset and what became of its images. */
export interface ImportedArchive extends ImportedDataset {
  images: StoredImages;
}

const ZIP_TYPES = new Set(["application/zip", "application/x-zip-compressed"]);

/** A raw `application/zip` body with the mapping in the query string; anything else as a CSV upload would be. */
async function readZipUpload(request: Request): Promise<Upload> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!ZIP_TYPES.has(mediaType)) return readUpload(request);
  if (!request.body) throw new HttpError(400, "empty_file", "the request has no body: send the .zip file");
  const url = new URL(request.url);
  const parsed = mappingParamsSchema.safeParse(collectParams(url.searchParams.entries()));
  if (!parsed.success) throw new HttpError(400, "invalid_request", `invalid ${String(parsed.error.issues[0].path[0] ?? "parameter")}: ${parsed.error.issues[0].message}`);
  return { source: request.body as unknown as AsyncIterable<Uint8Array>, params: parsed.data, fileName: url.searchParams.get("filename"), totalBytes: null };
}

/** A ZipError as its HTTP answer (413 for sizes, 400 otherwise); other errors as any upload's. */
function asHttpError(error: unknown): unknown {
  if (error instanceof ZipError) return new HttpError(error.code === "zip_too_large" || error.code === "upload_too_large" ? 413 : 400, error.code, error.message);
  return toHttpError(error);
}

/**
 * Imports a .zip holding one CSV and the image files its image column names: the archive is
 * saved to a temporary file and checked, the CSV streams out of it through the same ingest core
 * as any upload (lib/db/imports.ts → lib/ingest, the parse worker, MAX_UPLOAD_BYTES on the
 * unpacked bytes), then the named images are stored under the data folder (safe names, real
 * images only).
 */
export async function importZipUpload(request: Request): Promise<ImportedArchive> {
  const maxBytes = config().MAX_UPLOAD_BYTES;
  checkContentLength(request, maxBytes);
  const upload = await readZipUpload(request);
  const archive = await openDatasetArchive(upload.source, maxBytes).catch((error: unknown) => {
    throw asHttpError(error);
  });
  try {
    const { params } = upload;
    const fileName = upload.fileName ?? "upload.zip";
    const csv = archive.csv();
    let result;
    try {
      result = await importCsv(csv, {
        name: params.name || nameFromFile(archive.csvName) || nameFromFile(fileName),
        sourceFile: `${fileName.split(/[\\/]/).pop()}: ${archive.csvName}`,
        ...columnRoles(params),
        encoding: params.encoding,
        maxBytes,
      });
    } catch (error) {
      throw asHttpError(error);
    } finally {
      // The ingest core may stop reading early (a refused file): close the entry's streams.
      void csv.return(undefined).catch(() => undefined);
    }
    const images = await storeDatasetImages(result.id, listImageValues(result.id), archive.images);
    const { id, name, rows, positives, negatives, unlabeled, positiveLabel, negativeLabel, mapping, delimiter, encoding, compressed, bytes, durationMs } = result;
    return { id, name, rows, positives, negatives, unlabeled, positiveLabel, negativeLabel, mapping, delimiter, encoding, compressed, bytes, durationMs, dataset: await getDataset(id), images };
  } finally {
    await archive.close();
  }
}
