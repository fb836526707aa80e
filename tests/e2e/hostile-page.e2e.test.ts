// A hostile MIS page against the extension as schools get it: closed shadow roots (built WITHOUT
// CASELOAD_TEST_OPEN_SHADOW, into its own folder). The page's own JavaScript (an analytics tag, a compromised
// script, another extension's content script all see the same) tries to read what Caseload shows about pupils:
// it walks the whole DOM, every open shadow root, every attribute and title, and asks each of our hosts for its
// shadowRoot; it also patches attachShadow before our content script runs, and listens to every event path.
// It must find no pupil name the page did not print itself, no target and no SEN status text. The same data must
// still reach the user: the test reads the accessibility tree (through the DevTools protocol, not the page),
// where closed shadow content is included, and finds the open pupil's targets there.
// It also checks that a page script cannot open a panel (synthetic clicks), while a real click and a real
// Enter/Space on the focused badge do; that even our own content script, taken over, gets from the background
// only what the overlay needs (least privilege, extension/background/guard.ts, through the real browser's sender
// records); and that the built manifest asks for https:// only as optional hosts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSchool } from '../../demo/school';
import { DEMO_HOSTS } from '../../demo/mis/routes';
import { buildExtensionIfStale } from '../../scripts/build.mjs';
import {
  importThroughOptions,
  launchWithExtension,
  startDemoServer,
  writeDemoTracker,
  type DemoServer,
} from '../../scripts/demo-server.mjs';
import { pupilName, statusLabel } from '../../shared/index';

const OUT_DIR = join(import.meta.dirname, '..', '..', '.output', 'e2e-closed');
/** A static MIS page listing pupils ("Doyle, Harvey"), with their SEN status as the MIS's own letter (E/K/N). */
const LIST = `http://${DEMO_HOSTS.bromcom}/Nucleus/UI/Areas/People/StudentList.aspx`;

const school = demoSchool();
/** Forms of every caseload pupil's name the overlay could show, and their ids. */
const NAMES = school.pupils.flatMap((p) => [pupilName(p), `${p.lastName}, ${p.firstName}`, ...(p.upn ? [p.upn] : [])]);
/** Every target's wording (long, distinctive strings); short ones could occur in any page by chance. */
const TARGETS = school.targets.map((t) => t.text).filter((t) => t.length >= 20);
const STATUSES = [...new Set(school.pupils.map(statusLabel))];
/** Strings that only our UI writes: their presence anywhere the page can read would be a leak of the overlay. */
const OURS = ['Caseload: log for', 'Close Caseload panel'];

let server: DemoServer;
let context: BrowserContext;
let extensionDir = '';
let extensionId = '';
let scratch = '';

