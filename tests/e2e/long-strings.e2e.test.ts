// Unbroken long strings wrap in every UI (issue 13): a 10,000-character target, pupil name and staff name with no
// space anywhere, and a 500-character note (the longest the background stores), shown by the panel on a MIS page,
// the popup, Options and the add-on's Check tracker sidebar in real Chromium. Before the fix such a string pushed
// the panel's close button 177,000 px off-screen. In each UI nothing may be wider than its box, and the page must
// not scroll sideways. Data comes in the way it would for a school: a tracker .xlsx imported through Options.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../cli/xlsx';
import { demoMisPupil } from '../../demo/mis/pupils';
import { DEMO_PROFILE_PUPILS } from '../../demo/mis/routes';
import { demoSchool } from '../../demo/school';
import { importThroughOptions } from '../../scripts/demo-server.mjs';
import { trackerToGrids } from '../../shared/schema/serialise';
import { buildAddon, loadAddon } from '../addon/harness';
import { trackerWorkbook } from '../addon/workbooks';
import { TODAY, validTracker } from '../core/fixtures';
import { openSidebar } from './support/addon-sidebar';
import { startDemoBrowser, type DemoBrowser } from './support/demo-browser';

const LONG_TARGET = `Reads${'a'.repeat(10_000)}`;
const LONG_NAME = `Long${'n'.repeat(10_000)}`;
const LONG_NOTE = `Note${'e'.repeat(496)}`;
/** The Bromcom profile page's pupil: the panel is opened from their badge. */
const PUPIL = DEMO_PROFILE_PUPILS.bromcom;

let demo: DemoBrowser;
let scratch = '';

beforeAll(async () => {
  demo = await startDemoBrowser({ seed: false });
  scratch = mkdtempSync(join(tmpdir(), 'caseload-long-'));
  const t = demoSchool();
  const target = t.targets.find((x) => x.pupilId === PUPIL && x.status !== 'Achieved' && x.status !== 'Discontinued');
  if (!target) throw new Error(`No current target for ${PUPIL}`);
  target.text = LONG_TARGET;
  // Another pupil (not on the profile page) gets the long surname: Options lists every pupil.
  t.pupils.find((p) => p.id !== PUPIL)!.lastName = LONG_NAME;
  const xlsx = join(scratch, 'long.xlsx');
  await writeWorkbook(xlsx, { sheets: Object.entries(trackerToGrids(t)).map(([name, values]) => ({ name, values })) });
  await importThroughOptions(demo.context, demo.extensionId, xlsx, t.staff[0]!.id);
});

