// Send the outbox to the tracker's Log tab, exactly once per log. Correction rows (shared/corrections.ts) are log
// rows with their own Log ID and travel the same way, under the same rules.
//
// Rules:
//  - A log leaves the outbox only after the sheet confirmed it: an append answered with the rows it wrote, or
//    its Log ID found in the Log tab.
//  - Everything pending (up to maxBatch) goes in one values.append, RAW, aligned to the Log tab's header. If the
//    header lacks a column a pending log has a value for (an older tracker without Corrects/Correction), the
//    missing header cells are first written right of the last header cell (one values.update of those cells
//    only) and the header is read again; a transport that cannot write stops with a reason. A field is never
//    silently dropped.
//  - After an ambiguous failure (dropped connection, timeout, 5xx once sent) the append may have landed, so before
//    sending again the Log ID column is read and ids already there are marked synced: a retry never duplicates.
//    The journal carries that doubt across a killed service worker: it names the batch in flight until the
//    sheet confirms it, and a run that finds it non-empty checks first.
//  - 429 and 5xx back off: min(2^n s + random ms, 64 s), never sooner than Retry-After; bounded in attempts and
//    time so an alarm-driven run always ends.
//  - 401: forget the token and try once more with a fresh one; 403, 404 and layout problems stop with a reason.
//  - Rows are never deleted, by number or otherwise. Below the engine a transport may send one request twice
//    (Chromium re-sends a POST on its own when a reused keep-alive connection closes before any byte of the
//    answer), leaving a second copy of some rows. Deleting that copy would name it by row number, and the SENCo
//    may sort or delete rows in the Log tab at any moment: the wrong row of a statutory record would go. So the
//    copy stays, and every reader counts a Log ID once, first row wins (effectiveLogs). When a read this engine
//    makes anyway (the doubt check) shows a second copy, the report says so; nothing extra is read for it.
// No timers of its own: time comes from Clock, waiting from Sleeper.
import type { Clock, LogStore, SheetsPort, Sleeper, TokenProvider } from '../ports';
import type { LogEntry } from '../model';
import { recordsToRows } from '../schema/serialise';
import { backoffDelay } from './backoff';
import { addLogColumns, discoverLogLayout, LogLayoutError, logIdRows, missingLogFields, rowsIn, type LogLayout } from './log-layout';
import { NOTES, STUCK } from './messages';
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
  /** Second copies of our logs seen in the sheet (written twice below the engine); left there, counted once. */
  duplicatesSeen: number;
  /** Header cells this run added to the Log tab. */
  columnsAdded: string[];
  /** Plain-English notes on things that did not stop sync. */
  notes: string[];
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
      if (f.status === 429 || f.reason === 'RESOURCE_EXHAUSTED')
        return {
          kind: 'retry',
          ambiguous: false,
          offlineLike: false,
          ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}),
        };
      if (f.status >= 500)
        return {
          kind: 'retry',
          ambiguous: duringWrite,
          offlineLike: false,
          ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}),
        };
      if (f.status === 401) return { kind: 'reauth', ...(f.token !== undefined ? { token: f.token } : {}) };
      if (f.status === 403) return { kind: 'stop', reason: STUCK.readOnly };
      if (f.status === 404) return { kind: 'stop', reason: STUCK.notFound };
      // A 400 naming the range: the Log tab was renamed or removed since the layout was found.
      if (f.status === 400 && /Unable to parse range/i.test(e.message)) return { kind: 'relayout' };
      return { kind: 'stop', reason: STUCK.refused(e.message) };
  }
}

/** One run's state, shared by the steps below. */
interface Run {
  deps: SyncDeps;
  report: SyncReport;
  maxBatch: number;
  maxRetries: number;
  deadline: number;
  layout?: LogLayout;
  relayouts: number;
  reauthed: boolean;
  failures: number;
  /** Ids that may already be in the sheet: 'all' = whatever is pending now. */
  doubt?: Set<string> | 'all';
}

async function startRun(deps: SyncDeps): Promise<Run> {
  const run: Run = {
    deps,
    report: { sent: 0, confirmed: 0, retried: 0, duplicatesSeen: 0, columnsAdded: [], notes: [] },
    maxBatch: Math.max(1, deps.maxBatch ?? DEFAULT_MAX_BATCH),
    maxRetries: deps.maxRetries ?? DEFAULT_MAX_RETRIES,
    deadline: deps.clock.now() + (deps.maxRunMs ?? DEFAULT_MAX_RUN_MS),
    relayouts: 0,
    reauthed: false,
    failures: 0,
  };
  if (deps.layout) run.layout = deps.layout;
  if (!deps.journal) run.doubt = 'all';
  else {
    const inFlight = await deps.journal.inFlight();
    if (inFlight.length) run.doubt = new Set(inFlight);
  }
  return run;
}

function finish(run: Run, stuckReason?: string): SyncReport {
  if (run.layout) run.report.layout = run.layout;
  if (stuckReason !== undefined) run.report.stuckReason = stuckReason;
  return run.report;
}

