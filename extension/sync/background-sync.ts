// Sync inside the MV3 service worker. Runs are started by:
//  - the `caseload-sync` alarm (every minute; re-created whenever the worker starts, since alarms may not survive
//    a browser restart): sends the outbox, re-reads the caseload every `pullEveryMinutes`;
//  - "Sync now" in the popup, and browser start: sends and re-reads the caseload;
//  - the popup opening: sends, and re-reads the caseload if the copy here is over a minute old;
//  - a log being saved (1.5 s later, so a burst of taps goes in one append), and the device coming back online.
// All state is in IndexedDB and chrome.storage.local, so a worker killed mid-sync loses nothing: the next run
// finishes the job. The Sheet is the source of truth for pupils, targets, staff and rota (`replaceCaseload`);
// a pull never touches logs or the outbox.
import { KvJournal } from './journal';
import { browser } from 'wxt/browser';
import type { Sleeper } from '../../shared/index';
import { onAlarm } from '../background/start';
import { replaceCaseload } from '../store/caseload';
import { database, setMeta } from '../store/db';
import { IdbLogStore } from '../store/logs';
import { recordSyncResult } from '../store/sync-state';
import { purgeSyncedLogs, retentionDays } from '../store/retention';
import { browserConnectionEnv, currentSettings, localArea } from './browser-env';
import { identifyAccount } from './account';
import { accessWho, accountEmail, sheetsFor, tokenProviderFor } from './connection';
import { runSync, serialisedRuns, type RunSyncOptions } from './run-sync';

export const SYNC_ALARM = 'caseload-sync';
/** How long after a log is saved the worker syncs it (lets a burst of taps go in one append). */
const AFTER_LOG_MS = 1500;
/** The popup opening re-reads a caseload older than this. */
const ON_OPEN_MAX_AGE_MS = 60_000;

const realSleeper: Sleeper = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

async function syncOnce(options: RunSyncOptions): Promise<void> {
  const kv = localArea();
  const settings = await currentSettings();
  if (!settings.sheetId) return; // local-only mode
  const db = await database();
  const env = browserConnectionEnv();
  const tokens = tokenProviderFor(settings, env);
  const sheets = sheetsFor({ ...settings, sheetId: settings.sheetId }, tokens, env);
  const result = await runSync(
    {
      store: new IdbLogStore(db),
      sheets,
      tokens,
      kv,
      sheetId: settings.sheetId,
      pullEveryMinutes: settings.pullEveryMinutes,
      replaceCaseload: (data, at) => replaceCaseload(data, { db, from: 'sheet', at }),
      recordResult: (r) => recordSyncResult(db, r),
      clock: { now: Date.now },
      sleeper: realSleeper,
      random: Math.random,
      lastRefusal: () => sheets.lastRefusal,
      canRead: () =>
        sheets.listTabs().then(
          () => true,
          () => false,
        ),
      accessWho: async () => accessWho(settings, env, await db.getAll('staff'), tokens),
      identify: async (staff) => {
        const email = await accountEmail(settings, env, tokens);
        if (email) await identifyAccount({ email, staff, kv, setMe: (id) => setMeta(db, 'me', id), now: Date.now() });
      },
    },
    options,
  );
  if (result.error) console.warn('[caseload] sync stopped:', result.error);
  for (const note of result.report?.notes ?? []) console.info('[caseload] sync:', note);
}

export interface InstalledSync {
  /** "Sync now": send and re-read the caseload. */
  syncNow(): Promise<void>;
  /** The popup opened: send, and re-read a caseload over a minute old. */
  syncOnOpen(): Promise<void>;
  /** Whether a tracker Sheet is connected (false = local-only mode). */
  connected(): Promise<boolean>;
  /** Log IDs of the append in flight (the journal). */
  sending(): Promise<readonly string[]>;
}

/** Register sync with the background: call before startBackground, and pass the result to it. */
export function installSync(): InstalledSync {
  const run = serialisedRuns(syncOnce);
  // Browser start, back online and a saved log each follow a change a run already going may have missed.
  const start = (options: RunSyncOptions, why: string) =>
    void run.fresh(options).catch((e: unknown) => console.error(`[caseload] sync (${why}) failed`, e));

  // After each alarm's sync: synced logs past the retention period leave this device (PRIVACY.md).
  const purge = async () => {
    const managed = await browser.storage.managed.get().catch(() => ({}));
    const purged = await purgeSyncedLogs(await database(), Date.now(), retentionDays(managed));
    if (purged > 0) console.info(`[caseload] retention: ${purged} synced log(s) removed from this device`);
  };
  onAlarm(SYNC_ALARM, () => run.join({}).finally(purge));
  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    if (!existing) return browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  });
  // Browser start: the rota or targets may have changed overnight.
  browser.runtime.onStartup.addListener(() => start({ pullNow: true }, 'browser start'));
  // Back online: send what was kept while offline without waiting for the alarm.
  globalThis.addEventListener?.('online', () => start({}, 'back online'));

  let soon: ReturnType<typeof setTimeout> | undefined;
  browser.runtime.onMessage.addListener((message) => {
    // A new log, or an Undo/Edit that may have queued a Correction row: send soon.
    const type = (message as { type?: string } | undefined)?.type;
    if (type === 'log/add' || type === 'log/undo' || type === 'log/update') {
      clearTimeout(soon);
      soon = setTimeout(() => start({}, 'after a log'), AFTER_LOG_MS);
    }
    return false; // the router answers; this listener only watches
  });
  return {
    syncNow: () => run.fresh({ pullNow: true }),
    syncOnOpen: () => run.join({ pullIfOlderThanMs: ON_OPEN_MAX_AGE_MS }),
    connected: async () => Boolean((await currentSettings()).sheetId),
    sending: () => new KvJournal(localArea()).inFlight(),
  };
}
