// Keeps a live page scanned: one full scan, then only what changes. Mutations are batched and handled once
// per frame; each changed node is rescanned through its run container (the cell or block it sits in), so the
// cost follows the size of the change, not the page. SPA navigation (same document, new URL) triggers a fresh
// full scan, because adapters read the pupil from the URL.

import type { CaseloadIndex } from './caseload-index';
import { isIgnoredElement, isInsideIgnored, runContainer } from './ignored';
import { pagePupilOf, scanForPupils, scanInSlices, type SlicedScan } from './scan';
import type { PagePupil, PupilMatch, ScanOptions } from './types';

/**
 * What one batch scanned: every match found under `roots` is in the batch's matches, so the overlay can drop
 * badges under those roots that no longer match (a name edited away, a row re-rendered for someone else).
 */
export interface ScanScope {
  roots: readonly ParentNode[];
  /** True for a scan of the whole document (first scan, SPA navigation, the page's pupil changed). */
  full: boolean;
}

export interface WatchOptions extends Omit<ScanOptions, 'url'> {
  /**
   * How a batch of work is deferred. Default: the next animation frame (coalesces a burst of mutations and
   * runs after the SPA has rendered), falling back to a timer where frames do not run.
   */
  schedule?: (run: () => void) => void;
  /** Milliseconds between cheap `location.href` checks, for navigations no event tells us about. Default 1000; 0 = off. */
  urlPollMs?: number;
  /**
   * How long a whole-page scan may run before it stops at the next row and goes on in a later batch. The first
   * slice runs at once (inside the page's DOMContentLoaded, for the overlay) and only until it has found someone,
   * for at most `first` ms; each later one for `later` ms. Default 20 and 16 ms (the first slice's cap is mostly
   * for long pages naming nobody near the top; on the register it stops after 4–8 ms, and a cap of 10 ms, hit
   * in 3 of 20 traced loads, put the first badge after the page's first paint).
   */
  sliceMs?: { first: number; later: number };
  /** The clock slices and rescans are timed by (default performance.now). */
  now?: () => number;
  /** Told when each slice of a whole-page scan starts and ends (by `now`): the overlay puts them on the page's timeline. */
  onSlice?: (start: number, end: number) => void;
  /** Told when each rescan of what changed starts and ends, badges included (by `now`). */
  onRescan?: (start: number, end: number) => void;
}

const SLICE_MS = { first: 20, later: 16 };

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export function watchPage(
  doc: Document,
  index: CaseloadIndex,
  onMatches: (matches: PupilMatch[], scope: ScanScope) => void,
  signal: AbortSignal,
  opts: WatchOptions = {},
): void {
  if (signal.aborted) return;
  const win = doc.defaultView;
  const schedule = opts.schedule ?? defaultSchedule(win);
  const clock = opts.now ?? (() => (win?.performance ?? performance).now());
  const pending = new Set<Node>();
  let fullScanDue = false;
  let scheduled = false;
  let href = doc.location?.href ?? doc.URL;
  // The page's pupil (a profile page), read once per batch: when it changes (an SPA swapped in another pupil's
  // header, or the header arrived after the rows), the whole page is rescanned so repeats lose their badges.
  let page: PagePupil | null = null;

  // Every match under the scanned roots is reported, not only new ones: the badge layer keeps exactly one badge
  // per mention by position, and needs the full set to drop stale ones.
  const report = (matches: PupilMatch[], scope: ScanScope) => {
    if (!signal.aborted) onMatches(matches, scope);
  };
  const scanOpts = (): ScanOptions => ({ ...opts, url: new URL(href), pagePupil: page });

  const whole = wholePageScan(doc, index, opts, scanOpts, report, clock);
  const run = () => {
    scheduled = false;
    if (signal.aborted) return;
    if (whole.running) {
      // Go on with it; once it is done, changes or a navigation that came while it ran get their own batch.
      if (whole.next() || pending.size > 0 || fullScanDue) later();
      return;
    }
    if (urlChanged()) fullScanDue = true;
    const nextPage = pagePupilOf(doc, index, { ...opts, url: new URL(href) });
    if (!samePage(page, nextPage)) fullScanDue = true;
    page = nextPage;
    if (fullScanDue) {
      fullScanDue = false;
      pending.clear();
      if (whole.start()) later();
      return;
    }
    const began = clock();
    const roots = scanRoots(pending, opts.ignore);
    pending.clear();
    if (roots.length === 0) return;
    const options = scanOpts();
    // One callback per batch: the overlay renders a burst of new rows in one go.
    report(
      roots.flatMap((root) => scanForPupils(root, index, options)),
      { roots, full: false },
    );
    opts.onRescan?.(began, clock());
  };
  const later = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    schedule(run);
  };
  const urlChanged = () => {
    const now = doc.location?.href ?? doc.URL;
    if (now === href) return false;
    href = now;
    return true;
  };
  const onNavigation = () => {
    if (urlChanged()) {
      fullScanDue = true;
      later();
    }
  };

  const observer = new (win?.MutationObserver ?? MutationObserver)((records) => {
    for (const r of records) {
      if (r.type === 'characterData') pending.add(r.target);
      else for (const n of r.addedNodes) if (n.nodeType === ELEMENT_NODE || n.nodeType === TEXT_NODE) pending.add(n);
    }
    if (pending.size > 0) later();
  });
  observer.observe(doc, { childList: true, subtree: true, characterData: true });

  // Navigation events reach content scripts' isolated world (they are DOM events); pushState does not fire
  // one, so the Navigation API (where present) and a cheap href poll cover it.
  win?.addEventListener('popstate', onNavigation, { signal });
  win?.addEventListener('hashchange', onNavigation, { signal });
  const navigation = (win as unknown as { navigation?: EventTarget } | null)?.navigation;
  navigation?.addEventListener?.('currententrychange', onNavigation, { signal });
  const pollMs = opts.urlPollMs ?? 1000;
  const poll = pollMs > 0 ? setInterval(onNavigation, pollMs) : undefined;

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (poll !== undefined) clearInterval(poll);
      pending.clear();
    },
    { once: true },
  );

  fullScanDue = true;
  run();
}

