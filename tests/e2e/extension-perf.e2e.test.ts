// The paths bench/extension.bench.ts measures, checked for what they do (the timings and sizes themselves are
// the bench's: `npm run bench`, ratios against baselines from the same run; no timed assertions here): the
// 2,000-row register gets exactly its caseload pupils' badges from the first scan, in two batches; that scan
// runs inside the page's DOMContentLoaded after the page's own handlers (so the badges are in the parsed page's
// first paint); the overlay's performance marks are on the page's timeline in order; the built content scripts
// are self-contained files; and a tap is persisted in IndexedDB by the time the panel says "Saved".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerRows } from '../../demo/mis/register';
import { BADGE, readStore, startDemoBrowser, type DemoBrowser } from './support/demo-browser';
import { serviceWorkerControl } from './support/service-worker';
import { OVERLAY_EARLY_SCRIPT_FILE, OVERLAY_SCRIPT_FILE } from '../../extension/background/registration';

let demo: DemoBrowser;
beforeAll(async () => {
  demo = await startDemoBrowser();
});
afterAll(async () => demo?.close());

it('the content scripts are self-contained classic scripts, and the one run while the page parses has no panel in it', () => {
  const early = readFileSync(join(demo.extensionDir, 'overlay-early.js'), 'utf8');
  const js = readFileSync(join(demo.extensionDir, 'overlay.js'), 'utf8');
  for (const script of [early, js]) {
    expect(script.length).toBeGreaterThan(1000);
    expect(script).not.toMatch(/^\s*import\s|\bimport\(/m);
  }
  // The panel's words are in the document_end half only, the detector's marks in the early half only.
  expect(js).toContain('Which pupil?');
  expect(early).not.toContain('Which pupil?');
  expect(early).toContain('caseload:scan-slice');
  expect(js).not.toContain('caseload:scan-slice');
  // Nor what of the core it does not use: the tracker's readers (here, the Settings tab's cover choices).
  expect(early).not.toContain('Last resort');
  const manifest = JSON.parse(readFileSync(join(demo.extensionDir, 'manifest.json'), 'utf8')) as { content_scripts?: unknown[] };
  expect(manifest.content_scripts ?? []).toEqual([]); // registered at run time for granted sites only
});

it('the 2,000-row register: every caseload row badged by the first (sliced) scan, in two batches, marks in order', async () => {
  const page = await demo.context.newPage();
  // Each task that put badges on the page (one observer callback per task): the batches the page had to lay out.
  await page.addInitScript(() => {
    const w = window as unknown as { __badgeBatches: number[] };
    w.__badgeBatches = [];
    new MutationObserver((records) => {
      let added = 0;
      for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'CASELOAD-BADGE') added++;
      if (added > 0) w.__badgeBatches.push(added);
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(demo.urlOf('register'));
  await page.waitForFunction(() => performance.getEntriesByName('caseload:full-scan-done').length > 0, null, { timeout: 20_000 });
  const t = await page.evaluate(() => {
    const mark = (name: string) => performance.getEntriesByName(name).map((e) => e.startTime);
    return {
      rows: document.querySelectorAll('tbody tr').length,
      badges: document.querySelectorAll('caseload-badge').length,
      start: mark('caseload:start'),
      scanStart: mark('caseload:scan-start'),
      firstBadge: mark('caseload:first-badge'),
      batches: (window as unknown as { __badgeBatches: number[] }).__badgeBatches,
    };
  });
  expect(t.rows).toBe(registerRows().length);
  // The first scan (its first slice inside DOMContentLoaded, the rest in the next frames) badges every
  // caseload row; the page has no later changes that could have added any.
  expect(t.badges).toBe(registerRows().filter((r) => r.caseloadId).length);
  // The first pupil's badge inside DOMContentLoaded (or, on a load where the first slice ran out of time, the
  // next slice's finds), the rest together when the scan is done: each batch put into the table costs a layout
  // and paint of all 2,000 rows, so not one batch per frame while the scan runs.
  expect(t.batches).toHaveLength(2);
  expect(t.batches[0]! + t.batches[1]!).toBe(t.badges);
  expect([t.start.length, t.scanStart.length, t.firstBadge.length]).toEqual([1, 1, 1]);
  expect(t.start[0]!).toBeLessThanOrEqual(t.scanStart[0]!);
  expect(t.scanStart[0]!).toBeLessThanOrEqual(t.firstBadge[0]!);
  await page.close();
});

it("the first scan starts inside DOMContentLoaded, after the page's own handlers on the document", async () => {
  const page = await demo.context.newPage();
  // The page's side, in its own world: what its handler on the document sees.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      (window as unknown as { __inPageHandler: number }).__inPageHandler = document.querySelectorAll('caseload-badge').length;
    });
  });
  await page.goto(demo.urlOf('register'));
  await page.waitForFunction(() => performance.getEntriesByName('caseload:full-scan-done').length > 0, null, { timeout: 20_000 });
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const first = performance.getEntriesByName('caseload:scan-slice')[0];
    return {
      inPageHandler: (window as unknown as { __inPageHandler?: number }).__inPageHandler,
      slice: first ? { start: first.startTime, end: first.startTime + first.duration } : undefined,
      dclStart: nav.domContentLoadedEventStart,
      dclEnd: nav.domContentLoadedEventEnd,
      badges: document.querySelectorAll('caseload-badge').length,
    };
  });
  // Nothing of ours ran before the page's own handler; the scan's first slice ran within the event (up to the
  // first caseload row; the rest follow in later slices).
  expect(t.inPageHandler).toBe(0);
  expect(t.slice).toBeDefined();
  expect(t.slice!.start).toBeGreaterThanOrEqual(t.dclStart);
  expect(t.slice!.end).toBeLessThanOrEqual(t.dclEnd);
  expect(t.badges).toBe(registerRows().filter((r) => r.caseloadId).length);
  await page.close();
});

