/**
 * Turns an HTTP upload into a byte stream plus mapping parameters, without buffering the file:
 * a raw `text/csv` (or gzip) body with the mapping in the query string, or `multipart/form-data`
 * with the mapping fields before a `file` field (streamed through busboy).
 */
import busboy from "busboy";
import { Readable } from "node:stream";
import { HttpError, requestBody } from "../http";
import { collectParams, mappingParamsSchema, type MappingParams } from "./mapping-params";

export interface Upload {
  source: AsyncIterable<Uint8Array>;
  params: MappingParams;
  fileName: string | null;
  /** The request's Content-Length, when sent. */
  totalBytes: number | null;
}

const RAW_TYPES = new Set(["text/csv", "text/plain", "application/csv", "text/tab-separated-values", "application/gzip", "application/x-gzip", "application/octet-stream", "application/vnd.ms-excel"]);

/** 413 when the announced size is over the limit, before reading a byte. */
export function checkContentLength(request: Request, maxBytes: number): number | null {
  const header = request.headers.get("content-length");
  const length = header === null ? null : Number(header);
  if (length !== null && Number.isFinite(length) && length > maxBytes) {
    throw new HttpError(413, "upload_too_large", `the upload is ${length} bytes, over the limit of ${maxBytes} bytes (MAX_UPLOAD_BYTES)`);
  }
  return length !== null && Number.isFinite(length) ? length : null;
}

function parseParams(raw: Record<string, string | string[]>): MappingParams {
  const result = mappingParamsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HttpError(400, "invalid_request", `invalid ${String(issue.path[0] ?? "parameter")}: ${issue.message}`, result.error.issues.map((i) => ({ column: String(i.path[0] ?? ""), message: i.message })));
  }
  return result.data;
}

/** Reads the upload's parameters and returns its file as a stream. */
export async function readUpload(request: Request): Promise<Upload> {
  const url = new URL(request.url);
  const totalBytes = request.headers.get("content-length") === null ? null : Number(request.headers.get("content-length"));
  const contentType = (request.headers.get("content-type") ?? "").toLowerCase();
  const mediaType = contentType.split(";")[0].trim();
  if (!request.body) throw new HttpError(400, "empty_file", "the request has no body: send the CSV file");
  const queryParams = collectParams(url.searchParams.entries());
  if (mediaType === "multipart/form-data") return readMultipart(requestBody(request), contentType, queryParams, totalBytes);
  if (mediaType !== "" && !RAW_TYPES.has(mediaType)) {
    throw new HttpError(415, "unsupported_media_type", `send the file as text/csv (or gzip) or as multipart/form-data, not ${mediaType}`);
  }
  const params = parseParams(queryParams);
  return { source: requestBody(request), params, fileName: params.filename ?? null, totalBytes };
}

/** The answer when a form's file part fails: the body ended (or the connection dropped) before the form's end. */
const interrupted = () => new HttpError(400, "upload_interrupted", "the upload ended before the end of the form (the multipart body has no closing boundary): send the file again");

/**
 * The file part of a form as bytes. busboy fails it when the body ends before the closing
 * boundary ("Unexpected end of form") or the connection drops; that is the client's doing, a 400.
 * The error listener is attached at once: the stream may fail while the import still waits for
 * another one to finish, before anything reads it.
 */
function filePart(stream: Readable): AsyncIterable<Uint8Array> {
  let failed = false;
  stream.on("error", () => (failed = true));
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch {
        throw interrupted();
      }
      if (failed) throw interrupted();
    },
  };
}

function readMultipart(body: AsyncIterable<Uint8Array>, contentType: string, queryParams: Record<string, string | string[]>, totalBytes: number | null): Promise<Upload> {
  return new Promise<Upload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fields: 100, fieldSize: 64 * 1024 } });
    } catch {
      reject(new HttpError(400, "invalid_request", "the multipart body has no boundary"));
      return;
    }
    const fields: [string, string][] = Object.entries(queryParams).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
    let settled = false;
    parser.on("field", (name, value) => fields.push([name, value]));
    parser.on("file", (name, stream, info) => {
      if (settled || name !== "file") {
        stream.resume();
        return;
      }
      settled = true;
      try {
        resolve({ source: filePart(stream), params: parseParams(collectParams(fields)), fileName: info.filename || null, totalBytes });
      } catch (error) {
        stream.resume();
        reject(error);
      }
    });
    parser.on("error", (error) => {
      if (!settled) reject(new HttpError(400, "invalid_request", `the multipart body cannot be read: ${(error as Error).message}`));
      settled = true;
    });
    parser.on("close", () => {
      if (!settled) reject(new HttpError(400, "missing_file", 'the form has no "file" field (put the mapping fields before the file)'));
      settled = true;
    });
    Readable.from(body, { objectMode: false }).on("error", (error) => parser.destroy(error)).pipe(parser);
  });
}