async function confirm(run: Run, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await run.deps.store.markSynced(ids, run.deps.clock.now());
  run.report.confirmed += ids.length;
}

/** Before sending after a doubt: mark the batch's ids already in the Log tab synced. True when any were (the
 * outbox changed: take a fresh batch). */
async function settleDoubt(run: Run, layout: LogLayout, batch: readonly LogEntry[]): Promise<boolean> {
  const doubted = run.doubt;
  const doubtful = doubted === undefined ? [] : batch.map((l) => l.id).filter((id) => doubted === 'all' || doubted.has(id));
  if (doubtful.length === 0) return false;
  const rowsById = await logIdRows(run.deps.sheets, layout);
  const present = doubtful.filter((id) => rowsById.has(id));
  // A re-sent request that also went unanswered may have left two copies: recorded, never deleted (see header).
  const twice = present.filter((id) => (rowsById.get(id)?.length ?? 0) > 1).length;
  if (twice > 0) {
    run.report.duplicatesSeen += twice;
    run.report.notes.push(NOTES.duplicates(twice));
  }
  await confirm(run, present);
  run.doubt = undefined;
  if (run.deps.journal) await run.deps.journal.setInFlight([]);
  return present.length > 0;
}

/** The layout, with a column for every field the batch holds (see header). */
async function layoutFor(run: Run, batch: readonly LogEntry[]): Promise<LogLayout> {
  let layout = run.layout ?? (await discoverLogLayout(run.deps.sheets));
  let missing = missingLogFields(layout, batch);
  // A remembered header may be old: someone may have added the columns since. Look again before writing row 1.
  if (missing.length > 0 && run.layout) {
    layout = await discoverLogLayout(run.deps.sheets);
    missing = missingLogFields(layout, batch);
  }
  if (missing.length > 0) {
    layout = await addLogColumns(run.deps.sheets, layout, missing);
    const headers = missing.map((f) => f.header);
    run.report.columnsAdded.push(...headers);
    run.report.notes.push(NOTES.columnsAdded(layout.tabName, headers));
  }
  run.layout = layout;
  return layout;
}

/** One values.append of the batch, journalled; confirmed when the sheet says it wrote exactly that many rows. */
async function sendBatch(run: Run, layout: LogLayout, batch: readonly LogEntry[]): Promise<void> {
  const { deps, report } = run;
  const ids = batch.map((l) => l.id);
  if (deps.journal) await deps.journal.setInFlight(ids);
  report.sent += batch.length;
  const res = await deps.sheets.appendRows(layout.tabName, recordsToRows('log', batch, layout.header));
  if (rowsIn(res.updatedRange) !== batch.length) {
    // The sheet says it wrote something else than we sent: find out what is really there before going on.
    run.doubt = new Set(ids);
    return;
  }
  await confirm(run, ids);
  if (deps.journal) await deps.journal.setInFlight([]);
  run.failures = 0;
}

/** What a failure means for the run: a report when it stops, nothing when it goes on (after any wait). */
async function onFailure(run: Run, e: unknown, duringWrite: boolean): Promise<SyncReport | undefined> {
  const d = decide(e, duringWrite);
  if (d.kind === 'stop') return finish(run, d.reason);
  if (d.kind === 'relayout') {
    if (run.relayouts++ > 0) return finish(run, STUCK.noLogTab);
    delete run.layout;
    return undefined;
  }
  if (d.kind === 'reauth') {
    if (run.reauthed || !run.deps.tokens) return finish(run, STUCK.signIn);
    run.reauthed = true;
    if (d.token !== undefined) await run.deps.tokens.invalidate(d.token);
    run.report.retried += 1;
    return undefined;
  }
  if (d.ambiguous) run.doubt = 'all';
  const delay = backoffDelay(run.failures, run.deps.random, d.retryAfterMs);
  run.failures += 1;
  if (run.failures > run.maxRetries || run.deps.clock.now() + delay > run.deadline)
    return finish(run, d.offlineLike ? STUCK.offline : STUCK.busy);
  await run.deps.sleeper.sleep(delay);
  run.report.retried += 1;
  return undefined;
}

export async function syncOutbox(deps: SyncDeps): Promise<SyncReport> {
  const run = await startRun(deps);
  for (;;) {
    let writing = false;
    try {
      const batch = await deps.store.pending(run.maxBatch);
      if (batch.length === 0) {
        if (deps.journal && run.doubt !== undefined) await deps.journal.setInFlight([]);
        return finish(run);
      }
      const layout = await layoutFor(run, batch);
      if (await settleDoubt(run, layout, batch)) continue;
      run.doubt = undefined;
      writing = true;
      await sendBatch(run, layout, batch);
      writing = false;
    } catch (e) {
      const stopped = await onFailure(run, e, writing);
      if (stopped) return stopped;
    }
  }
}
