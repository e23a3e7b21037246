/**
 * The API's one error shape, `{ error: { code, message, issues? } }`, and the
 * exception routes throw to produce it (turned into a response by app.onError).
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError } from '../../shared/schemas';

/**
 * Builds the error body; `issues` (zod issues) only for validation failures;
 * `extra` adds fields next to code and message (e.g. `lastSeq` of a 409
 * `seq_conflict`, `limit` of a 413 `quota_exceeded`).
 */
export function errorBody(
  code: string,
  message: string,
  issues?: readonly unknown[],
  extra?: Record<string, unknown>,
): ApiError {
  const error = issues ? { code, message, issues: [...issues] } : { code, message };
  return { error: extra ? { ...extra, ...error } : error };
}

/**
 * A failure with a stable machine-readable `code` (e.g. `invalid_code`,
 * `not_found`) and HTTP `status`; extra response headers (e.g. Retry-After,
 * WWW-Authenticate) go in `headers`.
 */
export class ApiFailure extends HTTPException {
  readonly code: string;
  readonly issues: readonly unknown[] | undefined;
  readonly headers: Record<string, string>;
  /** Extra fields of the error object (see {@link errorBody}). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    opts: { issues?: readonly unknown[]; headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
  ) {
    super(status, { message });
    this.code = code;
    this.issues = opts.issues;
    this.headers = opts.headers ?? {};
    this.extra = opts.extra;
  }
}

/** Default error codes for statuses raised by Hono or middleware without one. */
export const CODE_FOR_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Throws a 404 `not_found` failure. */
export function notFound(message = 'Not found.'): never {
  throw new ApiFailure(404, 'not_found', message);
}
