import { HttpError } from "../http";
import { IngestError } from "../ingest/errors";

/**
 * The HTTP answer for a failed import: 413 for a too-large upload, 400 for anything wrong in the
 * file, 400 for an interrupted upload; other errors are left to `handle()` (500, logged).
 */
export function toHttpError(error: unknown): unknown {
  if (error instanceof IngestError) return new HttpError(error.code === "upload_too_large" ? 413 : 400, error.code, error.message, error.details);
  const code = (error as { code?: string } | null)?.code;
  if (code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE" || (error as Error | null)?.message === "aborted") {
    return new HttpError(400, "upload_interrupted", "the upload was interrupted before the end of the file");
  }
  return error;
}
