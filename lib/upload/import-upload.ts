import { config } from "../config";
import { HttpError } from "../http";
import { getDataset, type DatasetView } from "../db/datasets";
import { importCsv } from "../db/imports";
import { nameFromFile } from "../ingest/ingest";
import type { CsvEncoding } from "../ingest/encodings";
import type { ColumnMapping } from "../ingest/types";
import { toHttpError } from "./errors";
import { columnRoles } from "./mapping-params";
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

/** Reads an upload request and imports it (413 before reading when Content-Length is too big). */
export async function importUpload(request: Request): Promise<ImportedDataset> {
  const maxBytes = config().MAX_UPLOAD_BYTES;
  checkContentLength(request, maxBytes);
  try {
    const upload = await readUpload(request);
    const { params } = upload;
    const result = await importCsv(upload.source, {
      name: params.name || nameFromFile(upload.fileName),
      sourceFile: upload.fileName,
      ...columnRoles(params),
      encoding: params.encoding,
      maxBytes,
      progressKey: params.progress,
      totalBytes: upload.totalBytes,
    });
    const { id, name, rows, positives, negatives, unlabeled, positiveLabel, negativeLabel, mapping, delimiter, encoding, compressed, bytes, durationMs } = result;
    return { id, name, rows, positives, negatives, unlabeled, positiveLabel, negativeLabel, mapping, delimiter, encoding, compressed, bytes, durationMs, dataset: await getDataset(id) };
  } catch (error) {
    const answer = toHttpError(error);
    if (answer instanceof HttpError) console.warn(`cutoff: upload refused (${answer.status} ${answer.code}): ${answer.message}`);
    throw answer;
  }
}