afterAll(async () => {
  await demo?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

interface Overflow {
  /** How far the document scrolls sideways. */
  pageOverflow: number;
  /** The widest element content past its own box, with what it is. */
  worst: { by: number; what: string };
  /** Total characters of the long strings found in the UI's text (proves they are shown, not dropped). */
  shown: boolean;
}

/** In a page (or inside a shadow root): how far anything is wider than its box, and whether `needle` is shown. */
async function overflowIn(page: Page, needle: string, shadowHost?: string): Promise<Overflow> {
  return page.evaluate(
    ({ needle, shadowHost }) => {
      const root: Document | ShadowRoot = shadowHost ? document.querySelector(shadowHost)!.shadowRoot! : document;
      let worst = { by: 0, what: '' };
      for (const el of root.querySelectorAll('*')) {
        if (!(el instanceof HTMLElement) || el.clientWidth === 0 || ['STYLE', 'SCRIPT', 'OPTION'].includes(el.tagName)) continue;
        const by = el.scrollWidth - el.clientWidth;
        if (by > worst.by) worst = { by, what: `${el.tagName.toLowerCase()}.${el.className}` };
      }
      const text = shadowHost
        ? (root as ShadowRoot).textContent
        : document.body.innerText + [...document.querySelectorAll('option')].map((o) => o.text).join('');
      return {
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        worst,
        shown: (text ?? '').includes(needle),
      };
    },
    { needle, shadowHost },
  );
}

describe('unbroken long strings wrap in every UI', () => {
  it('the panel: the long target wraps, the close button stays on screen', async () => {
    const p = demoMisPupil(PUPIL);
    const page = await demo.context.newPage();
    await page.goto(demo.urlOf('bromcom', '/Nucleus/UI/Areas/People/StudentDetails.aspx'));
    await page.locator(`caseload-badge button[aria-label="Caseload: log for ${p.firstName} ${p.lastName}"]`).first().click();
    await page.locator('caseload-panel .target').first().waitFor({ timeout: 15_000 });
    const o = await overflowIn(page, LONG_TARGET.slice(0, 200), 'caseload-panel');
    expect(o.shown, 'the long target is shown').toBe(true);
    expect(o.worst.by, o.worst.what).toBeLessThanOrEqual(1);
    expect(o.pageOverflow).toBeLessThanOrEqual(0);
    const close = await page.locator('caseload-panel button.close').boundingBox();
    const viewport = page.viewportSize()!;
    expect(close).not.toBeNull();
    expect(close!.x).toBeGreaterThanOrEqual(0);
    expect(close!.x + close!.width).toBeLessThanOrEqual(viewport.width);
    await page.close();
  });

  it('Options: the pupil list with a 10,000-character surname', async () => {
    const page = await demo.context.newPage();
    await page.goto(`chrome-extension://${demo.extensionId}/options.html`);
    await page
      .locator('option', { hasText: LONG_NAME.slice(0, 50) })
      .first()
      .waitFor({ state: 'attached', timeout: 15_000 });
    const o = await overflowIn(page, LONG_NAME);
    expect(o.shown).toBe(true);
    expect(o.worst.by, o.worst.what).toBeLessThanOrEqual(1);
    expect(o.pageOverflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('the popup: today’s log with a 500-character unbroken note', async () => {
    const page = await demo.context.newPage();
    // About the popup's own size: Chrome sizes it to the body, 360 px wide plus 2 × 14 px padding.
    await page.setViewportSize({ width: 388, height: 600 });
    await page.goto(`chrome-extension://${demo.extensionId}/popup.html`);
    // Logged as the popup itself would log (an extension page may log for any pupil on the caseload).
    const saved = await page.evaluate(
      ({ pupilId, note }) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }
        ).chrome.runtime.sendMessage({
          type: 'log/add',
          entry: { id: crypto.randomUUID(), time: new Date().toISOString(), pupilId, kind: 'Note', note },
        }),
      { pupilId: PUPIL, note: LONG_NOTE },
    );
    expect(saved.ok).toBe(true);
    await page.reload();
    await page
      .locator('.note', { hasText: LONG_NOTE.slice(0, 40) })
      .first()
      .waitFor({ timeout: 15_000 });
    const o = await overflowIn(page, LONG_NOTE);
    expect(o.shown).toBe(true);
    expect(o.worst.by, o.worst.what).toBeLessThanOrEqual(1);
    expect(o.pageOverflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('the add-on sidebar: a finding naming a 10,000-character value', async () => {
    const t = validTracker();
    t.staff[0]!.name = LONG_NAME;
    t.logs.push({ ...t.logs[0]!, id: 'stray', pupilId: `P${'9'.repeat(10_000)}` });
    const built = buildAddon();
    const addon = loadAddon(built, trackerWorkbook(t), { now: new Date(`${TODAY}T10:00:00Z`) });
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await openSidebar(browser, built, addon, 'Sidebar');
      await page.locator('.finding').first().waitFor({ timeout: 30_000 });
      const o = await overflowIn(page, '9'.repeat(5_000));
      expect(o.shown, 'a finding quotes the long value').toBe(true);
      expect(o.worst.by, o.worst.what).toBeLessThanOrEqual(1);
      expect(o.pageOverflow).toBeLessThanOrEqual(0);
    } finally {
      await browser.close();
    }
  });
});
