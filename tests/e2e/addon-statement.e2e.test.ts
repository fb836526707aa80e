// The built "Provision statement" dialog in real Chromium over the built server bundle and the fake spreadsheet
// holding the demo school: choose a pupil and a range, the statement appears, Print opens the browser's print,
// and in print only the statement is laid out, on A4.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSchool } from '../../demo/school';
import { buildAddon, loadAddon, ROOT } from '../addon/harness';
import { trackerWorkbook } from '../addon/workbooks';
import { openSidebar } from './support/addon-sidebar';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const built = buildAddon();
  const addon = loadAddon(built, trackerWorkbook(demoSchool()), { now: new Date('2026-11-23T10:00:00Z') });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  // The size showStatementDialog asks for (900 × 720).
  page = await openSidebar(browser, built, addon, 'Statement', 720, 900);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('Provision statement dialog', () => {
  it('shows the chosen pupil’s statement with funded against delivered and the reason a session was missed', async () => {
    const select = page.locator('#statement-pupil');
    await select.locator('option[value="P004"]').waitFor({ state: 'attached' });
    expect(await page.locator('label[for=statement-from]').innerText()).toBe('From');
    expect(await page.locator('#statement-from-uk').innerText()).toBe('19/10/2026');
    expect(await page.getByRole('button', { name: 'Print' }).isDisabled()).toBe(true);
    await select.selectOption('P004');
    await page.fill('#statement-from', '2026-11-16');
    await page.fill('#statement-to', '2026-11-20');
    expect(await page.locator('#statement-to-uk').innerText()).toBe('20/11/2026');
    await page.getByRole('button', { name: 'Show statement' }).click();
    const statement = page.locator('.statement main');
    await statement.locator('h1').waitFor();
    expect(await statement.locator('h1').innerText()).toBe('Provision and progress statement');
    expect(await statement.locator('.meta').innerText()).toContain('Maisie-Rose Clarke (P004)');
    expect(await statement.locator('td.short').count()).toBe(1);
    expect(await statement.getByText('Redeployed to cover').count()).toBeGreaterThan(0);
  });

  it('Print calls the browser’s print, and the printed page holds only the statement, on A4', async () => {
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.getByRole('button', { name: 'Print' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.statement-controls').isVisible()).toBe(false);
    expect(await page.locator('.statement main h1').isVisible()).toBe(true);
    // Chromium lays the dialog out for print as it would on paper: A4, the statement's own @page rule.
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(box).not.toBeNull();
    // A4 is 595 × 842 points.
    expect(Math.round(Number(box![1]))).toBe(595);
    expect(Math.round(Number(box![2]))).toBe(842);
    await page.emulateMedia({ media: 'screen' });
    mkdirSync(join(ROOT, 'demo-out'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'demo-out/addon-statement.png'), fullPage: true });
  });
});
