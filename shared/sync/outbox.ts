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
//  - Below the engine, a transport may send one request twice: Chromium re-sends a POST on its own when a reused
//    HTTP/1.1 keep-alive connection closes before any byte of the answer, and the engine then sees one clean 200
//    while the sheet holds every row twice. So every confirmed append is verified and healed: the Log ID column is
//    read over a small window around the rows the append reports (`updatedRange`) and any second copy of one of
//    the batch's ids is deleted (one spreadsheets.batchUpdate, bottom-up). Only rows whose id is in the batch are
//    ever touched, and the first copy of each id is always kept, so another device's rows landing between the two
//    copies are safe. Exactly-once does not rest on the transport.
//    Cost, the trade-off chosen: one small extra read per append, so a burst of N logs takes 2 requests instead
//    of 1 (N/2 logs per request instead of N/1); the delete is only sent when a duplicate is found. A verify read
//    or delete that fails never blocks: the logs stay confirmed (they are in the sheet), the report carries a
//    note, and the journal keeps their ids so the next run sweeps the whole Log ID column once for them.
//    Known limit: the delete names rows by index, so a person deleting or sorting rows in the Log tab in the
//    instant between the verify read and the delete could shift a different row under it.
// No timers of its own: time comes from Clock, waiting from Sleeper.
import type { Clock, LogStore, SheetsPort, Sleeper, TokenProvider } from '../ports';
import type { LogEntry } from '../model';
import { recordsToRows } from '../schema/serialise';
import { backoffDelay } from './backoff';
import { discoverLogLayout, extraCopies, LogLayoutError, logIdRows, rowSpan, rowsIn, type LogLayout } from './log-layout';
import { NOTES, STUCK } from './messages';
import { isSheetsError, type SheetsFailure } from './sheets-error';

/** Durable note of the batch in flight (chrome.storage, a file…), so a killed run's doubt outlives it. */
export interface SyncJournal {
  inFlight(): Promise<string[]>;
  setInFlight(ids: readonly string[]): Promise<void>;
  /** Ids of logs in the sheet whose check for a second copy has not been done yet (a failed verify read or
   * delete, or a run killed in between). Optional: without it a check that failed is not tried again. */
  toVerify?(): Promise<string[]>;
  setToVerify?(ids: readonly string[]): Promise<void>;
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
  /** Second copies of our logs found in the sheet (written twice below the engine) and deleted. */
  duplicatesRemoved: number;
  /** Plain-English notes on things that did not stop sync (e.g. a duplicate check that has to wait). */
  notes: string[];
  /** Why the run stopped with logs still pending; absent when the outbox is empty or all confirmed. */
  stuckReason?: string;
  /** The Log tab layout used, for the caller to pass back next time. */
  layout?: LogLayout;
}

export const DEFAULT_MAX_BATCH = 200;
/** Rows read beyond the batch on each side when verifying an append: room for another device's rows between the
 * two copies of a re-sent request (they land milliseconds apart). One column only, so the read stays small. */
export const VERIFY_MARGIN_ROWS = 20;
/** The to-verify list is bounded: past this many ids the oldest are dropped (a best-effort check, not a queue). */
const MAX_TO_VERIFY = 5000;
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
  const report: SyncReport = { sent: 0, confirmed: 0, retried: 0, duplicatesRemoved: 0, notes: [] };

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

  // Duplicate healing (see the header). Without a deleteRows on the port nothing could be done about a second
  // copy, so nothing is read for it either.
  const canHeal = sheets.deleteRows !== undefined;
  const verifyLater = new Set<string>(canHeal && journal?.toVerify ? await journal.toVerify() : []);
  const saveVerifyLater = async () => {
    if (!journal?.setToVerify) return;
    const ids = [...verifyLater].slice(-MAX_TO_VERIFY);
    await journal.setToVerify(ids);
  };
  /** Delete every second copy of `ids` seen in `rowsById`. Never throws a Sheets failure: on one, the ids wait
   * for the next run and the report says so. */
  const removeExtraCopies = async (l: LogLayout, ids: readonly string[], rowsById: ReadonlyMap<string, readonly number[]>) => {
    if (!canHeal || ids.length === 0) return true;
    try {
      const extra = extraCopies(rowsById, ids);
      if (extra.length > 0) {
        await sheets.deleteRows!(l.tabName, extra);
        report.duplicatesRemoved += extra.length;
        report.notes.push(NOTES.removed(extra.length));
      }
      return true;
    } catch (e) {
      if (!isSheetsError(e)) throw e;
      report.notes.push(NOTES.unchecked(ids.length));
      return false;
    }
  };
  /** After a confirmed append: read the Log ID column around `updatedRange` and remove second copies. */
  const verifyAppend = async (l: LogLayout, ids: readonly string[], updatedRange: string) => {
    const span = rowSpan(updatedRange);
    let ok = false;
    if (span) {
      const n = ids.length;
      try {
        const rowsById = await logIdRows(sheets, l, { from: span.start - n - VERIFY_MARGIN_ROWS, to: span.end + n + VERIFY_MARGIN_ROWS });
        ok = await removeExtraCopies(l, ids, rowsById);
      } catch (e) {
        if (!isSheetsError(e)) throw e;
        report.notes.push(NOTES.unchecked(ids.length));
      }
    }
    if (ok) for (const id of ids) verifyLater.delete(id);
    await saveVerifyLater();
  };

  // The sweep: ids whose check a past run could not finish, in one read of the whole Log ID column. Best effort:
  // a failure leaves them listed and sync goes on.
  if (verifyLater.size > 0) {
    const ids = [...verifyLater];
    try {
      layout ??= await discoverLogLayout(sheets);
      const rowsById = await logIdRows(sheets, layout);
      if (await removeExtraCopies(layout, ids, rowsById)) {
        for (const id of ids) verifyLater.delete(id);
        await saveVerifyLater();
      }
    } catch (e) {
      if (!isSheetsError(e) && !(e instanceof LogLayoutError)) throw e;
      report.notes.push(NOTES.unchecked(ids.length));
    }
  }

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
        const rowsById = await logIdRows(sheets, layout);
        const present = doubtful.filter((id) => rowsById.has(id));
        // They may be there twice (a re-sent request that also went unanswered): the same read shows it.
        if (canHeal && present.length > 0) {
          for (const id of present) verifyLater.add(id);
          await saveVerifyLater();
        }
        await confirm(present);
        doubt = undefined;
        if (journal) await journal.setInFlight([]);
        if (present.length > 0) {
          if (await removeExtraCopies(layout, present, rowsById)) {
            for (const id of present) verifyLater.delete(id);
            await saveVerifyLater();
          }
          continue; // the outbox changed: take a fresh batch
        }
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
      // Listed before the outbox lets go of them, so a run killed before the check below still gets it done.
      if (canHeal) {
        for (const id of ids) verifyLater.add(id);
        await saveVerifyLater();
      }
      await confirm(ids);
      if (journal) await journal.setInFlight([]);
      failures = 0;
      if (canHeal) await verifyAppend(layout, ids, res.updatedRange);
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
