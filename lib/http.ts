/**
 * The one HTTP boundary of every API route: query strings and bodies read through zod, domain
 * errors mapped to statuses here (not in each route), and one error body shape:
 * `{ error: { message, code, details? } }`.
 */
import { z } from "zod";
import { currentPolicy, refusalOf, type Refusal } from "./access/policy";
import { NotFoundError, type ConflictError, type InvalidInputError, type ProblemDetail } from "./errors";
import type { IngestError } from "./ingest/errors";

export type ErrorDetail = ProblemDetail;

/** The one error body of every API route. */
export interface ErrorBody {
  error: { message: string; code: string; details?: ErrorDetail[] };
}

/** An error meant for the client, with its HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Bounds of an error body: a message or value echoed from hostile input never makes it large. */
const MAX_MESSAGE = 1000;
const MAX_DETAILS = 20;
const MAX_DETAIL_MESSAGE = 300;
const MAX_DETAIL_COLUMN = 100;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The one error body, its texts cut to a few KB at most (the ingest core cuts them shorter still). */
export function errorResponse(status: number, code: string, message: string, details?: ErrorDetail[]): Response {
  const shown = details?.slice(0, MAX_DETAILS).map((d) => ({ ...d, ...(d.column !== undefined ? { column: cut(d.column, MAX_DETAIL_COLUMN) } : {}), message: cut(d.message, MAX_DETAIL_MESSAGE) }));
  const body: ErrorBody = { error: { message: cut(message, MAX_MESSAGE), code: cut(code, 64), ...(shown?.length ? { details: shown } : {}) } };
  return Response.json(body, { status });
}

/** The answer to a refused request; a 401 says which scheme it wants. */
export function refusalResponse(refusal: Refusal): Response {
  const response = errorResponse(refusal.status, refusal.code, refusal.message);
  if (refusal.status === 401) response.headers.set("WWW-Authenticate", `Bearer realm="Cutoff"`);
  return response;
}

/** Turns a zod error into the shared shape, one detail per issue. */
export function fromZodError(error: z.ZodError, what = "request"): HttpError {
  const details = error.issues.map((issue) => ({
    column: issue.path.length ? issue.path.join(".") : undefined,
    message: issue.message,
  }));
  const first = details[0];
  return new HttpError(400, "invalid_request", `invalid ${what}: ${first?.column ? `${first.column}: ` : ""}${first?.message ?? "bad value"}`, details);
}

const interrupted = (error: unknown) => {
  const code = (error as { code?: string } | null)?.code;
  return code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE" || (error as Error | null)?.message === "aborted";
};

/**
 * Whether `error` is one of our errors of that class. By name, not instanceof: the bundler may
 * give a route's chunk its own copy of a module, and so of the class.
 */
function isNamed<T extends Error>(error: unknown, name: string): error is T {
  return error instanceof Error && error.name === name;
}

/** The HTTP answer for an error, or null for an unexpected one (a 500, logged by `handle`). */
export function toHttpError(error: unknown): HttpError | null {
  if (isNamed<HttpError>(error, "HttpError")) return error;
  if (error instanceof z.ZodError) return fromZodError(error);
  if (isNamed<NotFoundError>(error, "NotFoundError")) return new HttpError(404, "not_found", error.message);
  if (isNamed<ConflictError>(error, "ConflictError")) return new HttpError(409, error.code, error.message, error.details);
  if (isNamed<InvalidInputError>(error, "InvalidInputError")) return new HttpError(400, error.code, error.message, error.details);
  if (isNamed<IngestError>(error, "IngestError")) return new HttpError(error.code === "upload_too_large" ? 413 : 400, error.code, error.message, error.details);
  if (isNamed<Error & { code: string }>(error, "ZipError")) return new HttpError(error.code === "zip_too_large" || error.code === "upload_too_large" ? 413 : 400, error.code, error.message);
  if (interrupted(error)) return new HttpError(400, "upload_interrupted", "the upload was interrupted before the end of the file");
  return null;
}

/**
 * Wraps a route handler. First the access policy (lib/access): a Host this server does not
 * answer to, a write from another site or a missing token is refused before the handler runs
 * (API routes are not behind proxy.ts, which would buffer upload bodies). Then known errors become
 * their 4xx answer, anything else is logged and answered with a 500 that leaks no internals.
 */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    const request = (args as unknown[])[0];
    if (!(request instanceof Request)) throw new TypeError("handle() wraps route handlers: their first argument is the Request");
    const refusal = refusalOf(currentPolicy(), { method: request.method, pathname: new URL(request.url).pathname, headers: request.headers });
    if (refusal) return afterBody(request, refusalResponse(refusal));
    try {
      return await fn(...args);
    } catch (error) {
      const known = toHttpError(error);
      if (!known) console.error(error);
      const response = known ? errorResponse(known.status, known.code, known.message, known.details) : errorResponse(500, "internal", "something went wrong on the server; the error was logged");
      return afterBody(request, response);
    }
  };
}

