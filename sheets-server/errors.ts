// Errors the way Google's APIs send them: an HTTP status and a JSON body `{ error: { code, message, status } }`.
// Clients (googleapis, our fetch client) read `status` to decide what to do, so the words must match Google's.

export type GoogleStatus =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE';

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: GoogleStatus,
    message: string,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** google.rpc ErrorInfo details, as Google adds them to some errors (e.g. ACCESS_TOKEN_SCOPE_INSUFFICIENT). */
  details?: Array<Record<string, unknown>>;

  body(): { error: { code: number; message: string; status: GoogleStatus; details?: Array<Record<string, unknown>> } } {
    return { error: { code: this.code, message: this.message, status: this.status, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const badRequest = (message: string) => new ApiError(400, 'INVALID_ARGUMENT', message);

export const unparsableRange = (range: string) => badRequest(`Unable to parse range: ${range}`);

export const unauthenticated = () =>
  new ApiError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  );

export const permissionDenied = () => new ApiError(403, 'PERMISSION_DENIED', 'The caller does not have permission');

/** A token without a scope the method accepts. Google's body carries an ErrorInfo naming the reason
 * (https://cloud.google.com/apis/design/errors#error_info; seen verbatim in Google API responses). */
export function scopeInsufficient(): ApiError {
  const e = new ApiError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.');
  e.details = [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      domain: 'googleapis.com',
      metadata: { service: 'sheets.googleapis.com' },
    },
  ];
  return e;
}

export const notFound = () => new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');

export const rateLimited = (retryAfterSeconds?: number) =>
  new ApiError(
    429,
    'RESOURCE_EXHAUSTED',
    "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com'.",
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
  );

export const quotaExceeded = (kind: 'Read' | 'Write') =>
  new ApiError(
    429,
    'RESOURCE_EXHAUSTED',
    `Quota exceeded for quota metric '${kind} requests' and limit '${kind} requests per minute per user' of service 'sheets.googleapis.com'.`,
  );

export const internalError = () => new ApiError(500, 'INTERNAL', 'Internal error encountered.');

export const unavailable = () => new ApiError(503, 'UNAVAILABLE', 'The service is currently unavailable.');
