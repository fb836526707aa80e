// Sync inside the MV3 service worker: the `caseload-sync` alarm (every minute, re-created whenever the worker
// starts, since alarms may not survive a browser restart), "Sync now" from the popup, and a sync shortly after a
// log is saved so it reaches the sheet in seconds, not a minute. All state is in IndexedDB and
// chrome.storage.local, so a worker killed mid-sync loses nothing: the next run finishes the job.
import { browser } from 'wxt/browser';
import type { Sleeper } from '../../shared/ports';
import { onAlarm } from '../background/start';
import { replaceCaseload } from '../store/caseload';
import { database } from '../store/db';
import { IdbLogStore } from '../store/logs';
import { recordSyncResult } from '../store/sync-state';
import { FetchSheets } from './fetch-sheets';
import { ChromeIdentityTokens, FixedToken, type IdentityApi } from './identity';
import { storageArea, type StorageAreaLike } from './kv';
import { runSync, serialisedRuns } from './run-sync';
import { isGoogleRoot, readLocalSettings, resolveSettings, SCOPE_URLS, type ManagedConfig } from './settings';

export const SYNC_ALARM = 'caseload-sync';
/** How long after a log is saved the worker syncs it (lets a burst of taps go in one append). */
const AFTER_LOG_MS = 1500;

const realSleeper: Sleeper = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

async function managedConfig(): Promise<ManagedConfig> {
  try {
    return (await browser.storage.managed.get()) as ManagedConfig;
  } catch {
    return {}; // no policy on this machine
  }
}

async function syncOnce(pullNow: boolean): Promise<void> {
  const kv = storageArea(browser.storage.local as unknown as StorageAreaLike);
  const settings = resolveSettings(await readLocalSettings(kv), await managedConfig());
  if (!settings.sheetId) return; // local-only mode
  const db = await database();
  const tokens =
    settings.accessToken && !isGoogleRoot(settings.apiRoot)
      ? new FixedToken(settings.accessToken)
      : new ChromeIdentityTokens(browser.identity as unknown as IdentityApi, {
          scopeUrl: SCOPE_URLS[settings.scope],
          clientId: (browser.runtime.getManifest() as { oauth2?: { client_id?: string } }).oauth2?.client_id ?? '',
          session: storageArea(browser.storage.session as unknown as StorageAreaLike),
        });
  const sheets = new FetchSheets({ spreadsheetId: settings.sheetId, apiRoot: settings.apiRoot, tokens, isOnline: () => navigator.onLine });
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
    },
    { pullNow },
  );
  if (result.error) console.warn('[caseload] sync stopped:', result.error);
}

/** Register sync with the background: call before startBackground, pass the result's syncNow to it. */
export function installSync(): { syncNow: () => Promise<void> } {
  const run = serialisedRuns(syncOnce);
  onAlarm(SYNC_ALARM, () => run(false));
  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    if (!existing) return browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  });
  let soon: ReturnType<typeof setTimeout> | undefined;
  browser.runtime.onMessage.addListener((message) => {
    if ((message as { type?: string } | undefined)?.type === 'log/add') {
      clearTimeout(soon);
      soon = setTimeout(() => void run(false).catch((e: unknown) => console.error('[caseload] sync failed', e)), AFTER_LOG_MS);
    }
    return false; // the router answers; this listener only watches
  });
  return { syncNow: () => run(true) };
}
