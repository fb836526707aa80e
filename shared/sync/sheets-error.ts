// How a Sheets transport (the extension's fetch client, the CLI's googleapis adapter, a test double) reports a
// failure, in terms the sync engine can act on. The difference that matters most: did the request possibly
// reach the sheet? After an ambiguous failure a write may have landed, so the engine checks before resending.

export type SheetsFailure =
  /** The server answered with an error status. `reason` is Google's status word (e.g. RESOURCE_EXHAUSTED). */
  | {
      kind: 'http';
      status: number;
      reason?: string;
      retryAfterMs?: number;
      token?: string;
      /** Google's ErrorInfo reason from the body's `details`, e.g. ACCESS_TOKEN_SCOPE_INSUFFICIENT. */
      detail?: string;
      /** The request would have changed the sheet (a viewer may read but not write). */
      write?: boolean;
    }
  /** The connection failed or dropped: the request may or may not have been applied. */
  | { kind: 'network' }
  /** No answer in time: the request may or may not have been applied. */
  | { kind: 'timeout' }
  /** The device knows it is offline, so nothing was sent. */
  | { kind: 'offline' }
  /** No access token could be had without asking the user (signed out, consent withdrawn). */
  | { kind: 'signed-out' };

export class SheetsError extends Error {
  constructor(
    readonly failure: SheetsFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SheetsError';
  }
}

export function isSheetsError(e: unknown): e is SheetsError {
  return e instanceof Error && e.name === 'SheetsError' && 'failure' in e;
}

/** Google's error body `{ error: { code, message, status } }` as a SheetsError. */
export function sheetsErrorFromResponse(
  status: number,
  body: unknown,
  extra: { retryAfterMs?: number; token?: string; write?: boolean } = {},
): SheetsError {
  const err = (body as { error?: { message?: unknown; status?: unknown; details?: unknown } } | undefined)?.error;
  const message = typeof err?.message === 'string' ? err.message : `HTTP ${status}`;
  const failure: SheetsFailure = { kind: 'http', status };
  if (typeof err?.status === 'string') failure.reason = err.status;
  if (extra.retryAfterMs !== undefined) failure.retryAfterMs = extra.retryAfterMs;
  if (extra.token !== undefined) failure.token = extra.token;
  if (extra.write !== undefined) failure.write = extra.write;
  const info = Array.isArray(err?.details) ? (err.details as { reason?: unknown }[]).find((d) => typeof d?.reason === 'string') : undefined;
  if (info) failure.detail = info.reason as string;
  return new SheetsError(failure, message);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (relative to `now`). */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
