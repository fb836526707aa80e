// Keeps a live page scanned: one full scan, then only what changes. Mutations are batched and handled once
// per frame; each changed node is rescanned through its run container (the cell or block it sits in), so the
// cost follows the size of the change, not the page. SPA navigation (same document, new URL) triggers a fresh
// full scan, because adapters read the pupil from the URL.

import type { CaseloadIndex } from './caseload-index';
import { isIgnoredElement, isInsideIgnored, runContainer } from './ignored';
import { scanForPupils } from './scan';
import type { PupilMatch, ScanOptions } from './types';

export interface WatchOptions extends Omit<ScanOptions, 'url'> {
  /**
   * How a batch of work is deferred. Default: the next animation frame (coalesces a burst of mutations and
   * runs after the SPA has rendered), falling back to a timer where frames do not run.
   */
  schedule?: (run: () => void) => void;
  /** Milliseconds between cheap `location.href` checks, for navigations no event tells us about. Default 1000; 0 = off. */
  urlPollMs?: number;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export function watchPage(
  doc: Document,
  index: CaseloadIndex,
  onMatches: (matches: PupilMatch[]) => void,
  signal: AbortSignal,
  opts: WatchOptions = {},
): void {
  if (signal.aborted) return;
  const win = doc.defaultView;
  const schedule = opts.schedule ?? defaultSchedule(win);
  // Each (element, pupils) pair is reported once; an element whose text comes to name someone else (an SPA
  // reusing its header) is reported again with the new pupils.
  const reported = new WeakMap<Element, Set<string>>();
  const pending = new Set<Node>();
  let fullScanDue = false;
  let scheduled = false;
  let href = doc.location?.href ?? doc.URL;

  const report = (matches: PupilMatch[]) => {
    const fresh = matches.filter((m) => {
      const key = m.pupilIds.join('\u0000');
      let keys = reported.get(m.element);
      if (!keys) reported.set(m.element, (keys = new Set()));
      if (keys.has(key)) return false;
      keys.add(key);
      return true;
    });
    if (fresh.length > 0 && !signal.aborted) onMatches(fresh);
  };
  const scanOpts = (): ScanOptions => ({ ...opts, url: new URL(href) });

  const run = () => {
    scheduled = false;
    if (signal.aborted) return;
    if (urlChanged()) fullScanDue = true;
    if (fullScanDue) {
      fullScanDue = false;
      pending.clear();
      report(scanForPupils(doc, index, scanOpts()));
      return;
    }
    const roots = scanRoots(pending, opts.ignore);
    pending.clear();
    const options = scanOpts();
    // One callback per batch: the overlay renders a burst of new rows in one go.
    report(roots.flatMap((root) => scanForPupils(root, index, options)));
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
