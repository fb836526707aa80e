// The content script's one feature: find caseload pupils on the page, badge them, and log from the panel.
// Everything it needs from the extension comes through background messages (the store is in the extension's
// origin, not the page's). `start` returns once the page is being watched; `signal` tears it all down.
import { render } from 'preact';
import { buildCaseloadIndex, type PupilMatch, type ScanScope, type SiteRule, watchPage } from '../detect';
import { indexFromPortable, type PortableIndex } from '../detect/caseload-index';
import type { SiteAdapter } from '../sites/types';
import { mark } from '../marks';
import { ask, type PagePupil, type Reply, type SendMessage, type TabRequest } from '../messages';
import { answerFor, sameAnswer, type PageCaseload } from '../page-caseload';
import { BadgeLayer } from './badges';
import { uuidV4 } from './log-entry';
import { DEFAULT_LAYOUT, defaultLayoutStore, dockAwayFrom, type LayoutStore, type PanelLayout } from './layout';
import { Panel, type PanelApi } from './panel';
import { pickElement } from './picker';
import { createShadowHost } from './shadow-host';
import { PANEL_CSS } from './styles';

export interface OverlayEnv {
  doc: Document;
  send: SendMessage;
  signal: AbortSignal;
  /** The site adapter for this URL, if any (the generic detector always runs). */
  adapterFor?: (url: URL) => SiteAdapter | undefined;
  uuid?: () => string;
  now?: () => number;
  /**
   * The caseload copy readable without the service worker (page-caseload.ts). With one, the first scan uses it
   * and the background is asked only once the page is badged (and rescanned if its answer differs).
   */
  cached?: () => Promise<PageCaseload | undefined>;
  /** Where the panel's dock/collapse choice is remembered (default: the extension's storage). */
  layoutStore?: LayoutStore;
}

export interface Overlay {
  badges: BadgeLayer;
  /** Handle a message from background (popup's "Teach this site", a caseload change). */
  onTabRequest(req: TabRequest): Promise<unknown>;
}

export async function startOverlay(env: OverlayEnv): Promise<Overlay | undefined> {
  const { doc, send, signal } = env;
  const url = () => doc.location?.href ?? doc.URL;

  // Marks on the page's performance timeline let tests and the bench measure the overlay's own share of
  // time-to-badge (the page's parse time is not ours to spend).
  mark('caseload:start');
  // Injected at document_start, and nothing here may hold up the page's own parsing: no observer runs and no
  // work is done until the document is parsed. Meanwhile the caseload is fetched: the fast copy when there is
  // one (no service worker to wake while the page loads), else a message. Then the first scan starts inside
  // DOMContentLoaded and runs there only until it has badged the first caseload pupil on the page; the rest of
  // the page is scanned in later slices, in the next frames (detect/watch.ts).
  const fromCache = env.cached ? await env.cached().catch(() => undefined) : undefined;
  mark('caseload:cached');
  const firstAnswer: Promise<Reply<'page/caseload'>> = fromCache
    ? Promise.resolve({ ok: true, ...answerFor(fromCache, url()) })
    : ask(send, { type: 'page/caseload', url: url() });
  const [caseload] = await Promise.all([firstAnswer, whenParsed(doc).then(() => mark('caseload:parsed'))]);
  if (signal.aborted || !caseload.ok) return undefined;

  const who = { me: caseload.me };
  // Closing a panel gives focus back to the badge it came from, or the one that replaced it for the same name.
  const panels = createPanels(env, panelApi(env, url, who), (from) => badges.current(from));
  const badges = new BadgeLayer(doc, panels.open);
  const scanner = createScanner(env, badges, url);

  mark('caseload:scan-start');
  // The copy's ready-made index, when the copy is what the page started with (the same pupils it was built from).
  scanner.watch(caseload.pupils, caseload.siteSelector, fromCache?.index);
  const reload = async () => {
    const fresh = await ask(send, { type: 'page/caseload', url: url() });
    if (!fresh.ok || signal.aborted) return fresh;
    who.me = fresh.me;
    scanner.watch(fresh.pupils, fresh.siteSelector);
    return fresh;
  };
  // Check the copy against the store once the page is badged and the browser is idle: a caseload changed by a
  // sync since, or a new "I am", is picked up on this page without holding up its first badges.
  if (fromCache) whenIdle(doc.defaultView, () => void recheck(env, url, caseload, reload));
  signal.addEventListener(
    'abort',
    () => {
      scanner.stop();
      panels.close();
      badges.clear();
    },
    { once: true },
  );
  return { badges, onTabRequest: tabRequests(env, badges, panels, reload) };
}

