import { config } from "../config";
import { store } from "../db";
import { HttpError, requestBody } from "../http";
import { storeDatasetImages, type StoredImages } from "../images/store";
import { openDatasetArchive } from "../images/zip";
import { nameFromFile } from "../ingest";
import { importCsv } from "./import-csv";
import { collectParams, columnRoles, mappingParamsSchema, modelOf } from "./mapping-params";
import { checkContentLength, readUpload, type Upload } from "./read-upload";
import { importedDataset, logRefusal, type ImportedDataset } from "./upload";

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
  return { source: requestBody(request), params: parsed.data, fileName: url.searchParams.get("filename"), totalBytes: null };
}

/**
 * Imports a .zip holding one CSV and the image files its image column names: the archive is
 * saved to a temporary file and checked, the CSV streams out of it through the same ingest core
 * as any upload (lib/imports/import-csv.ts → lib/ingest, the parse worker, MAX_UPLOAD_BYTES on the
 * unpacked bytes), then the named images are stored under the data folder (safe names, real
 * images only).
 */
export async function importZipUpload(request: Request): Promise<ImportedArchive> {
  const maxBytes = config().MAX_UPLOAD_BYTES;
  try {
    checkContentLength(request, maxBytes);
    const upload = await readZipUpload(request);
    const archive = await openDatasetArchive(upload.source, maxBytes);
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
          ...modelOf(params),
          encoding: params.encoding,
          maxBytes,
        });
      } finally {
        // The ingest core may stop reading early (a refused file): close the entry's streams.
        void csv.return(undefined).catch(() => undefined);
      }
      const images = await storeDatasetImages(result.id, await store().rows.imageValues(result.id), archive.images);
      return { ...(await importedDataset(result)), images };
    } finally {
      await archive.close();
    }
  } catch (error) {
    logRefusal(error);
  }
}
