// The built "Check tracker" sidebar in real Chromium, with google.script.run stubbed to call the built server
// bundle running in a vm over the fake spreadsheet (see support/addon-sidebar.ts). Everything crosses as JSON,
// as it does in Apps Script.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../sheets-addon/server/api';
import { TODAY, validTracker } from '../core/fixtures';
import { buildAddon, loadAddon, ROOT, type Running } from '../addon/harness';
import { trackerWorkbook } from '../addon/workbooks';
import { openSidebar } from './support/addon-sidebar';

let browser: Browser;
let page: Page;
let addon: Running;

function troubledTracker() {
  const t = validTracker();
  t.training[0]!.expires = '2026-11-01'; // Amelia's Medication has lapsed: her 1:1 needs it
  t.logs.push({ ...t.logs[0]!, id: 'stray', pupilId: 'P99' });
  t.rota.push({ day: 'Mon', start: 570, end: 630, staffId: 'S01', activity: 'Group', pupilIds: ['P04'], needs: [] });
  return t;
}

beforeAll(async () => {
  const built = buildAddon();
  addon = loadAddon(built, trackerWorkbook(troubledTracker()), { now: new Date(`${TODAY}T10:00:00Z`) });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  page = await openSidebar(browser, built, addon, 'Sidebar');
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const count = (severity: string) => page.locator(`.count.${severity} b`).innerText();

describe('Check tracker sidebar', () => {
  it('lists the server’s findings grouped by severity with counts in the header', async () => {
    await page.locator('.finding').first().waitFor();
    const expected = addon.run<CheckResult>('checkTracker');
    expect(Number(await count('error'))).toBe(expected.summary.error);
    expect(Number(await count('warning'))).toBe(expected.summary.warning);
    expect(Number(await count('info'))).toBe(expected.summary.info);
    expect(await page.locator('.finding').count()).toBe(expected.findings.length);
    expect(await page.locator('section.group.error .finding').count()).toBe(expected.summary.error);
    const first = expected.findings[0]!;
    expect(await page.locator('.finding .msg').first().innerText()).toBe(first.message);
    // The title in words leads; the code is small and secondary, after it.
    const title = page.locator('.finding .title').first();
    expect(await title.innerText()).toBe(first.title);
    expect(first.title).not.toBe(first.code);
    const sizes = await page
      .locator('.finding')
      .first()
      .evaluate((b) => {
        const px = (sel: string) => Number.parseFloat(getComputedStyle(b.querySelector(sel)!).fontSize);
        return { title: px('.title'), code: px('.code') };
      });
    expect(sizes.code).toBeLessThan(sizes.title);
    mkdirSync(join(ROOT, 'demo-out'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'demo-out/addon-sidebar.png'), fullPage: true });
  });

  it('filters by staff or pupil name', async () => {
    await page.getByLabel('Filter by pupil or staff').fill('Amelia');
    const shown = await page.locator('.finding').count();
    const expected = addon.run<CheckResult>('checkTracker').findings.filter((f) => f.staffName === 'Amelia Hartley');
    expect(shown).toBe(expected.length);
    expect(shown).toBeGreaterThan(0);
    await page.getByLabel('Filter by pupil or staff').fill('nobody at all');
    await expect.poll(() => page.locator('.finding').count()).toBe(0);
    expect(await page.locator('.empty').innerText()).toMatch(/Nothing matches/);
    await page.getByLabel('Filter by pupil or staff').fill('');
  });

  it('selects the finding’s cell in the spreadsheet when clicked', async () => {
    const target = page.locator('.finding', { hasText: 'Medication' }).first();
    const cell = (await target.getAttribute('data-cell'))!;
    await target.click();
    await expect.poll(() => addon.fake.activeCell()).toBe(cell.replace(/^'(.*)'!/, '$1!'));
    expect(await target.getAttribute('class')).toMatch(/selected/);
  });

  it('re-checks after a fix made in the sheet', async () => {
    const before = Number(await count('error'));
    const training = addon.fake.ss.sheet('Training')!;
    training.values[1]![3] = new Date('2027-09-01T00:00:00Z'); // renewed
    await page.getByRole('button', { name: 'Re-check' }).click();
    await expect.poll(async () => Number(await count('error'))).toBeLessThan(before);
    expect(await page.locator('.finding', { hasText: 'Medication training' }).count()).toBe(0);
  });
});
