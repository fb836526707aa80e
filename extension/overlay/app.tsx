// The content script's one feature: find caseload pupils on the page, badge them, and log from the panel.
// Everything it needs from the extension comes through background messages (the store is in the extension's
// origin, not the page's). `start` returns once the page is being watched; `signal` tears it all down.
import { render } from 'preact';
import { buildCaseloadIndex, watchPage, type SiteRule } from '../detect';
import type { SiteAdapter } from '../sites/types';
import { ask, type PagePupil, type Reply, type SendMessage, type TabRequest } from '../messages';
import { answerFor, sameAnswer, type PageCaseload } from '../page-caseload';
import { BadgeLayer } from './badges';
import { uuidV4 } from './log-entry';
import { DEFAULT_LAYOUT, defaultLayoutStore, dockAwayFrom, type LayoutStore } from './layout';
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
  const now = env.now ?? Date.now;
  const uuid = env.uuid ?? (() => uuidV4());
  const win = doc.defaultView;
  const url = () => doc.location?.href ?? doc.URL;

  // Marks on the page's performance timeline let tests and the bench measure the overlay's own share of
  // time-to-badge (the page's parse time is not ours to spend).
  mark('caseload:start');
  // Injected at document_start, and nothing here may hold up the page's own parsing: no observer runs and no
  // work is done until the document is parsed. Meanwhile the caseload is fetched: the fast copy when there is
  // one (no service worker to wake while the page loads), else a message.
  const fromCache = env.cached ? await env.cached().catch(() => undefined) : undefined;
  mark('caseload:cached');
  const firstAnswer: Promise<Reply<'page/caseload'>> = fromCache
    ? Promise.resolve({ ok: true, ...answerFor(fromCache, url()) })
    : ask(send, { type: 'page/caseload', url: url() });
  const [caseload] = await Promise.all([firstAnswer, afterParsed(doc).then(() => mark('caseload:parsed'))]);
  if (signal.aborted || !caseload.ok) return undefined;

  let me = caseload.me;
  const byId = new Map<string, PagePupil>();
  let panel: { host: HTMLElement; mount: HTMLElement; from: HTMLButtonElement } | undefined;
  let watch: AbortController | undefined;

  const closePanel = () => {
    if (!panel) return;
    render(null, panel.mount);
    panel.host.remove();
    const from = panel.from;
    panel = undefined;
    if (from.isConnected) from.focus();
  };

  const api: PanelApi = {
    details: (pupilId) => ask(send, { type: 'pupil/details', pupilId }),
    add: (entry) => ask(send, { type: 'log/add', entry }),
    update: (id, changes) => ask(send, { type: 'log/update', id, changes }),
    undo: (id) => ask(send, { type: 'log/undo', id }),
    tapContext: (pupilId) => ({ pupilId, pageUrl: url(), now: new Date(now()), uuid, ...(me ? { staffId: me } : {}) }),
    now,
  };

  const layouts = env.layoutStore ?? defaultLayoutStore();
  // Read in the background (badges must not wait on storage) and kept in step with every change.
  let layout = DEFAULT_LAYOUT;
  void layouts.get().then((l) => (layout = l));

  const openPanel = (choices: PagePupil[], from: HTMLButtonElement) => {
    closePanel();
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
    const onLayout = (next: typeof layout) => {
      layout = next;
      void layouts.set(next);
    };
    render(<Panel choices={choices} api={api} onClose={closePanel} layout={here} onLayout={onLayout} />, mount);
    // Into the panel at once (the first render is synchronous), so Escape and Tab work before targets load.
    const box = mount.querySelector<HTMLElement>('.panel');
    // Nothing inside can hold focus yet (effects run later), so no need to ask the shadow root what has it.
    box?.focus();
  };

  const badges = new BadgeLayer(doc, openPanel);
  let firstBadgeMarked = false;

  const watchWith = (pupils: PagePupil[], siteSelector: string | undefined) => {
    watch?.abort();
    badges.clear();
    byId.clear();
    for (const p of pupils) byId.set(p.id, p);
    if (pupils.length === 0) return;
    watch = new AbortController();
    const origin = new URL(url()).origin;
    const rules: SiteRule[] = siteSelector ? [{ origin, selector: siteSelector }] : [];
    const adapter = env.adapterFor?.(new URL(url()));
    watchPage(
      doc,
      // Year and class come along so a row showing them can settle a shared name.
      buildCaseloadIndex(pupils),
      (matches, scope) => {
        const found = matches.map((match) => ({
          match,
          pupils: match.pupilIds.map((id) => byId.get(id)).filter((p): p is PagePupil => p !== undefined),
        }));
        badges.sync(found, scope.roots);
        if (badges.size > 0 && !firstBadgeMarked) {
          firstBadgeMarked = true;
          mark('caseload:first-badge');
        }
      },
      watch.signal,
      { rules, ...(adapter ? { adapter } : {}) },
    );
  };

  mark('caseload:scan-start');
  watchWith(caseload.pupils, caseload.siteSelector);
  if (fromCache) {
    // Check the copy against the store once the page is badged and the browser is idle: a caseload changed by a
    // sync since, or a new "I am", is picked up on this page without holding up its first badges.
    whenIdle(win, () => {
      if (signal.aborted) return;
      void ask(send, { type: 'page/caseload', url: url() }).then((fresh) => {
        if (!fresh.ok || signal.aborted || sameAnswer(fresh, caseload)) return;
        me = fresh.me;
        watchWith(fresh.pupils, fresh.siteSelector);
      });
    });
  }
  signal.addEventListener(
    'abort',
    () => {
      watch?.abort();
      closePanel();
      badges.clear();
    },
    { once: true },
  );

  const reload = async () => {
    const fresh = await ask(send, { type: 'page/caseload', url: url() });
    if (!fresh.ok || signal.aborted) return fresh;
    me = fresh.me;
    watchWith(fresh.pupils, fresh.siteSelector);
    return fresh;
  };

  return {
    badges,
    async onTabRequest(req) {
      if (req.type === 'overlay/ping') return { ok: true, badges: badges.size };
      if (req.type === 'overlay/refresh') return reload();
      if (req.type === 'picker/start') {
        closePanel();
        const picked = await pickElement(doc);
        if (!picked) return { ok: false, error: 'Cancelled.' };
        const saved = await ask(send, { type: 'site/save-rule', selector: picked.selector });
        if (saved.ok) await reload();
        win?.focus();
        return saved;
      }
      return { ok: false, error: 'Unknown request.' };
    },
  };
}

function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // Marks are a measurement aid only.
  }
}

/**
 * Resolves in a task of its own after DOMContentLoaded (at once if the document is already parsed). Not inside
 * the event: a promise resolved there runs its continuation before the event's dispatch ends, so our first scan
 * and the style and layout its badges cause would count in the page's DOMContentLoaded, pushing back the
 * page's own handlers (the register's DOMContentLoaded went from 0.97× to 1.5–1.8× in runs where the caseload
 * was already in hand when the event came).
 */
export function afterParsed(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  const win = doc.defaultView;
  return new Promise((resolve) =>
    doc.addEventListener(
      'DOMContentLoaded',
      () => {
        // A message-channel task comes before timers (which browsers may clamp) but after the event's dispatch.
        const channel = new (win?.MessageChannel ?? MessageChannel)();
        channel.port1.onmessage = () => {
          channel.port1.close();
          resolve();
        };
        channel.port2.postMessage(null);
      },
      { once: true },
    ),
  );
}

/** Run `fn` when the browser is idle (within 2 s), or on a timer where idle callbacks do not exist. */
function whenIdle(win: (Window & typeof globalThis) | null, fn: () => void): void {
  if (win?.requestIdleCallback) win.requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 50);
}