beforeAll(async () => {
  server = await startDemoServer();
  // The build schools get (no test flag, no dev API), with the demo hosts preset as a managed build would.
  extensionDir = (await buildExtensionIfStale({ outDir: OUT_DIR, presetHosts: server.presetHosts })).dir;
  scratch = mkdtempSync(join(tmpdir(), 'caseload-hostile-'));
  const launched = await launchWithExtension({
    extensionDir,
    userDataDir: join(scratch, 'profile'),
    port: server.port,
    hosts: server.hosts,
  });
  context = launched.context;
  extensionId = launched.extensionId;
  const xlsx = join(scratch, 'demo-tracker.xlsx');
  const { me } = await writeDemoTracker(xlsx);
  await importThroughOptions(context, launched.extensionId, xlsx, me);
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/**
 * Runs in the page before any of its scripts or ours: patches attachShadow to force every root open and keep
 * it, and records what every event path exposes. A content script lives in an isolated world with its own
 * copies of these prototypes, so this must catch nothing of ours.
 */
function hostileHooks(): void {
  const w = window as unknown as { __stolenRoots: ShadowRoot[]; __seenOnPaths: string[]; __messages: string[] };
  w.__stolenRoots = [];
  w.__seenOnPaths = [];
  w.__messages = [];
  // Every window message, as the page receives it (a content script's window.postMessage lands here too).
  window.addEventListener('message', (e) => w.__messages.push(JSON.stringify(e.data) ?? String(e.data)), true);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attach.call(this, { ...init, mode: 'open' });
    w.__stolenRoots.push(root);
    return root;
  };
  for (const type of ['click', 'keydown', 'focusin', 'pointerdown', 'mouseover']) {
    window.addEventListener(
      type,
      (e) => {
        for (const n of e.composedPath()) {
          if (!(n instanceof Element)) continue;
          w.__seenOnPaths.push(n.localName, ...[...n.attributes].map((a) => `${a.name}=${a.value}`));
          if (n.localName.startsWith('caseload-')) w.__seenOnPaths.push(n.textContent ?? '');
        }
      },
      true,
    );
  }
}

interface Loot {
  /** Everything readable: text, attribute values, titles, form values, storage, cookies. */
  text: string;
  /** The same walk over the page as its server sent it (before any extension ran). */
  baseline: string;
  hosts: { tag: string; shadowRootReadable: boolean; attributes: string[]; childNodes: number }[];
  stolenRoots: number;
  control: boolean;
}

/** The hostile walk, in the page's own world. `control` plants an open shadow root holding `probe` to prove the walk reaches inside open roots. */
async function loot(page: Page, probe: string): Promise<Loot> {
  return page.evaluate(async (probe) => {
    const walk = (doc: Document): string => {
      const out: string[] = [doc.title];
      const visit = (root: Node) => {
        const it = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT);
        for (let n: Node | null = it.currentNode; n; n = it.nextNode()) {
          if (n.nodeType !== Node.ELEMENT_NODE) {
            out.push((n as CharacterData).data);
            continue;
          }
          const el = n as Element;
          for (const a of el.attributes) out.push(`${a.name}=${a.value}`);
          if ('value' in el && typeof (el as HTMLInputElement).value === 'string') out.push((el as HTMLInputElement).value);
          if (el instanceof HTMLElement && el.title) out.push(el.title);
          if (el.shadowRoot) visit(el.shadowRoot);
        }
      };
      visit(doc);
      out.push(doc.body?.innerText ?? '');
      return out.join('\n');
    };
    const w = window as unknown as { __stolenRoots: ShadowRoot[]; __seenOnPaths: string[] };
    const stores = [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`));
    const text = [walk(document), ...stores, document.cookie, ...w.__seenOnPaths, ...w.__stolenRoots.map((r) => r.textContent)].join('\n');
    const served = await (await fetch(location.href)).text();
    const baseline = walk(new DOMParser().parseFromString(served, 'text/html'));
    const hosts = [...document.querySelectorAll('*')]
      .filter((e) => e.localName.startsWith('caseload-'))
      .map((e) => ({
        tag: e.localName,
        shadowRootReadable: e.shadowRoot !== null,
        attributes: [...e.attributes].map((a) => a.name),
        childNodes: e.childNodes.length,
      }));
    const stolenRoots = w.__stolenRoots.length;
    // Control: the same walk does find text inside an open shadow root.
    const planted = document.createElement('div');
    planted.attachShadow({ mode: 'open' }).append(probe);
    document.body.append(planted);
    const control = walk(document).includes(probe);
    planted.remove();
    return { text, baseline, hosts, stolenRoots, control };
  }, probe);
}

/** Text in the accessibility tree (what a screen reader gets), read through the DevTools protocol. */
async function accessibleText(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { name?: { value?: unknown } }[] };
    return nodes.map((n) => String(n.name?.value ?? '')).join('\n');
  } finally {
    await cdp.detach();
  }
}

async function openList(): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(hostileHooks);
  await page.goto(LIST);
  // Hosts are in the page's light DOM; what is inside them is not reachable by selector (closed roots).
  await page.locator('caseload-badge').first().waitFor({ state: 'attached', timeout: 15_000 });
  await page.waitForTimeout(300);
  return page;
}

const panelCount = (page: Page) => page.locator('caseload-panel').count();

/** A real mouse click (trusted input through the browser) in the middle of a badge host. */
async function clickBadge(page: Page, index: number): Promise<void> {
  const box = await page.locator('caseload-badge').nth(index).boundingBox();
  if (!box) throw new Error('The badge has no box on screen.');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

describe('a hostile MIS page against the closed-root build', () => {
  it('finds no pupil name, target or status after badges appear and a panel is opened, while the accessibility tree has them', async () => {
    const page = await openList();
    const badges = await page.locator('caseload-badge').count();
    expect(badges).toBeGreaterThan(2);

    await clickBadge(page, 0);
    await page.locator('caseload-panel').waitFor({ state: 'attached', timeout: 10_000 });
    // The panel shows the pupil's targets to the user: wait until they are in the accessibility tree.
    let shown: string[] = [];
    for (let i = 0; i < 50 && shown.length === 0; i++) {
      const ax = await accessibleText(page);
      shown = TARGETS.filter((t) => ax.includes(t));
      if (shown.length === 0) await page.waitForTimeout(200);
    }
    expect(shown.length, 'the opened pupil’s targets are shown to the user').toBeGreaterThan(0);
    const ax = await accessibleText(page);
    expect(ax).toContain('Caseload: log for');

    const found = await loot(page, shown[0]!);
    expect(found.control, 'the walk reads inside open shadow roots').toBe(true);
    // The walk does see the page: its own pupil names in "Last, First" form.
    expect(found.text).toContain('Doyle, Harvey');

    const hosts = found.hosts;
    expect(hosts.filter((h) => h.tag === 'caseload-badge')).toHaveLength(badges);
    expect(hosts.filter((h) => h.tag === 'caseload-panel')).toHaveLength(1);
    for (const h of hosts) {
      expect(h.shadowRootReadable, `${h.tag}.shadowRoot`).toBe(false);
      // Nothing but our inline style on a host, and no light-DOM children.
      expect(h.attributes, h.tag).toEqual(['style']);
      expect(h.childNodes, h.tag).toBe(0);
    }
    expect(found.stolenRoots, 'patching attachShadow in the page catches none of our roots').toBe(0);

    const leaks = [
      ...NAMES.filter((n) => found.text.includes(n) && !found.baseline.includes(n)).map((n) => `name ${n}`),
      ...TARGETS.filter((t) => found.text.includes(t)).map((t) => `target ${t}`),
      ...STATUSES.filter((s) => found.text.includes(s) && !found.baseline.includes(s)).map((s) => `status ${s}`),
      ...OURS.filter((s) => found.text.includes(s)).map((s) => `overlay text ${s}`),
    ];
    expect(leaks).toEqual([]);
    // The statuses are a real test here: the page itself prints only the MIS's letters.
    for (const s of STATUSES) expect(found.baseline).not.toContain(s);
    await page.close();
  });

  it('a page script cannot open a panel; a real click, Enter and Space on the badge can', async () => {
    const page = await openList();
    const opened = await page.evaluate(async () => {
      const hosts = [...document.querySelectorAll('caseload-badge')] as HTMLElement[];
      for (const host of hosts) {
        host.click();
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
        host.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
        for (const key of ['Enter', ' ']) {
          host.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
          host.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true }));
        }
        // What is at the badge's place on screen: the host (closed roots are retargeted), clicked by script.
        const r = host.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) as HTMLElement | null;
        at?.click();
        // Were the root open, a script would click the button itself: the badge still wants a trusted click.
        host.shadowRoot?.querySelector('button')?.click();
      }
      await new Promise((r) => setTimeout(r, 800));
      return document.querySelectorAll('caseload-panel').length;
    });
    expect(opened).toBe(0);

    // The user's own click opens it.
    await clickBadge(page, 1);
    await page.locator('caseload-panel').waitFor({ state: 'attached', timeout: 10_000 });
    await page.keyboard.press('Escape');
    await expect.poll(() => panelCount(page)).toBe(0);

    // The keyboard: Tab to a badge (the page sees only the host, retargeted), then Enter, then Space.
    await page.locator('body').focus();
    let onBadge = false;
    for (let i = 0; i < 80 && !onBadge; i++) {
      await page.keyboard.press('Tab');
      onBadge = await page.evaluate(() => document.activeElement?.localName === 'caseload-badge');
    }
    expect(onBadge, 'a badge is reachable with Tab').toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('caseload-panel').waitFor({ state: 'attached', timeout: 10_000 });
    // Escape closes the panel and gives focus back to the badge it came from.
    await page.keyboard.press('Escape');
    await expect.poll(() => panelCount(page)).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('caseload-badge');
    await page.keyboard.press('Space');
    await page.locator('caseload-panel').waitFor({ state: 'attached', timeout: 10_000 });
    await page.close();
  });

  it('our own content script, driven from its world, gets only what the overlay needs from the background', async () => {
    const page = await openList();
    const ask = await contentScriptWorld(page);
    const refused = (error: RegExp) => ({ ok: false, error: expect.stringMatching(error) });
    // Rule 1: nothing beyond the overlay's own requests.
    for (const type of ['logs/today', 'status', 'sync/now', 'registration/refresh']) {
      expect(await ask({ type }), type).toEqual(refused(/not available from a web page/));
    }
    // Rule 2/3: matching data for this page's own origin only, and only what detection and badges need.
    expect(await ask({ type: 'page/caseload', url: 'https://other.example/' })).toEqual(refused(/only answers for the page it runs in/));
    const mine = (await ask({ type: 'page/caseload', url: LIST })) as { ok: boolean; pupils: Record<string, unknown>[] };
    expect(mine.ok).toBe(true);
    expect(mine.pupils.length).toBe(school.pupils.length);
    const allowed = ['id', 'firstName', 'lastName', 'upn', 'misId', 'year', 'className', 'senStatus', 'primaryNeed'];
    for (const p of mine.pupils) expect(Object.keys(p).filter((k) => !allowed.includes(k))).toEqual([]);
    // Rule 4: logs only for the pupil whose panel is open in this tab.
    const [a, b] = school.pupils;
    const entry = (pupilId: string) => ({ id: crypto.randomUUID(), time: new Date().toISOString(), pupilId, kind: 'Note', note: 'x' });
    expect(await ask({ type: 'log/add', entry: entry(a!.id) })).toEqual(refused(/Open that pupil/));
    expect(await ask({ type: 'pupil/details', pupilId: a!.id })).toMatchObject({ ok: true, pupil: { id: a!.id } });
    expect(await ask({ type: 'log/add', entry: entry(b!.id) })).toEqual(refused(/Open that pupil/));
    // Rule 5: undo and edit only of logs this tab saved.
    expect(await ask({ type: 'log/undo', id: crypto.randomUUID() })).toEqual(refused(/Only a log saved from this page/));
    expect(await ask({ type: 'log/update', id: crypto.randomUUID(), changes: { note: 'y' } })).toEqual(
      refused(/Only a log saved from this page/),
    );
    await page.close();
  });

  it('the page hears nothing from our script, and an event in the name of its framework does not stop the overlay', async () => {
    const page = await openList();
    const heard = await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages);
    expect(
      heard.filter((m) => m.includes(extensionId) || m.includes('wxt')),
      'window messages naming us',
    ).toEqual([]);
    // What WXT's content-script context listened for (an event named after the extension, "a newer copy started"):
    // sent by the page, it must not take the overlay off. The overlay still badges a row the page adds afterwards.
    const badgesBefore = await page.locator('caseload-badge').count();
    await page.evaluate((id) => {
      // A copy of a badged row, without our badge host: only a live overlay badges it.
      const row = document.querySelector('caseload-badge')?.closest('tr');
      if (!row) throw new Error('No badged row in the list.');
      const copy = row.cloneNode(true) as Element;
      for (const host of copy.querySelectorAll('caseload-badge')) host.remove();
      for (const name of ['overlay', 'content'])
        document.dispatchEvent(
          new CustomEvent(`${id}:${name}:wxt:content-script-started`, { detail: { contentScriptName: name, messageId: 'page' } }),
        );
      window.postMessage({ type: `${id}:overlay:wxt:content-script-started`, contentScriptName: 'overlay', messageId: 'page' }, '*');
      row.parentElement!.append(copy);
    }, extensionId);
    // (With WXT's context, the events above took every badge off the page at once.)
    await expect.poll(() => page.locator('caseload-badge').count(), { timeout: 10_000 }).toBe(badgesBefore + 1);
    await clickBadge(page, 0);
    await page.locator('caseload-panel').waitFor({ state: 'attached', timeout: 10_000 });
    await page.close();
  });

  it('the build asks for https:// only as optional hosts; the preset (managed) hosts are its only http:// ones', () => {
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
      host_permissions: string[];
      optional_host_permissions: string[];
    };
    expect(manifest.optional_host_permissions.length).toBeGreaterThan(0);
    for (const p of manifest.optional_host_permissions) expect(p, p).toMatch(/^https:\/\//);
    expect(manifest.host_permissions.filter((p) => !p.startsWith('https://')).sort()).toEqual([...server.presetHosts].sort());
  });
});

/**
 * A function that sends a message from our content script's own isolated world in `page` (found through the
 * DevTools protocol), as if an attacker had taken it over: the background must still bound what it answers.
 */
async function contentScriptWorld(page: Page): Promise<(message: unknown) => Promise<unknown>> {
  const cdp = await page.context().newCDPSession(page);
  const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: (typeof worlds)[number] }) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  const ours = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.startsWith('chrome-extension://'));
  if (!ours) throw new Error('No content-script world in the page.');
  return async (message) => {
    const res = (await cdp.send('Runtime.evaluate', {
      contextId: ours.id,
      expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value?: unknown }; exceptionDetails?: { text: string } };
    if (res.exceptionDetails) throw new Error(res.exceptionDetails.text);
    return res.result.value;
  };
}
