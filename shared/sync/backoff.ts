// Truncated exponential backoff with jitter, as Google asks for: min(2^n s + random ms, 64 s), and never
// sooner than the server's Retry-After.
export const MAX_BACKOFF_MS = 64_000;

/** Delay before retry number `attempt` (0 for the first retry). `random` is in [0, 1). */
export function backoffDelay(attempt: number, random: () => number, retryAfterMs?: number): number {
  const exponential = Math.min(2 ** attempt * 1000 + Math.floor(random() * 1000), MAX_BACKOFF_MS);
  return retryAfterMs === undefined ? exponential : Math.max(exponential, retryAfterMs);
}
