// Send the outbox to the tracker's Log tab, exactly once per log.
//
// Rules:
//  - A log leaves the outbox only after the sheet confirmed it: an append answered with the rows it wrote, or
//    its Log ID found in the Log tab.
//  - Everything pending (up to maxBatch) goes in one values.append, RAW, aligned to the Log tab's header.
//  - After an ambiguous failure (dropped connection, timeout, 5xx once sent) the append may have landed, so before
//    sending again the Log ID column is read and ids already there are marked synced: a retry never duplicates.
//    The journal carries that doubt across a killed service worker: it names the batch in flight until the
//    sheet confirms it, and a run that finds it non-empty checks first.
//  - 429 and 5xx back off: min(2^n s + random ms, 64 s), never sooner than Retry-After; bounded in attempts and
//    time so an alarm-driven run always ends.
//  - 401: forget the token and try once more with a fresh one; 403, 404 and layout problems stop with a reason.
// No timers of its own: time comes from Clock, waiting from Sleeper.
import type { Clock, LogStore, SheetsPort, Sleeper, TokenProvider } from '../ports';
import type { LogEntry } from '../model';
import { recordsToRows } from '../schema/serialise';
import { backoffDelay } from './backoff';
import { discoverLogLayout, LogLayoutError, logIdsPresent, rowsIn, type LogLayout } from './log-layout';
import { STUCK } from './messages';
import { isSheetsError, type SheetsFailure } from './sheets-error';

/** Durable note of the batch in flight (chrome.storage, a file…), so a killed run's doubt outlives it. */
export interface SyncJournal {
  inFlight(): Promise<string[]>;
  setInFlight(ids: readonly string[]): Promise<void>;
}

export interface SyncDeps {
  store: LogStore;
  sheets: SheetsPort;
  /** The token source the transport uses; lets a 401 be answered with one fresh token. */
  tokens?: TokenProvider;
  clock: Clock;
  sleeper: Sleeper;
  /** [0, 1), for backoff jitter. */
  random: () => number;
  /** Logs per values.append. */
  maxBatch?: number;
  /** Without a journal every run checks the Log ID column before its first append (always safe, one more read). */
  journal?: SyncJournal;
  /** Where the Log tab was last time, to skip finding it again (2 requests). Rediscovered if it moved. */
  layout?: LogLayout;
  /** Retries in one run before giving up until the next run. */
  maxRetries?: number;
  /** Time one run may spend, waits included, in ms. */
  maxRunMs?: number;
}

export interface SyncReport {
  /** Logs put in append requests (including any that had to be checked afterwards). */
  sent: number;
  /** Logs the sheet confirmed and that left the outbox. */
  confirmed: number;
  /** Requests repeated after a failure. */
  retried: number;
  /** Why the run stopped with logs still pending; absent when the outbox is empty or all confirmed. */
  stuckReason?: string;
  /** The Log tab layout used, for the caller to pass back next time. */
  layout?: LogLayout;
}

export const DEFAULT_MAX_BATCH = 200;
const DEFAULT_MAX_RETRIES = 8;
const DEFAULT_MAX_RUN_MS = 4 * 60_000;

type Decision =
  | { kind: 'stop'; reason: string }
  | { kind: 'retry'; ambiguous: boolean; retryAfterMs?: number; offlineLike: boolean }
  | { kind: 'reauth'; token?: string }
  | { kind: 'relayout' };

function decide(e: unknown, duringWrite: boolean): Decision {
  if (e instanceof LogLayoutError) return { kind: 'stop', reason: e.reason };
  if (!isSheetsError(e)) throw e;
  const f: SheetsFailure = e.failure;
  switch (f.kind) {
    case 'offline':
      return { kind: 'stop', reason: STUCK.offline };
    case 'signed-out':
      return { kind: 'stop', reason: STUCK.signIn };
    case 'network':
    case 'timeout':
      return { kind: 'retry', ambiguous: duringWrite, offlineLike: true };
    case 'http':
      if (f.status === 429 || f.reason === 'RESOURCE_EXHAUSTED') return { kind: 'retry', ambiguous: false, offlineLike: false, ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}) };
      if (f.status >= 500) return { kind: 'retry', ambiguous: duringWrite, offlineLike: false, ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}) };
      if (f.status === 401) return { kind: 'reauth', ...(f.token !== undefined ? { token: f.token } : {}) };
      if (f.status === 403) return { kind: 'stop', reason: STUCK.readOnly };
      if (f.status === 404) return { kind: 'stop', reason: STUCK.notFound };
      // A 400 naming the range: the Log tab was renamed or removed since the layout was found.
      if (f.status === 400 && /Unable to parse range/i.test(e.message)) return { kind: 'relayout' };
      return { kind: 'stop', reason: STUCK.refused(e.message) };
  }
}

