// Fault injection, set by configuration and changeable while the server runs. Counted faults hit the next
// `count` requests that match (`on`, by operation name) and then stop, so a test can say "the next two appends
// get 429" and know the third goes through.
import type { Operation } from './operations';

export interface CountedFault {
  count: number;
  /** Only these operations; all when omitted. */
  on?: Operation[];
}

export interface Faults {
  /** Added before every response. */
  latencyMs?: number;
  /** 429 RESOURCE_EXHAUSTED with a Retry-After header. */
  tooManyRequests?: CountedFault & { retryAfterSeconds?: number };
  /** 500 INTERNAL or 503 UNAVAILABLE, nothing applied. */
  serverError?: CountedFault & { status?: 500 | 503 };
  /** 401 UNAUTHENTICATED whatever the token (as if it had just expired). */
  unauthorised?: CountedFault;
  /** Apply the write, then destroy the socket before any reply: the client cannot know it worked.
   * `midResponse`: cut it after the status line, headers and part of the body instead. A browser resends a request
   * on its own when a reused keep-alive connection closes before any byte of the answer (Chromium's
   * HttpNetworkTransaction does, even for POST), which would append twice behind the client's back; once headers
   * have arrived no HTTP client resends, so the failure reaches the code under test. */
  dropAfterWrite?: CountedFault & { midResponse?: boolean };
  /** values.append only: apply the append twice and answer for the second copy, as the server sees it when the
   * client's network stack re-sends a POST on its own (the default `dropAfterWrite` against Chromium: the first
   * request applied, its reused keep-alive connection closed before any answer byte, the same body sent again and
   * answered 200). Node's fetch (undici) does not re-send a POST that way — it reports the failure — so Node tests
   * use this to get the double apply a browser produces. Both copies are recorded as requests, the first as
   * dropped after the write. `between`: rows another client appends to the same range between the two copies. */
  duplicateAppend?: CountedFault & { between?: (string | number | boolean)[][] };
  /** Destroy the socket without applying anything: the network went away. */
  dropBeforeHandling?: CountedFault;
  /** Google's per-minute-per-user quota: 429 RESOURCE_EXHAUSTED once a user passes it within a minute. */
  quota?: { readsPerMinutePerUser?: number; writesPerMinutePerUser?: number };
}

export type CountedFaultName =
  | 'tooManyRequests'
  | 'serverError'
  | 'unauthorised'
  | 'dropAfterWrite'
  | 'dropBeforeHandling'
  | 'duplicateAppend';

/** Take one hit of a counted fault if it applies to this operation. */
export function takeFault(faults: Faults, name: CountedFaultName, op: Operation): boolean {
  const f = faults[name];
  if (!f || f.count <= 0) return false;
  if (f.on && !f.on.includes(op)) return false;
  f.count -= 1;
  return true;
}

/** Requests per user per clock minute, reads and writes counted apart, as Google's quotas are. */
export class QuotaMeter {
  private minute = -1;
  private counts = new Map<string, number>();

  /** Count the request; true when it is over the limit (and so refused). */
  over(user: string, kind: 'read' | 'write', limit: number | undefined, now: number): boolean {
    if (limit === undefined) return false;
    const minute = Math.floor(now / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.counts.clear();
    }
    const key = `${kind}:${user}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n > limit;
  }
}
