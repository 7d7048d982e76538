import { z } from "zod";

/** One problem in a request or an uploaded file; `row` counts as a spreadsheet does (header = 1). */
export interface ErrorDetail {
  row?: number;
  column?: string;
  message: string;
}

/** The one error body of every API route: `{ error: { message, code, details? } }`. */
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
  }
}

export const notFound = (what: string) => new HttpError(404, "not_found", `${what} not found`);

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

/** Turns a zod error into the shared shape, one detail per issue. */
export function fromZodError(error: z.ZodError, what = "request"): HttpError {
  const details = error.issues.map((issue) => ({
    column: issue.path.length ? issue.path.join(".") : undefined,
    message: issue.message,
  }));
  const first = details[0];
  return new HttpError(400, "invalid_request", `invalid ${what}: ${first?.column ? `${first.column}: ` : ""}${first?.message ?? "bad value"}`, details);
}

/**
 * Wraps a route handler: HttpErrors and zod errors become their 4xx answer, anything else is
 * logged and answered with a 500 that leaks no internals.
 */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error.status, error.code, error.message, error.details);
      if (error instanceof z.ZodError) {
        const e = fromZodError(error);
        return errorResponse(e.status, e.code, e.message, e.details);
      }
      console.error(error);
      return errorResponse(500, "internal", "something went wrong on the server; the error was logged");
    }
  };
}

/** A `?threshold=` query value: a plain decimal in [0, 1] ("0.5", "1e-3"). */
export const thresholdParam = z
  .string({ error: "threshold is required, e.g. ?threshold=0.5" })
  .trim()
  .min(1, "threshold is required, e.g. ?threshold=0.5")
  .transform(Number)
  .pipe(z.number({ error: "threshold must be a number" }).min(0, "threshold must be between 0 and 1").max(1, "threshold must be between 0 and 1"));

/** The request's `?threshold=`, or a 400 saying what is wrong with it. */
export function readThreshold(req: Request): number {
  const parsed = z.object({ threshold: thresholdParam }).safeParse({ threshold: new URL(req.url).searchParams.get("threshold") ?? undefined });
  if (!parsed.success) throw fromZodError(parsed.error, "query");
  return parsed.data.threshold;
}

/** Parses a route's `[id]` segment as a positive integer, else 404 (no such dataset). */
export function parseId(raw: string, what = "dataset"): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) throw notFound(`${what} ${JSON.stringify(raw)}`);
  return id;
}
