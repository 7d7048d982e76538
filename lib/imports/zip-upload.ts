import { config } from "../config";
import { store } from "../db";
import { HttpError } from "../http";
import { storeDatasetImages, type StoredImages } from "../images/store";
import { readDatasetArchive, ZipError } from "../images/zip";
import { nameFromFile } from "../ingest";
import { importCsv } from "./import-csv";
import { collectParams, columnRoles, mappingParamsSchema } from "./mapping-params";
import { checkContentLength, readUpload, type Upload } from "./read-upload";
import { importedDataset, logRefusal, type ImportedDataset } from "./upload";

/** The answer to a .zip upload: the imported dataset and what became of its images. */
export interface ImportedArchive extends ImportedDataset {
  images: StoredImages;
}

const ZIP_TYPES = new Set(["application/zip", "application/x-zip-compressed"]);

async function readAll(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new HttpError(413, "upload_too_large", `the upload is over the limit of ${maxBytes} bytes (MAX_UPLOAD_BYTES)`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

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

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * Imports a .zip holding one CSV and the image files its image column names: the CSV goes
 * through the same ingest core as any upload (lib/imports/import-csv.ts → lib/ingest), then the named
 * images are stored under the data folder (safe names, real images only).
 */
export async function importZipUpload(request: Request): Promise<ImportedArchive> {
  const maxBytes = config().MAX_UPLOAD_BYTES;
  checkContentLength(request, maxBytes);
  const upload = await readZipUpload(request);
  const zip = await readAll(upload.source, maxBytes);
  let archive;
  try {
    archive = readDatasetArchive(zip, maxBytes);
  } catch (error) {
    if (error instanceof ZipError) throw new HttpError(error.code === "zip_too_large" ? 413 : 400, error.code, error.message);
    throw error;
  }
  const { params } = upload;
  const fileName = upload.fileName ?? "upload.zip";
  try {
    const result = await importCsv(once(archive.csv.bytes), {
      name: params.name || nameFromFile(archive.csv.name) || nameFromFile(fileName),
      sourceFile: `${fileName.split(/[\\/]/).pop()}: ${archive.csv.name}`,
      ...columnRoles(params),
      maxBytes,
    });
    const images = storeDatasetImages(result.id, await store().rows.imageValues(result.id), archive.images);
    return { ...(await importedDataset(result)), images };
  } catch (error) {
    logRefusal(error);
  }
}
