import { config } from "../config";
import { store, type DatasetView } from "../db";
import { toHttpError } from "../http";
import { nameFromFile, type IngestResult } from "../ingest";
import type { CsvEncoding } from "../ingest/encodings";
import type { ColumnMapping } from "../ingest/types";
import { importCsv } from "./import-csv";
import { columnRoles, modelOf } from "./mapping-params";
import { checkContentLength, readUpload } from "./read-upload";

/** The answer to a successful upload (POST /api/datasets → 201). */
export interface ImportedDataset {
  id: number;
  name: string;
  rows: number;
  positives: number;
  negatives: number;
  unlabeled: number;
  positiveLabel: string;
  negativeLabel: string;
  mapping: ColumnMapping;
  delimiter: string;
  /** The text encoding the file was read in. */
  encoding: CsvEncoding;
  compressed: boolean;
  bytes: number;
  durationMs: number;
  dataset: DatasetView | null;
}

/** Logs why an upload was refused (the route answers it), then rethrows. */
export function logRefusal(error: unknown): never {
  const answer = toHttpError(error);
  if (answer) console.warn(`cutoff: upload refused (${answer.status} ${answer.code}): ${answer.message}`);
  throw error;
}

/** The answer fields of an import, with the dataset as stored. */
export async function importedDataset(result: IngestResult): Promise<ImportedDataset> {
  const { id, name, rows, positives, negatives, unlabeled, positiveLabel, negativeLabel, mapping, delimiter, encoding, compressed, bytes, durationMs } = result;
  return { id, name, rows, positives, negatives, unlabeled, positiveLabel, negativeLabel, mapping, delimiter, encoding, compressed, bytes, durationMs, dataset: await store().datasets.get(id) };
}

/** Reads an upload request and imports it (413 before reading when Content-Length is too big). */
export async function importUpload(request: Request): Promise<ImportedDataset> {
  const maxBytes = config().MAX_UPLOAD_BYTES;
  try {
    checkContentLength(request, maxBytes);
    const upload = await readUpload(request);
    const { params } = upload;
    const result = await importCsv(upload.source, {
      name: params.name || nameFromFile(upload.fileName),
      sourceFile: upload.fileName,
      ...columnRoles(params),
      ...modelOf(params),
      encoding: params.encoding,
      maxBytes,
      progressKey: params.progress,
      totalBytes: upload.totalBytes,
    });
    return await importedDataset(result);
  } catch (error) {
    logRefusal(error);
  }
}