/**
 * A whole-page scan, run in slices: on the 2,000-row register the first slice badges the first caseload row
 * (inside DOMContentLoaded, so it is in the page's first paint) and the rest follows in later batches, instead of
 * one long task. Later slices only read the page; the last reports every match with the document as its root, so
 * the rest of the badges arrive together and badges no longer matched anywhere go then, not while the scan is
 * part-way. `start` and `next` say whether more is due.
 */
function wholePageScan(
  doc: Document,
  index: CaseloadIndex,
  opts: WatchOptions,
  scanOpts: () => ScanOptions,
  report: (matches: PupilMatch[], scope: ScanScope) => void,
  clock: () => number,
): { start(): boolean; next(): boolean; readonly running: boolean } {
  const slices = opts.sliceMs ?? SLICE_MS;
  let scan: SlicedScan | undefined;
  // Whether this scan has shown anything yet (see below).
  let shown = false;
  // The first slice stops as soon as it has found someone: what it does runs inside the page's DOMContentLoaded,
  // so it does the least that puts the first caseload pupil's badge in the page's first paint; the rows after
  // follow in the next frames.
  const slice = (ms: number, first = false): boolean => {
    if (scan!.stale) scan = scanInSlices(doc, index, scanOpts()); // the page re-rendered where we had got to
    const began = clock();
    const end = began + ms;
    const { matches, done } = scan!.next((found) => (first ? found === 0 : true) && clock() < end);
    opts.onSlice?.(began, clock());
    if (done) {
      scan = undefined;
      report(matches, { roots: [doc], full: true });
      return false;
    }
    // Before the scan is done, only the first slice that finds anyone is shown (the first slice, unless it ran out
    // of time first: then the next slice, in the frame before the page's first layout). After that, a badge put
    // into a big table makes the browser lay out and paint the whole table again: one batch per slice cost the
    // 2,000-row register three or four frames of 180–320 ms just after it appeared. The last slice shows the
    // rest in one go.
    if (!shown && matches.length > 0) {
      shown = true;
      report(matches, { roots: [], full: false });
    }
    return true;
  };
  return {
    start() {
      shown = false;
      scan = scanInSlices(doc, index, scanOpts());
      return slice(slices.first, true);
    },
    next: () => slice(slices.later),
    get running() {
      return scan !== undefined;
    },
  };
}

/**
 * The containers to rescan for a batch of changed nodes: each node's run container (so a name split across
 * inline elements is read whole), minus ones inside another root of the batch or inside ignored elements.
 */
function scanRoots(changed: Iterable<Node>, ignore?: (el: Element) => boolean): Element[] {
  const containers = new Set<Element>();
  for (const node of changed) {
    if (!node.isConnected) continue;
    const el = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
    if (!el) continue;
    // Our own badges arrive as mutations too: they never need a rescan.
    if (node === el && isIgnoredElement(el, ignore)) continue;
    containers.add(runContainer(el));
  }
  const roots: Element[] = [];
  for (const el of containers) {
    let nested = false;
    for (let at = el.parentElement; at; at = at.parentElement) {
      if (containers.has(at)) {
        nested = true;
        break;
      }
    }
    if (!nested && !isInsideIgnored(el, ignore)) roots.push(el);
  }
  return roots;
}

function samePage(a: PagePupil | null, b: PagePupil | null): boolean {
  if (!a || !b) return a === b;
  if ([...a.pupilIds].sort().join('+') !== [...b.pupilIds].sort().join('+')) return false;
  const [x, y] = [a.matches[0], b.matches[0]];
  return x?.element === y?.element && x?.mention?.node === y?.mention?.node;
}

function defaultSchedule(win: (Window & typeof globalThis) | null): (run: () => void) => void {
  return (run) => {
    // rAF does not run in hidden tabs; the timer makes sure a background tab is still scanned.
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      run();
    };
    win?.requestAnimationFrame?.(once);
    setTimeout(once, 100);
  };
}