/** The panel's window on the outside world: background messages, and the context each tap is stamped with. */
function panelApi(env: OverlayEnv, url: () => string, who: { me?: string }): PanelApi {
  const { send } = env;
  const now = env.now ?? Date.now;
  const uuid = env.uuid ?? (() => uuidV4());
  return {
    details: (pupilId) => ask(send, { type: 'pupil/details', pupilId }),
    add: (entry) => ask(send, { type: 'log/add', entry }),
    update: (id, changes) => ask(send, { type: 'log/update', id, changes }),
    undo: (id) => ask(send, { type: 'log/undo', id }),
    tapContext: (pupilId) => ({ pupilId, pageUrl: url(), now: new Date(now()), uuid, ...(who.me ? { staffId: who.me } : {}) }),
    now,
  };
}

interface Panels {
  open(choices: PagePupil[], from: HTMLButtonElement): void;
  close(): void;
}

/** At most one panel at a time, in its own shadow root, placed by the remembered layout. */
function createPanels(env: OverlayEnv, api: PanelApi, returnFocusTo: (from: HTMLButtonElement) => HTMLElement | undefined): Panels {
  const { doc } = env;
  const win = doc.defaultView;
  const layouts = env.layoutStore ?? defaultLayoutStore();
  // Read in the background (badges must not wait on storage) and kept in step with every change.
  let layout = DEFAULT_LAYOUT;
  void layouts.get().then((l) => (layout = l));
  let panel: { host: HTMLElement; mount: HTMLElement; from: HTMLButtonElement } | undefined;

  const panels: Panels = {
    close() {
      if (!panel) return;
      render(null, panel.mount);
      panel.host.remove();
      const from = panel.from;
      panel = undefined;
      returnFocusTo(from)?.focus();
    },
    open(choices, from) {
      panels.close();
      // The remembered dock, unless there it would cover the badge (and the name column) it was opened from.
      const opener = from.getBoundingClientRect();
      const viewport = { width: win?.innerWidth ?? 1366, height: win?.innerHeight ?? 768 };
      const here = { ...layout, dock: dockAwayFrom(layout.dock, opener.width || opener.height ? opener : undefined, viewport) };
      const { host, root } = createShadowHost(doc, 'caseload-panel', PANEL_CSS, 'block');
      // Preact renders into the shadow root after our <style>; text only, never HTML.
      const mount = doc.createElement('div');
      root.append(mount);
      doc.documentElement.append(host);
      panel = { host, mount, from };
      const onLayout = (next: PanelLayout) => {
        layout = next;
        void layouts.set(next);
      };
      render(<Panel choices={choices} api={api} onClose={panels.close} layout={here} onLayout={onLayout} />, mount);
      // Into the panel at once (the first render is synchronous), so Escape and Tab work before targets load.
      // Nothing inside can hold focus yet (effects run later), so no need to ask the shadow root what has it.
      mount.querySelector<HTMLElement>('.panel')?.focus();
    },
  };
  return panels;
}

interface Scanner {
  /** Watch the page for these pupils (again): badges already on the page for a mention stay the same element. */
  watch(pupils: PagePupil[], siteSelector: string | undefined, index?: PortableIndex): void;
  stop(): void;
}

function createScanner(env: OverlayEnv, badges: BadgeLayer, url: () => string): Scanner {
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
        onSlice: measureSlice,
      });
    },
    stop: () => watch?.abort(),
  };
}

/** Ask the background once for a fresh answer; rescan only when it differs from the copy the page started with. */
async function recheck(
  env: OverlayEnv,
  url: () => string,
  started: Reply<'page/caseload'>,
  reload: () => Promise<Reply<'page/caseload'>>,
): Promise<void> {
  if (env.signal.aborted || !started.ok) return;
  const fresh = await ask(env.send, { type: 'page/caseload', url: url() });
  if (!fresh.ok || env.signal.aborted || sameAnswer(fresh, started)) return;
  await reload();
}

/** Requests from the background or popup to this tab: ping, refresh, and the "teach a site" picker. */
function tabRequests(
  env: OverlayEnv,
  badges: BadgeLayer,
  panels: Panels,
  reload: () => Promise<Reply<'page/caseload'>>,
): (req: TabRequest) => Promise<unknown> {
  return async (req) => {
    if (req.type === 'overlay/ping') return { ok: true, badges: badges.size };
    if (req.type === 'overlay/refresh') return reload();
    if (req.type === 'picker/start') {
      panels.close();
      const picked = await pickElement(env.doc);
      if (!picked) return { ok: false, error: 'Cancelled.' };
      const saved = await ask(env.send, { type: 'site/save-rule', selector: picked.selector });
      if (saved.ok) await reload();
      env.doc.defaultView?.focus();
      return saved;
    }
    return { ok: false, error: 'Unknown request.' };
  };
}

/** Each slice of a whole-page scan on the page's timeline: the bench adds them up for the scan's own cost. */
function measureSlice(start: number, end: number): void {
  try {
    performance.measure('caseload:scan-slice', { start, end });
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

/** Run `fn` when the browser is idle (within 2 s), or on a timer where idle callbacks do not exist. */
function whenIdle(win: (Window & typeof globalThis) | null, fn: () => void): void {
  if (win?.requestIdleCallback) win.requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 50);
}
