// Wiring of the service worker: events in, plain modules out. Every listener is added synchronously at start-up
// (MV3 wakes the worker for an event only if its listener was registered in the first turn).
import { browser } from 'wxt/browser';
import type { Request } from '../messages';
import { database } from '../store/db';
import { chromeRegistration } from './chrome-registration';
import { contentMatches, OVERLAY_EARLY_SCRIPT_FILE, OVERLAY_SCRIPT_FILE, serialised, syncOverlayRegistration } from './registration';
import { createRouter, pageCaseloadOf, type RouterDeps } from './router';
import { publishPageCaseload as publishIfChanged, type PageCaseloadArea } from '../page-caseload';
import { createGuard, type TabGrant, type TabGrantStore } from './guard';

/** Tab grants in chrome.storage.session: they survive the service worker sleeping, not the browser closing,
 * and content scripts cannot read them (session storage is limited to trusted contexts by default). */
const sessionTabGrants: TabGrantStore = {
  get: async (id) => ((await browser.storage.session.get(`tab:${id}`)) as Record<string, TabGrant | undefined>)[`tab:${id}`],
  set: (id, g) => browser.storage.session.set({ [`tab:${id}`]: g }),
  remove: (id) => browser.storage.session.remove(`tab:${id}`),
  tabIds: async () =>
    Object.keys(await browser.storage.session.get(null))
      .filter((k) => k.startsWith('tab:'))
      .map((k) => Number(k.slice(4))),
};

/** Alarm name → handler. The sync engine adds its own here (see `onAlarm`). */
const alarmHandlers = new Map<string, () => Promise<void>>();

export function onAlarm(name: string, handler: () => Promise<void>): void {
  alarmHandlers.set(name, handler);
}

export function startBackground(extra: Pick<RouterDeps, 'syncNow' | 'syncOnOpen' | 'syncConnected' | 'sending'> = {}): void {
  const refreshRegistration = serialised(() => syncOverlayRegistration(chromeRegistration));
  const pageArea = browser.storage.local as unknown as PageCaseloadArea;
  const publishPageCaseload = async (cache: Parameters<typeof publishIfChanged>[1]) => void (await publishIfChanged(pageArea, cache));
  const refresh = () => {
    refreshRegistration().catch((e: unknown) => console.error('[caseload] content script registration failed', e));
    // Have the overlay's fast copy ready before the first MIS page of the session loads.
    database()
      .then(pageCaseloadOf)
      .then(publishPageCaseload)
      .catch((e: unknown) => console.warn('[caseload] could not cache the page caseload', e));
  };

  browser.runtime.onInstalled.addListener(refresh);
  browser.runtime.onStartup.addListener(refresh);
  browser.permissions.onAdded.addListener((added) => {
    refresh();
    // Registered scripts apply to the next page load; tabs already open on the new site get it now.
    void injectIntoOpenTabs(contentMatches(added.origins ?? []));
  });
  browser.permissions.onRemoved.addListener(refresh);

  const guard = createGuard({
    grantedOrigins: async () => (await browser.permissions.getAll()).origins ?? [],
    tabs: sessionTabGrants,
    // Tab ids only: no "tabs" permission is needed for them.
    openTabIds: async () => (await browser.tabs.query({})).flatMap((t) => (t.id === undefined ? [] : [t.id])),
  });
  const route = createRouter({ db: database, refreshRegistration, publishPageCaseload, guard, ...extra });
  const ownPages = `chrome-extension://${browser.runtime.id}/`;
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only our own content scripts and pages can reach this listener (no externally_connectable).
    if (sender.id !== browser.runtime.id) return false;
    // Who is asking comes from the browser's sender record, never from the message (guard.ts).
    const extensionPage = (sender.url ?? '').startsWith(ownPages);
    const origin = (sender as { origin?: string }).origin;
    void route(message as Request, {
      extensionPage,
      ...(sender.url ? { url: sender.url } : {}),
      ...(origin ? { origin } : {}),
      ...(sender.tab?.id !== undefined && !extensionPage ? { tabId: sender.tab.id } : {}),
    }).then(sendResponse);
    return true; // answer asynchronously
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    const handler = alarmHandlers.get(alarm.name);
    handler?.().catch((e: unknown) => console.error(`[caseload] alarm ${alarm.name} failed`, e));
  });
}

/** Run the overlay in open tabs on newly granted sites: both halves, in order (each guards against running twice
 * in a page; the early half, on a page already parsed, badges it at once). */
async function injectIntoOpenTabs(matches: string[]): Promise<void> {
  if (matches.length === 0) return;
  try {
    const tabs = await browser.tabs.query({ url: matches });
    await Promise.all(
      tabs.map((tab) =>
        tab.id === undefined
          ? undefined
          : browser.scripting
              .executeScript({ target: { tabId: tab.id }, files: [OVERLAY_EARLY_SCRIPT_FILE, OVERLAY_SCRIPT_FILE] })
              .catch(() => undefined),
      ),
    );
  } catch (e) {
    console.warn('[caseload] could not start the overlay in open tabs', e);
  }
}
