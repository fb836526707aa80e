// The authorisation layer between a message and the router's handlers: least privilege for content scripts.
//
// A content script runs inside the MIS page's tab. If that page (or another extension, or an analytics script on
// it) ever found a way to drive our content script, what it could obtain is bounded here, not by trust in the
// page. Rules, each with a unit test in tests/extension/guard.test.ts:
//   1. Extension pages (popup, options) may ask anything except what only makes sense from a page.
//      Content scripts may ask only the overlay's requests (CONTENT_REQUESTS); never today's logs, status,
//      sync or registration.
//   2. A content script is answered only for its own tab and origin: its origin (from the browser's sender, not
//      from the message) must be one the user or IT granted, and a URL in the message must be on that origin.
//   3. Matching data (names, UPN, MIS ID) goes only to granted origins (rule 2 applied to page/caseload).
//   4. Pupil details only for the pupil whose badge the user opened in that tab: `pupil/details` opens that
//      pupil for the tab (one at a time; opening another closes the first), and logs from that tab may only be
//      about the open pupil.
//   5. Undo and edit from a content script only of logs that tab made in this browser session; from the popup,
//      only of logs on this device (the store holds no one else's logs, and refuses synced ones).
import type { Request, RequestType } from '../messages';

/** Who sent a message, as the browser reports it (never as the message claims). */
export interface SenderInfo {
  /** The sending frame's URL. */
  url?: string;
  /** The sending frame's origin, when the browser gives it (Chrome 80+: `sender.origin`). */
  origin?: string;
  /** The tab a content script runs in. */
  tabId?: number;
  /** True for our own extension pages (popup, options), even when the options page is open in a tab. */
  extensionPage?: boolean;
}

/** The requests our overlay makes from a MIS page. */
export const CONTENT_REQUESTS: ReadonlySet<RequestType> = new Set([
  'page/caseload',
  'pupil/details',
  'log/add',
  'log/undo',
  'log/update',
  'site/save-rule',
]);
/** Requests only a page can make (the origin is the page's). */
const PAGE_ONLY: ReadonlySet<RequestType> = new Set(['site/save-rule']);

/** What the guard remembers about one tab. */
export interface TabGrant {
  origin: string;
  /** The pupil whose badge was opened in this tab, if any. */
  openPupil?: string;
  /** Ids of logs this tab saved, which it may undo or amend (the panel's prompt chips and minutes). */
  logIds: string[];
}

/** Where tab grants live: memory in tests, `chrome.storage.session` in the service worker (it sleeps after 30 s
 * idle and must not forget an open panel; session storage is cleared when the browser closes). */
export interface TabGrantStore {
  get(tabId: number): Promise<TabGrant | undefined>;
  set(tabId: number, grant: TabGrant): Promise<void>;
  remove(tabId: number): Promise<void>;
  /** The tabs it holds a grant for. */
  tabIds(): Promise<number[]>;
}

export function memoryTabGrants(): TabGrantStore {
  const map = new Map<number, TabGrant>();
  return {
    get: async (id) => map.get(id),
    set: async (id, g) => void map.set(id, g),
    remove: async (id) => void map.delete(id),
    tabIds: async () => [...map.keys()],
  };
}

export class GuardRefusal extends Error {}

/** Does a Chrome match pattern (`https://*.arbor.sc/*`, `<all_urls>`) cover this origin? */
export function patternCoversOrigin(pattern: string, origin: string): boolean {
  if (pattern === '<all_urls>') return /^https?:\/\//.test(origin);
  const m = /^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)\//.exec(pattern);
  if (!m) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1);
  if (m[1] === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== m[1]) return false;
  const host = m[2]!;
  if (host === '*') return true;
  if (host.startsWith('*.')) return url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1));
  return url.hostname === host.replace(/:\d+$/, '') && (!/:\d+$/.test(host) || url.host === host);
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const o = new URL(url).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

