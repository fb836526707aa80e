// The paths bench/extension.bench.ts measures, checked for what they do (the timings and sizes themselves are
// the bench's: `npm run bench`, ratios against baselines from the same run; no timed assertions here): the
// 2,000-row register gets exactly its caseload pupils' badges from the first scan, the overlay's performance
// marks are on the page's timeline in order, the built content script is one self-contained file, and a tap
// is persisted in IndexedDB by the time the panel says "Saved".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerRows } from '../../demo/mis/register';
import { BADGE, readStore, startDemoBrowser, type DemoBrowser } from './support/demo-browser';

let demo: DemoBrowser;
beforeAll(async () => {
  demo = await startDemoBrowser();
});
afterAll(async () => demo?.close());

it('the content script is one self-contained classic script (no imports to fetch at document_start)', () => {
  const js = readFileSync(join(demo.extensionDir, 'content-scripts', 'overlay.js'), 'utf8');
  expect(js.length).toBeGreaterThan(1000);
  expect(js).not.toMatch(/^\s*import\s|\bimport\(/m);
  const manifest = JSON.parse(readFileSync(join(demo.extensionDir, 'manifest.json'), 'utf8')) as { content_scripts?: unknown[] };
  expect(manifest.content_scripts ?? []).toEqual([]); // registered at run time for granted sites only
});

it('the 2,000-row register: every caseload row badged by the first scan, marks in order', async () => {
  const page = await demo.context.newPage();
  await page.goto(demo.urlOf('register'));
  await page.waitForSelector(BADGE, { timeout: 20_000 });
  const t = await page.evaluate(() => {
    const mark = (name: string) => performance.getEntriesByName(name).map((e) => e.startTime);
    return {
      rows: document.querySelectorAll('tbody tr').length,
      badges: document.querySelectorAll('caseload-badge').length,
      start: mark('caseload:start'),
      scanStart: mark('caseload:scan-start'),
      firstBadge: mark('caseload:first-badge'),
    };
  });
  expect(t.rows).toBe(registerRows().length);
  // All at once: the first scan (inside DOMContentLoaded) badges every caseload row, not a later batch.
  expect(t.badges).toBe(registerRows().filter((r) => r.caseloadId).length);
  expect([t.start.length, t.scanStart.length, t.firstBadge.length]).toEqual([1, 1, 1]);
  expect(t.start[0]!).toBeLessThanOrEqual(t.scanStart[0]!);
  expect(t.scanStart[0]!).toBeLessThanOrEqual(t.firstBadge[0]!);
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
