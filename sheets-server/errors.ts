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

  body(): { error: { code: number; message: string; status: GoogleStatus } } {
    return { error: { code: this.code, message: this.message, status: this.status } };
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