export interface GuardDeps {
  /** Match patterns the extension holds (granted optional hosts and the managed build's preset hosts). */
  grantedOrigins: () => Promise<readonly string[]>;
  tabs: TabGrantStore;
  /**
   * The tabs open now. A closed tab's grant is dropped when a tab next opens a badge, not on tabs.onRemoved: a
   * listener for every tab closed in the browser would wake the service worker each time (on a two-core
   * Chromebook, while the next page loads). Meanwhile the grant is inert: Chrome never gives a closed tab's id
   * to another tab in the same session ("Tab IDs are unique within a browser session", chrome.tabs docs).
   */
  openTabIds?: () => Promise<number[]>;
}

/** A content script's message after the guard: the checked origin and tab, for the handler to use. */
export interface Authorised {
  fromPage: boolean;
  origin?: string;
  tabId?: number;
}

export function createGuard(deps: GuardDeps) {
  const contentOrigin = async (sender: SenderInfo): Promise<{ origin: string; tabId: number }> => {
    const origin = sender.origin && sender.origin !== 'null' ? sender.origin : originOf(sender.url);
    if (sender.tabId === undefined || !origin) throw new GuardRefusal('Caseload only answers the page it runs in.');
    const granted = await deps.grantedOrigins();
    if (!granted.some((p) => patternCoversOrigin(p, origin)))
      throw new GuardRefusal('Caseload is not allowed on this site. Allow it from Caseload’s options first.');
    return { origin, tabId: sender.tabId };
  };

  const grantFor = async (tabId: number, origin: string): Promise<TabGrant> => {
    const g = await deps.tabs.get(tabId);
    // A tab that moved to another site starts again: nothing opened on the old site carries over.
    return g && g.origin === origin ? g : { origin, logIds: [] };
  };

  /** Once per badge opened, not per log saved: the taps' path stays one storage write. */
  const dropClosedTabs = async (): Promise<void> => {
    if (!deps.openTabIds) return;
    const open = new Set(await deps.openTabIds());
    for (const id of await deps.tabs.tabIds()) if (!open.has(id)) await deps.tabs.remove(id);
  };

  return {
    /** Check a request before it reaches its handler. Throws GuardRefusal with a plain-English reason. */
    async authorise(req: Request, sender: SenderInfo, pupilExists: (id: string) => Promise<boolean>): Promise<Authorised> {
      const fromPage = !sender.extensionPage && (sender.tabId !== undefined || sender.url !== undefined);
      if (!fromPage) {
        if (PAGE_ONLY.has(req.type)) throw new GuardRefusal('Teach a site from the page itself.');
        return { fromPage };
      }
      if (!CONTENT_REQUESTS.has(req.type)) throw new GuardRefusal('That is not available from a web page.');
      const { origin, tabId } = await contentOrigin(sender);
      const grant = await grantFor(tabId, origin);
      switch (req.type) {
        case 'page/caseload':
          if (originOf(req.url) !== origin) throw new GuardRefusal('Caseload only answers for the page it runs in.');
          break;
        case 'pupil/details':
          if (typeof req.pupilId !== 'string' || !(await pupilExists(req.pupilId))) break; // the handler says "no longer on your caseload"
          grant.openPupil = req.pupilId;
          await deps.tabs.set(tabId, grant);
          await dropClosedTabs();
          break;
        case 'log/add':
          if (!grant.openPupil || req.entry?.pupilId !== grant.openPupil)
            throw new GuardRefusal('Open that pupil’s badge on this page to log for them.');
          break;
        case 'log/undo':
          if (!grant.logIds.includes(req.id))
            throw new GuardRefusal('Only a log saved from this page can be undone here; use the Caseload button for others.');
          break;
        case 'log/update':
          // The panel amends the log it just saved (prompt level, minutes, note); anything else is the popup's.
          if (!grant.logIds.includes(req.id))
            throw new GuardRefusal('Only a log saved from this page can be changed here; use the Caseload button for others.');
          break;
      }
      return { fromPage, origin, tabId };
    },

    /** After a content script's log was stored: that tab may undo it. */
    async savedFromTab(auth: Authorised, logId: string): Promise<void> {
      if (!auth.fromPage || auth.tabId === undefined || !auth.origin) return;
      const grant = await grantFor(auth.tabId, auth.origin);
      grant.logIds = [...grant.logIds.slice(-49), logId];
      await deps.tabs.set(auth.tabId, grant);
    },
  };
}

export type Guard = ReturnType<typeof createGuard>;
