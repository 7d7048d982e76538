import { z } from "zod";
import { currentPolicy, refusalOf, type Refusal } from "./access/policy";

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

export function errorResponse(status: number, code: string, message: string, details?: ErrorDetail[]): Response {
  const body: ErrorBody = { error: { message, code, ...(details?.length ? { details } : {}) } };
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

/**
 * Wraps a route handler. First the access policy (lib/access): a Host this server does not
 * answer to, a write from another site or a missing token is refused before the handler runs
 * (API routes are not behind proxy.ts, which would buffer upload bodies). Then HttpErrors and zod
 * errors become their 4xx answer, anything else is logged and answered with a 500 that leaks no internals.
 */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    const request = (args as unknown[])[0];
    if (!(request instanceof Request)) throw new TypeError("handle() wraps route handlers: their first argument is the Request");
    const refusal = refusalOf(currentPolicy(), { method: request.method, pathname: new URL(request.url).pathname, headers: request.headers });
    if (refusal) return refusalResponse(refusal);
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
