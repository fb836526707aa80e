// What the overlay needs to start on a page (pupils' identities, who "I am", taught selectors), kept where a
// content script can read it without waking the service worker. A content script that has to message a
// stopped worker waits for the worker to start (and, on a two-core machine, competes with the page's parser for
// the CPU while it does); reading chrome.storage is answered by the browser process alone.
//
// Why chrome.storage.local and not storage.session with setAccessLevel: opening storage.session to content scripts
// opens all of it, and sync keeps the OAuth token there (sync/identity.ts). storage.local is readable by content
// scripts anyway and holds nothing secret; the copy here is the same data IndexedDB already holds on this
// machine, is replaced whenever the background answers `page/caseload`, and goes with "Erase all data".
import { isPortableIndex, type PortableIndex } from './detect/caseload-index';
import type { PagePupil, Responses } from './messages';

export const PAGE_CASELOAD_KEY = 'caseload.page';

export interface PageCaseload {
  pupils: PagePupil[];
  me?: string;
  /** Taught selectors by origin. */
  selectors: Record<string, string>;
  /** The detector's index of `pupils`, worked out where the copy is written (see detect/caseload-index.ts). */
  index?: PortableIndex;
}

/** The minimal shape of a chrome.storage area. */
export interface PageCaseloadArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** The overlay's answer for `url` from a cached copy. */
export function answerFor(cache: PageCaseload, url: string): Responses['page/caseload'] {
  let origin: string | undefined;
  try {
    origin = new URL(url).origin;
  } catch {
    origin = undefined;
  }
  const selector = origin ? cache.selectors[origin] : undefined;
  return { pupils: cache.pupils, ...(cache.me ? { me: cache.me } : {}), ...(selector ? { siteSelector: selector } : {}) };
}

function isPageCaseload(v: unknown): v is PageCaseload {
  const c = v as PageCaseload | undefined;
  return typeof c === 'object' && c !== null && Array.isArray(c.pupils) && typeof c.selectors === 'object' && c.selectors !== null;
}

/** The cached copy, or undefined when there is none (first run, erased) or it cannot be read. */
export async function readPageCaseload(area: PageCaseloadArea): Promise<PageCaseload | undefined> {
  try {
    const v = (await area.get(PAGE_CASELOAD_KEY))[PAGE_CASELOAD_KEY];
    if (!isPageCaseload(v)) return undefined;
    // An index from an older version (or a damaged one) is dropped: the page builds its own.
    if (v.index !== undefined && !isPortableIndex(v.index)) delete v.index;
    return v;
  } catch {
    return undefined;
  }
}

export async function writePageCaseload(area: PageCaseloadArea, cache: PageCaseload): Promise<void> {
  await area.set({ [PAGE_CASELOAD_KEY]: cache });
}

/**
 * The background's write after each `page/caseload` answer: only when the copy differs from what is stored. Every
 * MIS page load asks once (overlay recheck), and the caseload almost never changed since the last one; an
 * unchanged write would still rewrite the whole copy and tell every extension page about it.
 */
export async function publishPageCaseload(area: PageCaseloadArea, cache: PageCaseload): Promise<boolean> {
  const stored = (await area.get(PAGE_CASELOAD_KEY).catch((): Record<string, unknown> => ({})))[PAGE_CASELOAD_KEY];
  if (stored !== undefined && JSON.stringify(stored) === JSON.stringify(cache)) return false;
  await writePageCaseload(area, cache);
  return true;
}

export async function forgetPageCaseload(area: PageCaseloadArea): Promise<void> {
  await area.remove(PAGE_CASELOAD_KEY);
}

/** Same pupils, me and selector: a fresh answer that needs no rescan. */
export function sameAnswer(a: Responses['page/caseload'], b: Responses['page/caseload']): boolean {
  return (
    JSON.stringify([a.pupils, a.me ?? null, a.siteSelector ?? null]) === JSON.stringify([b.pupils, b.me ?? null, b.siteSelector ?? null])
  );
}