/** How much of a refused request's body is read and dropped before answering; past either, the connection is closed. */
export const DRAIN_LIMITS = { bytes: 16 * 1024 * 1024, ms: 2000 };

interface BodyRead {
  reader: ReadableStreamDefaultReader<Uint8Array>;
  done: boolean;
}

/** The one reader of each request body read through `requestBody`. */
const bodyReads = new WeakMap<Request, BodyRead>();

function bodyRead(request: Request): BodyRead | null {
  let read = bodyReads.get(request);
  if (!read && request.body) {
    read = { reader: request.body.getReader(), done: false };
    bodyReads.set(request, read);
  }
  return read ?? null;
}

/**
 * A request's body as bytes, through one reader that stays with the request. A route that stops
 * part way (an upload refused at its first bad row, or at the size limit) leaves the rest unread
 * rather than cancelling the stream: a cancel destroys the socket while the client may still be
 * sending, and its write fails with EPIPE or ECONNRESET instead of reading the answer. `handle`
 * reads the rest (`drainBody`) before it answers.
 */
export function requestBody(request: Request): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: (): AsyncIterator<Uint8Array> => ({
      async next() {
        const read = bodyRead(request);
        if (!read || read.done) return { done: true, value: undefined };
        const next = await read.reader.read();
        if (next.done) read.done = true;
        return next.done ? { done: true, value: undefined } : { done: false, value: next.value };
      },
      async return() {
        return { done: true, value: undefined };
      },
    }),
  };
}

/**
 * Reads and drops what is left of a request's body, up to `limits`: true once the body is read to
 * its end (the connection can then serve the client's next request). A body read by
 * `request.json()` or `text()` was read to its end. Routes read bodies through `requestBody` or
 * those methods only, so nothing else holds a reader.
 */
export async function drainBody(request: Request, limits = DRAIN_LIMITS): Promise<boolean> {
  if (request.body === null) return true;
  if (!bodyReads.has(request) && (request.bodyUsed || request.body.locked)) return request.bodyUsed;
  const read = bodyRead(request);
  if (!read) return true;
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), limits.ms);
    timer.unref();
  });
  try {
    while (!read.done) {
      const next = await Promise.race([read.reader.read(), late]).catch(() => "late" as const);
      if (next === "late") return false;
      if (next.done) read.done = true;
      else if ((bytes += next.value.byteLength) > limits.bytes) return false;
    }
    return true;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An error answer to a request with a body: the rest of the body is read first (a bad upload is
 * answered at its first bad row, and a client still sending it would see its write fail, not the
 * answer). A body too long or too slow to read is answered with `Connection: close`, so the client
 * opens a new connection for its next request instead of reusing one the server is about to drop.
 */
async function afterBody(request: Request, response: Response): Promise<Response> {
  if (request.body !== null && !(await drainBody(request))) response.headers.set("Connection", "close");
  return response;
}

const thresholdRange = "threshold must be between 0 and 1";

/** A threshold as a number (JSON bodies): flagged means `score >= threshold`, in [0, 1]. */
export const thresholdValue = z.number({ error: "threshold must be a number" }).min(0, thresholdRange).max(1, thresholdRange);

/** A `?threshold=` query value: a plain decimal in [0, 1] ("0.5", "1e-3"). */
export const thresholdParam = z
  .string({ error: "threshold is required, e.g. ?threshold=0.5" })
  .trim()
  .min(1, "threshold is required, e.g. ?threshold=0.5")
  .transform(Number)
  .pipe(thresholdValue);

/** The query of routes that take only `?threshold=`. */
export const thresholdQuery = z.object({ threshold: thresholdParam });

/** The request's query string as an object (a repeated key keeps its last value). */
export function queryObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** The request's query string validated by `schema`, or a 400 naming the bad parameter. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S, query: Record<string, unknown> = queryObject(request)): z.output<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw fromZodError(parsed.error, "query");
  return parsed.data;
}

/** Reads and validates a JSON request body; a body that is not JSON or does not fit is a 400. */
export async function readBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new HttpError(400, "invalid_json", "the request body must be JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "body");
  return parsed.data;
}

/** A 404 for `what` ("dataset 7"): routes throw it when the data layer answers null. */
export const notFound = (what: string) => new NotFoundError(what);

/** Parses a route's `[id]` segment as a positive integer, else 404 (no such dataset). */
export function parseId(raw: string, what = "dataset"): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(`${what} ${JSON.stringify(raw)}`);
  return id;
}
