// The content script's one feature: find caseload pupils on the page, badge them, and log from the panel.
// Everything it needs from the extension comes through background messages (the store is in the extension's
// origin, not the page's). `start` returns once the page is being watched; `signal` tears it all down.
import { render } from 'preact';
import { buildCaseloadIndex, watchPage, type SiteRule } from '../detect';
import type { SiteAdapter } from '../sites/types';
import { ask, type PagePupil, type SendMessage, type TabRequest } from '../messages';
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
  // Injected at document_start: ask for the caseload while the page is still parsing, scan once it is parsed.
  const [caseload] = await Promise.all([ask(send, { type: 'page/caseload', url: url() }), domParsed(doc)]);
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
 * Resolves once the document has been parsed (at once if it already has). Resolving inside DOMContentLoaded
 * (not in a later task) lets the first scan's badges go into the page's first layout and paint, instead of
 * forcing a second layout of a large page; the scan costs the page ~0.05 s on the 2,000-row register
 * (bench/extension.bench.ts).
 */
export function domParsed(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