export async function syncOutbox(deps: SyncDeps): Promise<SyncReport> {
  const { store, sheets, clock, sleeper, random, journal } = deps;
  const maxBatch = Math.max(1, deps.maxBatch ?? DEFAULT_MAX_BATCH);
  const maxRetries = deps.maxRetries ?? DEFAULT_MAX_RETRIES;
  const deadline = clock.now() + (deps.maxRunMs ?? DEFAULT_MAX_RUN_MS);
  const report: SyncReport = { sent: 0, confirmed: 0, retried: 0 };

  let layout = deps.layout;
  let relayouts = 0;
  let reauthed = false;
  let failures = 0;
  // Ids that may already be in the sheet: 'all' = whatever is pending now.
  let doubt: Set<string> | 'all' | undefined = journal ? undefined : 'all';
  if (journal) {
    const inFlight = await journal.inFlight();
    if (inFlight.length) doubt = new Set(inFlight);
  }

  const finish = (stuckReason?: string): SyncReport => {
    if (layout) report.layout = layout;
    if (stuckReason !== undefined) report.stuckReason = stuckReason;
    return report;
  };

  const confirm = async (ids: readonly string[]) => {
    if (ids.length === 0) return;
    await store.markSynced(ids, clock.now());
    report.confirmed += ids.length;
  };

  for (;;) {
    let writing = false;
    try {
      const batch: LogEntry[] = await store.pending(maxBatch);
      if (batch.length === 0) {
        if (journal && doubt !== undefined) await journal.setInFlight([]);
        return finish();
      }
      layout ??= await discoverLogLayout(sheets);
      const doubted = doubt;
      const doubtful = doubted === undefined ? [] : batch.map((l) => l.id).filter((id) => doubted === 'all' || doubted.has(id));
      if (doubtful.length > 0) {
        const present = await logIdsPresent(sheets, layout, doubtful);
        await confirm(present);
        doubt = undefined;
        if (journal) await journal.setInFlight([]);
        if (present.length > 0) continue; // the outbox changed: take a fresh batch
      }
      doubt = undefined;
      const ids = batch.map((l) => l.id);
      if (journal) await journal.setInFlight(ids);
      writing = true;
      report.sent += batch.length;
      const res = await sheets.appendRows(layout.tabName, recordsToRows('log', batch, layout.header));
      writing = false;
      if (rowsIn(res.updatedRange) !== batch.length) {
        // The sheet says it wrote something else than we sent: find out what is really there before going on.
        doubt = new Set(ids);
        continue;
      }
      await confirm(ids);
      if (journal) await journal.setInFlight([]);
      failures = 0;
    } catch (e) {
      const d = decide(e, writing);
      if (d.kind === 'stop') return finish(d.reason);
      if (d.kind === 'relayout') {
        if (relayouts++ > 0) return finish(STUCK.noLogTab);
        layout = undefined;
        continue;
      }
      if (d.kind === 'reauth') {
        if (reauthed || !deps.tokens) return finish(STUCK.signIn);
        reauthed = true;
        if (d.token !== undefined) await deps.tokens.invalidate(d.token);
        report.retried += 1;
        continue;
      }
      if (d.ambiguous) doubt = 'all';
      const delay = backoffDelay(failures, random, d.retryAfterMs);
      failures += 1;
      if (failures > maxRetries || clock.now() + delay > deadline) return finish(d.offlineLike ? STUCK.offline : STUCK.busy);
      await sleeper.sleep(delay);
      report.retried += 1;
    }
  }
}
