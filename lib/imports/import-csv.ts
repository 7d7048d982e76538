import { store } from "../db";
import { toHttpError } from "../http";
import { ingestCsv, prestartParseWorker, type IngestOptions, type IngestResult } from "../ingest";
import { trackImport, updateImport } from "./progress";
import { serialized } from "./queue";

export interface ImportRequest extends IngestOptions {
  /** Client-chosen key to poll with getImportProgress (lib/imports/progress.ts). */
  progressKey?: string;
  /** The upload's announced size (Content-Length), for progress. */
  totalBytes?: number | null;
}

/**
 * Imports a CSV (or .csv.gz) stream as a new dataset in one transaction, after any import already
 * running. Throws IngestError for a bad file; the database is then exactly as before.
 */
export function importCsv(source: AsyncIterable<Uint8Array>, request: ImportRequest = {}): Promise<IngestResult> {
  const { progressKey, totalBytes, ...options } = request;
  options.expectedBytes ??= totalBytes ?? null;
  if (progressKey) trackImport(progressKey, totalBytes ?? null);
  return serialized(async () => {
    try {
      const result = await ingestCsv(
        source,
        {
          ...options,
          onProgress: (p) => {
            if (progressKey) updateImport(progressKey, p);
            options.onProgress?.(p);
          },
        },
        store().datasetWriter(),
      );
      if (progressKey) updateImport(progressKey, { phase: "done", rows: result.rows, bytes: result.bytes, datasetId: result.id });
      return result;
    } catch (error) {
      if (progressKey) {
        const known = toHttpError(error);
        updateImport(progressKey, { phase: "failed", error: { code: known ? known.code : "internal", message: known ? known.message : "the import failed on the server" } });
      }
      throw error;
    }
  });
}

/**
 * Starts the threads an import runs on (the parse worker, the backend's writer), idle, so that the
 * first import after a start does not wait for them. Called once the server starts
 * (instrumentation.ts); calling it again does nothing.
 */
export function prepareForImports(): void {
  prestartParseWorker();
  store().beforeImports();
}
