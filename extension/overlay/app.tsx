// The content script's one feature: find caseload pupils on the page, badge them, and log from the panel. The
// badging is badger.ts; this attaches the panel to it, and answers the background's requests to the tab.
// Everything it needs from the extension comes through background messages (the store is in the extension's
// origin, not the page's). `start` returns once the page is being watched; `signal` tears it all down.
import { render } from 'preact';
import { ask, type PagePupil, type Reply, type TabRequest } from '../messages';
import { sameAnswer } from '../page-caseload';
import type { Badger, BadgerEnv } from './badger';
import type { BadgeLayer } from './badges';
import { uuidV4 } from './log-entry';
import { DEFAULT_LAYOUT, defaultLayoutStore, dockAwayFrom, type LayoutStore, type PanelLayout } from './layout';
import { Panel, type PanelApi } from './panel';
import { pickElement } from './picker';
import { createShadowHost } from './shadow-host';
import { PANEL_CSS } from './styles';

export interface OverlayEnv extends BadgerEnv {
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

/**
 * Attach the panel to the badging the early script began (badger.ts `startBadges`). Kept apart from it so this
 * half's bundle carries no detector: the early half always runs first, registered at document_start or injected
 * before this one into a tab already open.
 */
export async function startOverlay(env: OverlayEnv, started: Promise<Badger | undefined>): Promise<Overlay | undefined> {
  const { signal } = env;
  const badger = await started;
  if (!badger || signal.aborted) return undefined;
  const { badges, scanner, caseload } = badger;
  const url = () => env.doc.location?.href ?? env.doc.URL;

  const who = { me: caseload.me };
  // Closing a panel gives focus back to the badge it came from, or the one that replaced it for the same name.
  const panels = createPanels(env, panelApi(env, url, who), (from) => badges.current(from));
  badger.openWith(panels.open);
  const reload = async () => {
    const fresh = await ask(env.send, { type: 'page/caseload', url: url() });
    if (!fresh.ok || signal.aborted) return fresh;
    who.me = fresh.me;
    scanner.watch(fresh.pupils, fresh.siteSelector);
    return fresh;
  };
  // Check the copy against the store once the page is badged and the browser is idle: a caseload changed by a
  // sync since, or a new "I am", is picked up on this page without holding up its first badges.
  if (badger.fromCache) whenIdle(env.doc.defaultView, () => void recheck(env, url, caseload, reload));
  signal.addEventListener('abort', () => panels.close(), { once: true });
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

/** Run `fn` when the browser is idle (within 2 s), or on a timer where idle callbacks do not exist. */
function whenIdle(win: (Window & typeof globalThis) | null, fn: () => void): void {
  if (win?.requestIdleCallback) win.requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 50);
}
