// One sync run, as the alarm and "Sync now" call it: send the outbox, then re-read the caseload when it is due.
// Everything it needs to resume lives in the store and the key/value area, so a run cut short by the service
// worker being killed is simply finished by the next one.
import type { Clock, LogStore, SheetsPort, Sleeper, Staff, TokenProvider } from '../../shared/index';
import {
  accessReason,
  pullCaseload,
  reasonFor,
  syncOutbox,
  type AccessWho,
  type LogLayout,
  type PulledCaseload,
  type SheetsError,
  type SyncReport,
} from '../../shared/sync';
import { KvJournal } from './journal';
import { KEYS, type KeyValueArea } from './kv';

export interface RunSyncDeps {
  store: LogStore;
  sheets: SheetsPort;
  tokens: TokenProvider;
  kv: KeyValueArea;
  /** Which sheet: the remembered Log layout belongs to it. Undefined = local-only mode, nothing happens. */
  sheetId: string | undefined;
  pullEveryMinutes: number;
  replaceCaseload(data: PulledCaseload, at: number): Promise<void>;
  recordResult(result: { at: number; error?: string }): Promise<void>;
  clock: Clock;
  sleeper: Sleeper;
  random: () => number;
  maxBatch?: number;
  /** An MV3 service worker may be stopped after 30 s idle: keep a run shorter and let the next alarm go on. */
  maxRunMs?: number;
  /** Google's last refusal seen by the transport (FetchSheets.lastRefusal), to say exactly what access is missing. */
  lastRefusal?: () => SheetsError | undefined;
  /** The signed-in account and whom to ask, for those messages. */
  accessWho?: () => Promise<AccessWho>;
  /** After a pull: match the signed-in account to the Staff tab (account.ts). */
  identify?: (staff: Staff[]) => Promise<void>;
  /** One cheap read, to tell a refused write from a viewer (the read works) from an unshared account (it fails). */
  canRead?: () => Promise<boolean>;
}

/** The engine stops on a 403 with a generic reason; the transport knows whether it was a read (not shared) or a
 * write (view-only), and the account names who should ask whom. */
async function explainStop(deps: RunSyncDeps, reason: string): Promise<string> {
  let refusal = deps.lastRefusal?.();
  if (!refusal) return reason;
  // Google answers a write from an account the Sheet is no longer shared with exactly as a viewer's write.
  if (refusal.failure.kind === 'http' && refusal.failure.write && refusal.failure.status === 403 && deps.canRead && !(await deps.canRead()))
    refusal = deps.lastRefusal?.() ?? refusal;
  return accessReason(refusal.failure, (await deps.accessWho?.()) ?? {}) ?? reason;
}

export interface RunSyncResult {
  skipped?: 'local-only';
  report?: SyncReport;
  pulled?: boolean;
  /** What the popup shows, when something is stuck. */
  error?: string;
}

interface RememberedLayout {
  sheetId: string;
  layout: LogLayout;
}

export interface RunSyncOptions {
  /** Re-read the caseload whatever its age ("Sync now", browser start). */
  pullNow?: boolean;
  /** Re-read it if the copy on the device is older than this (the popup opening), besides the usual interval. */
  pullIfOlderThanMs?: number;
}

export async function runSync(deps: RunSyncDeps, options: RunSyncOptions = {}): Promise<RunSyncResult> {
  if (!deps.sheetId) return { skipped: 'local-only' };
  const remembered = (await deps.kv.get(KEYS.layout)) as RememberedLayout | undefined;
  const report = await syncOutbox({
    store: deps.store,
    sheets: deps.sheets,
    tokens: deps.tokens,
    clock: deps.clock,
    sleeper: deps.sleeper,
    random: deps.random,
    journal: new KvJournal(deps.kv),
    ...(deps.maxBatch !== undefined ? { maxBatch: deps.maxBatch } : {}),
    maxRunMs: deps.maxRunMs ?? 25_000,
    ...(remembered?.sheetId === deps.sheetId ? { layout: remembered.layout } : {}),
  });
  if (report.layout) await deps.kv.set(KEYS.layout, { sheetId: deps.sheetId, layout: report.layout } satisfies RememberedLayout);

  let error = report.stuckReason === undefined ? undefined : await explainStop(deps, report.stuckReason);
  let pulled = false;
  if (error === undefined) {
    const lastPull = ((await deps.kv.get(KEYS.lastPullAt)) as { sheetId: string; at: number } | undefined) ?? undefined;
    const age = lastPull?.sheetId === deps.sheetId ? deps.clock.now() - lastPull.at : Infinity;
    const maxAge = Math.min(deps.pullEveryMinutes * 60_000, options.pullIfOlderThanMs ?? Infinity);
    const due = options.pullNow === true || age >= maxAge;
    if (due) {
      try {
        // With the Log's evidence per target, summarised (the rows stay in the Sheet).
        const data = await pullCaseload(deps.sheets, { now: deps.clock.now() });
        const at = deps.clock.now();
        await deps.replaceCaseload(data, at);
        await deps.kv.set(KEYS.lastPullAt, { sheetId: deps.sheetId, at });
        pulled = true;
        await deps.identify?.(data.staff).catch(() => undefined);
      } catch (e) {
        error = reasonFor(e, (await deps.accessWho?.()) ?? {});
      }
    }
  }
  await deps.recordResult({ at: deps.clock.now(), ...(error !== undefined ? { error } : {}) });
  return { report, pulled, ...(error !== undefined ? { error } : {}) };
}

export interface SerialisedRuns<A extends unknown[], R> {
  /** Share the run going now, or start one (the alarm, the popup opening). */
  join(...args: A): Promise<R>;
  /** A run that starts after this call: "Sync now" follows something the user just changed (the SENCo shared the
   * Sheet), and browser start, back online and a saved log follow a change too, which a run already going may have
   * read too early to see. Waits for that run, then runs once more;
   * several such calls meanwhile share the one follow-up, with the latest arguments. */
  fresh(...args: A): Promise<R>;
}

/** One sync at a time: never two appends of the same outbox racing each other. */
export function serialisedRuns<A extends unknown[], R>(run: (...args: A) => Promise<R>): SerialisedRuns<A, R> {
  let current: Promise<R> | undefined;
  let next: { args: A; done: Promise<R> } | undefined;
  const start = (args: A): Promise<R> => {
    const p = run(...args).finally(() => {
      if (current === p) current = undefined;
    });
    current = p;
    return p;
  };
  return {
    join: (...args) => current ?? start(args),
    fresh: (...args) => {
      if (!current) return start(args);
      if (next) {
        next.args = args;
        return next.done;
      }
      const queued = { args } as { args: A; done: Promise<R> };
      // The follow-up starts whether the run going now ends well or not.
      queued.done = current
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          next = undefined;
          return start(queued.args);
        });
      next = queued;
      return queued.done;
    },
  };
}
