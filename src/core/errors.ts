/**
 * The one error catalog of ssos. Every failure a caller can see has a code here, a fixed HTTP status, and a message
 * written for the person reading it. Expected outcomes inside the domain (a group too small to rate) are values,
 * not errors; this catalog is for requests that cannot be served.
 */
export const errorCatalog = {
  bad_request: { status: 400, title: 'The request is not valid' },
  invalid_json: { status: 400, title: 'The request body is not valid JSON' },
  validation_failed: { status: 400, title: 'A field of the request is not valid' },
  payload_too_large: { status: 400, title: 'The request body is too large' },
  import_failed: { status: 400, title: 'The file could not be imported' },
  unsupported_media_type: { status: 415, title: 'The request body must be JSON' },
  not_signed_in: { status: 401, title: 'Sign in to continue' },
  invalid_credentials: { status: 401, title: 'Email or password is not correct' },
  forbidden: { status: 403, title: 'You do not have access to this' },
  out_of_scope: { status: 403, title: 'This is outside the organizations you have access to' },
  not_found: { status: 404, title: 'Not found' },
  route_not_found: { status: 404, title: 'There is no such address' },
  method_not_allowed: { status: 405, title: 'This method is not allowed here' },
  conflict: { status: 409, title: 'This conflicts with what is already recorded' },
  too_many_requests: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  unavailable: { status: 503, title: 'The service is not available right now' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A code from the error catalog. */
export type ErrorCode = keyof typeof errorCatalog;

/** The body every error response has: `{ error: { code, message } }`, plus the field at fault when there is one. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

/** An error a caller is meant to see: a catalog code, a message for a person, and optionally the field at fault. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message?: string, field?: string) {
    super(message ?? errorCatalog[code].title);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }

  /** The HTTP status this error maps to. */
  get status(): number {
    return errorCatalog[this.code].status;
  }

  /** The response body for this error. */
  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message };
    if (this.field !== undefined) error.field = this.field;
    return { error };
  }
}

/** The HTTP status for a catalog code. */
export function statusForCode(code: ErrorCode): number {
  return errorCatalog[code].status;
}