it('a tap is in IndexedDB by the time the panel says "Saved"', async () => {
  const page = await demo.context.newPage();
  await page.goto(demo.urlOf('sims', '/students'));
  expect(await readStore(demo.worker, 'logs')).toEqual([]);
  await page.locator(BADGE).first().click();
  await page.locator('caseload-panel button[data-rating="Emerging"]').first().click();
  await page.locator('caseload-panel .status.saved').first().waitFor();
  // Read at once, no polling: "Saved" is only shown once the service worker has committed the log.
  const logs = await readStore<{ id: string; rating?: string }>(demo.worker, 'logs');
  expect(logs.map((l) => l.rating)).toEqual(['Emerging']);
  await page.close();
});

it('closing a tab leaves a stopped service worker stopped (nothing of ours hears every tab the browser closes)', async () => {
  const worker = await serviceWorkerControl(demo.context, demo.extensionId);
  try {
    // Nothing else may wake it meanwhile: the sync alarm (every minute) is cleared (the worker sets it again when
    // it next starts), and the tab is a blank one, so no overlay on it asks the background anything.
    await worker.start();
    await new Promise((r) => setTimeout(r, 500));
    const sw = demo.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${demo.extensionId}/`));
    await sw?.evaluate(() => (globalThis as unknown as { chrome: { alarms: { clearAll(): Promise<boolean> } } }).chrome.alarms.clearAll());
    const page = await demo.context.newPage();
    await worker.stop();
    await page.close();
    await new Promise((r) => setTimeout(r, 1500));
    expect(worker.running()).toBe(false);
    // The watch sees a worker that runs (so the check above could fail).
    await worker.start();
    expect(worker.running()).toBe(true);
  } finally {
    await worker.close();
  }
});

it('a tab open before its site was granted gets both halves by injection, in order: badges, then a working panel', async () => {
  // What background does on permissions.onAdded (start.ts injectIntoOpenTabs), here with the registrations
  // lifted first so the page loads without the overlay, as it would before the grant.
  type Chrome = {
    scripting: {
      getRegisteredContentScripts(): Promise<unknown[]>;
      unregisterContentScripts(): Promise<void>;
      registerContentScripts(s: unknown[]): Promise<void>;
      executeScript(o: { target: { tabId: number }; files: string[] }): Promise<unknown>;
    };
    tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  };
  const saved = await demo.worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    const scripts = await c.scripting.getRegisteredContentScripts();
    await c.scripting.unregisterContentScripts();
    return scripts;
  });
  try {
    const page = await demo.context.newPage();
    const url = demo.urlOf('generic');
    await page.goto(url);
    await page.waitForTimeout(500);
    expect(await page.locator(BADGE).count()).toBe(0);
    await demo.worker.evaluate(
      async ([pageUrl, files]) => {
        const c = (globalThis as unknown as { chrome: Chrome }).chrome;
        const tab = (await c.tabs.query({})).find((t) => t.url === pageUrl);
        await c.scripting.executeScript({ target: { tabId: tab!.id! }, files });
      },
      [url, [OVERLAY_EARLY_SCRIPT_FILE, OVERLAY_SCRIPT_FILE]] as [string, string[]],
    );
    await page.waitForSelector(BADGE);
    await page.locator(BADGE).first().click();
    await page.locator('caseload-panel button[data-kind="Praise"]').waitFor();
    await page.close();
  } finally {
    await demo.worker.evaluate(async (scripts) => {
      await (globalThis as unknown as { chrome: Chrome }).chrome.scripting.registerContentScripts(scripts);
    }, saved);
  }
});
