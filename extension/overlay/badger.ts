// The half of the overlay a page's first paint waits for: read the caseload copy, wait for the document to be
// parsed, find caseload pupils and badge them. No panel and no Preact: this runs from the document_start script
// (entrypoints/overlay-early.ts), so all of it is evaluated while the page parses. The panel comes with
// overlay.ts at document_end, once the page is up, and attaches to what this started (app.tsx); a badge tapped
// before then opens its panel as soon as it is attached.
import { buildCaseloadIndex, type PupilMatch, type ScanScope, type SiteRule, watchPage } from '../detect';
import { indexFromPortable, type PortableIndex } from '../detect/caseload-index';
import { mark } from '../marks';
import { ask, type PagePupil, type Reply, type SendMessage } from '../messages';
import { answerFor, type PageCaseload } from '../page-caseload';
import type { SiteAdapter } from '../sites/types';
import { BadgeLayer, type OpenPanel } from './badges';

export interface BadgerEnv {
  doc: Document;
  send: SendMessage;
  signal: AbortSignal;
  /** The site adapter for this URL, if any (the generic detector always runs). */
  adapterFor?: (url: URL) => SiteAdapter | undefined;
  /**
   * The caseload copy readable without the service worker (page-caseload.ts). With one, the first scan uses it
   * and the background is asked only once the page is badged (and rescanned if its answer differs).
   */
  cached?: () => Promise<PageCaseload | undefined>;
}

export interface Scanner {
  /** Watch the page for these pupils (again): badges already on the page for a mention stay the same element. */
  watch(pupils: PagePupil[], siteSelector: string | undefined, index?: PortableIndex): void;
  stop(): void;
}

export interface Badger {
  badges: BadgeLayer;
  scanner: Scanner;
  /** The answer the page started with. */
  caseload: Extract<Reply<'page/caseload'>, { ok: true }>;
  /** Whether that answer came from the copy (so it is worth checking against the store later). */
  fromCache: boolean;
  /** Where badges' taps go from now on; a tap that came before is passed on if its badge is still there. */
  openWith(open: OpenPanel): void;
}

export async function startBadges(env: BadgerEnv): Promise<Badger | undefined> {
  const { doc, send, signal } = env;
  const url = () => doc.location?.href ?? doc.URL;

  // Marks on the page's performance timeline let tests and the bench measure the overlay's own share of
  // time-to-badge (the page's parse time is not ours to spend).
  mark('caseload:start');
  // Nothing here may hold up the page's own parsing: no observer runs and no work is done until the document is
  // parsed. Meanwhile the caseload is fetched: the fast copy when there is one (no service worker to wake while
  // the page loads), else a message. Then the first scan starts inside DOMContentLoaded and runs there only
  // until it has badged the first caseload pupil on the page; the rest of the page is scanned in later slices,
  // in the next frames (detect/watch.ts).
  const fromCache = env.cached ? await env.cached().catch(() => undefined) : undefined;
  mark('caseload:cached');
  const firstAnswer: Promise<Reply<'page/caseload'>> = fromCache
    ? Promise.resolve({ ok: true, ...answerFor(fromCache, url()) })
    : ask(send, { type: 'page/caseload', url: url() });
  const [caseload] = await Promise.all([firstAnswer, whenParsed(doc).then(() => mark('caseload:parsed'))]);
  if (signal.aborted || !caseload.ok) return undefined;

  let open: OpenPanel | undefined;
  let waiting: Parameters<OpenPanel> | undefined;
  const badges = new BadgeLayer(doc, (...tap) => (open ? open(...tap) : (waiting = tap)));
  const scanner = createScanner(env, badges, url);

  mark('caseload:scan-start');
  // The copy's ready-made index, when the copy is what the page started with (the same pupils it was built from).
  scanner.watch(caseload.pupils, caseload.siteSelector, fromCache?.index);
  signal.addEventListener(
    'abort',
    () => {
      scanner.stop();
      badges.clear();
    },
    { once: true },
  );
  return {
    badges,
    scanner,
    caseload,
    fromCache: fromCache !== undefined,
    openWith(next) {
      open = next;
      const tap = waiting;
      waiting = undefined;
      if (tap?.[1].isConnected) next(...tap);
    },
  };
}

function createScanner(env: BadgerEnv, badges: BadgeLayer, url: () => string): Scanner {
  const { doc } = env;
  const byId = new Map<string, PagePupil>();
  let watch: AbortController | undefined;
  let firstBadgeMarked = false;
  let fullScanMarked = false;
  const onMatches = (matches: PupilMatch[], scope: ScanScope) => {
    if (!firstBadgeMarked) mark('caseload:scanned');
    if (scope.full && !fullScanMarked) {
      fullScanMarked = true;
      mark('caseload:full-scan-done');
    }
    const found = matches.map((match) => ({
      match,
      pupils: match.pupilIds.map((id) => byId.get(id)).filter((p): p is PagePupil => p !== undefined),
    }));
    badges.sync(found, scope.roots);
    if (badges.size > 0 && !firstBadgeMarked) {
      firstBadgeMarked = true;
      mark('caseload:first-badge');
    }
  };
  return {
    watch(pupils, siteSelector, portable) {
      watch?.abort();
      byId.clear();
      for (const p of pupils) byId.set(p.id, p);
      // No badges.clear() before a fresh watch: its first scan covers the whole document, so it keeps (and
      // relabels) the badge of every mention still found and drops the rest. Clearing first would swap every
      // badge for a new element, taking keyboard focus and an open panel's way back with it.
      if (pupils.length === 0) return badges.clear();
      watch = new AbortController();
      const rules: SiteRule[] = siteSelector ? [{ origin: new URL(url()).origin, selector: siteSelector }] : [];
      const adapter = env.adapterFor?.(new URL(url()));
      // Year and class come along (in the index) so a row showing them can settle a shared name.
      const index = portable ? indexFromPortable(portable, pupils) : buildCaseloadIndex(pupils);
      watchPage(doc, index, onMatches, watch.signal, {
        rules,
        ...(adapter ? { adapter } : {}),
        onSlice: (start, end) => measure('caseload:scan-slice', start, end),
        onRescan: (start, end) => measure('caseload:rescan', start, end),
      });
    },
    stop: () => watch?.abort(),
  };
}

/** Each slice of a whole-page scan, and each rescan of what changed, on the page's timeline: the bench adds them
 * up for the scans' own cost. */
function measure(name: string, start: number, end: number): void {
  try {
    performance.measure(name, { start, end });
  } catch {
    // A measurement aid only.
  }
}

/**
 * Resolves inside the page's DOMContentLoaded (at once if the document is already parsed), from a listener on the
 * window, so the page's own handlers on the document run first. Why inside the event, not in a task after it:
 * once the 2,000-row register is parsed, Chromium lays out and paints it before running any other task, and a
 * task queued at DOMContentLoaded waited 0.4–1.1 s (a first badge a second after the page appeared). The first
 * scan is cheap enough to run here (blocks naming nobody on the caseload are stepped over whole, see
 * detect/scan.ts), so the badges are in the page's first full paint; the bench reports what it adds to
 * DOMContentLoaded.
 */
export function whenParsed(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  const target: EventTarget = doc.defaultView ?? doc;
  return new Promise((resolve) => target.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
