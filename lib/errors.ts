/**
 * Domain errors: what went wrong in the app's own words. The data layer and the services throw
 * them; lib/http.ts maps each to its HTTP status in one place, and the CLI prints their message.
 */

/** One problem in a request or an uploaded file; `row` counts as a spreadsheet does (header = 1). */
export interface ProblemDetail {
  row?: number;
  column?: string;
  message: string;
}

/** Something the request names does not exist (404): "dataset 7 not found". */
export class NotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** A refusal with a machine-readable code and the problems behind it, row and column when known. */
abstract class RefusalError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details: ProblemDetail[] = [],
  ) {
    super(message);
  }
}

/** The request conflicts with what is stored (409): a taken name, an id already imported. */
export class ConflictError extends RefusalError {
  constructor(message: string, code = "conflict", details: ProblemDetail[] = []) {
    super(message, code, details);
    this.name = "ConflictError";
  }
}

/** The request itself is wrong (400): an unknown column, a bad mapping, a bad value. */
export class InvalidInputError extends RefusalError {
  constructor(message: string, code = "invalid_request", details: ProblemDetail[] = []) {
    super(message, code, details);
    this.name = "InvalidInputError";
  }
}
