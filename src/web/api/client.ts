import type { ErrorCode } from '../../core/errors.ts';

/** What can go wrong with a request: a catalog code from the server, or `network` when no answer came back. */
export type ApiErrorCode = ErrorCode | 'network' | 'unknown';

/** A failed API request, carrying the server's error code and its message for a person. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly field: string | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** Whether a value is an ApiError with one of the given codes. */
export function isApiError(error: unknown, ...codes: ApiErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

/** Options for one request: a method and an optional JSON body. */
export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** Query-string parameters; undefined, null and empty values are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** Builds `path?query` from parameters, leaving out empty ones. */
export function withQuery(path: string, params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

interface ErrorBodyShape {
  error?: { code?: unknown; message?: unknown; field?: unknown };
}

/**
 * Calls the ssos API on this origin and returns the parsed JSON body (undefined for 204). Any other outcome throws
 * an ApiError: the server's `{ error: { code, message } }` when it sent one.
 */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  // The server rejects a POST without a JSON body, so mutations always send one.
  const sendsBody = method !== 'GET';
  if (sendsBody) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: sendsBody ? JSON.stringify(request.body ?? {}) : undefined,
      signal: request.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) {
    const error = (body as ErrorBodyShape | undefined)?.error;
    const code = typeof error?.code === 'string' ? (error.code as ApiErrorCode) : 'unknown';
    const message =
      typeof error?.message === 'string'
        ? error.message
        : `The server answered ${response.status} ${response.statusText}.`;
    const field = typeof error?.field === 'string' ? error.field : undefined;
    throw new ApiError(response.status, code, message, field);
  }
  if (body === undefined) throw new ApiError(response.status, 'unknown', 'The server sent an answer that is not JSON.');
  return body as T;
}
