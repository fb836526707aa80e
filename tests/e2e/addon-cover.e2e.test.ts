// The built "Plan cover" sidebar in real Chromium over the built server bundle and the fake spreadsheet: the
// proposals are listed with their windows, a SENCo unticks one, presses "Record cover", and the Absence tab holds
// exactly the ticked cover, as windowed rows for that date beneath the absence each covers.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverPlanView } from '../../sheets-addon/server/api';
import { block, buildTracker, pupil } from '../core/fixtures';
import { buildAddon, loadAddon, ROOT, type Running } from '../addon/harness';
import { trackerWorkbook } from '../addon/workbooks';
import { openSidebar } from './support/addon-sidebar';

const TUE = '2026-11-24';

/** Tuesday: Amy is off in the morning (Ben can stay until 10:00, Cara starts at 10:00); Dan is off Monday to
 * Wednesday, and his lunchtime 1:1 needs Medication training nobody else holds. */
function tuesday() {
  return buildTracker({
    pupils: [pupil('P1', 'Amelia', 'Hartley', { senStatus: 'E' }), pupil('P2', 'Noah', 'Brown', { senStatus: 'E' })],
    staff: [
      { id: 'AM', name: 'Amy Moss', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30' },
      { id: 'BB', name: 'Ben Bell', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 08:30-10:00' },
      { id: 'CC', name: 'Cara Cole', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 10:00-15:30' },
      { id: 'DW', name: 'Dan Whitfield', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30' },
    ],
    training: [{ staffId: 'DW', training: 'Medication', completed: '2026-09-01', expires: '2027-09-01' }],
    rota: [
      block('Tue', '09:00', '10:00', 'AM', '1:1', ['P1']),
      block('Tue', '10:00', '11:00', 'AM', '1:1', ['P1']),
      block('Tue', '13:00', '13:30', 'DW', '1:1', ['P2'], ['Medication']),
      block('Tue', '14:00', '15:00', 'DW', 'Group', ['P2']),
    ],
    absences: [
      { staffId: 'AM', from: TUE, to: TUE, part: 'AM', reason: 'Dentist' },
      { staffId: 'DW', from: '2026-11-23', to: '2026-11-25', part: 'All day', reason: 'Illness' },
    ],
  });
}

let browser: Browser;
let page: Page;
let addon: Running;

beforeAll(async () => {
  const built = buildAddon();
  addon = loadAddon(built, trackerWorkbook(tuesday()), { now: new Date(`${TUE}T08:00:00Z`) });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  page = await openSidebar(browser, built, addon, 'Cover', 820);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('Plan cover sidebar', () => {
  it('lists each proposal with its window, who is away, who covers and why, and the gaps with their reasons', async () => {
    await page.locator('.proposal').first().waitFor();
    const view = addon.run<CoverPlanView>('planCoverFor', TUE);
    expect(view.proposals.map((p) => [p.start, p.absentName, p.coverName])).toEqual([
      ['09:00', 'Amy Moss', 'Ben Bell'],
      ['10:00', 'Amy Moss', 'Cara Cole'],
      // Amy is back for the afternoon and has done no cover yet; Cara already has Amy's 10:00: cover is shared out.
      ['14:00', 'Dan Whitfield', 'Amy Moss'],
    ]);
    const items = page.locator('.proposal');
    expect(await items.count()).toBe(view.proposals.length);
    for (const [i, p] of view.proposals.entries()) {
      const item = items.nth(i);
      expect(await item.locator('.when').innerText()).toBe(`${p.start}–${p.end}`);
      expect(await item.locator('.who').innerText()).toBe(`${p.coverName} covers ${p.absentName}`);
      expect(await item.locator('.why').innerText()).toBe(p.reason);
      expect(await item.locator('input[type=checkbox]').isChecked()).toBe(true);
    }
    expect(await items.nth(2).locator('.meta').innerText()).toBe('Dan Whitfield away 23/11/2026–25/11/2026 (All day) · Absence row 3');
    expect(await page.locator('.gaps li').count()).toBe(view.gaps.length);
    expect(await page.locator('.gaps li').first().innerText()).toContain('13:00–13:30 1:1 with Noah Brown');
    expect(await page.getByText('every day of this absence').count()).toBe(0);
  });

  it('records only the ticked proposals on the Absence tab, and shows what it did', async () => {
    const absence = addon.fake.ss.sheet('Absence')!;
    expect(absence.values).toHaveLength(3);
    const cara = page.locator('.proposal', { hasText: 'Cara Cole covers Amy Moss' });
    await cara.locator('input[type=checkbox]').uncheck();
    expect(await page.locator('.group h2 .n').first().innerText()).toBe('2 of 3 ticked');
    await page.getByRole('button', { name: 'Record cover' }).click();

    const status = page.getByRole('status');
    await status.waitFor();
    // The summary now goes on to say which sessions were recorded as missed (issue 11's automatic outcomes).
    expect(await status.locator('p').first().innerText()).toContain(
      'Cover recorded: Ben Bell 09:00–10:00 for Amy Moss; Amy Moss 14:00–15:00 for Dan Whitfield on 24/11/2026. Added Absence rows 3, 5, beneath the absence they cover.',
    );
    // Each cover row sits beneath the absence it covers, so the tab reads one absence at a time.
    const rows = absence.values.slice(1).map((row) => [row[0], row[3], row[5] ?? null, row[6] ?? null, row[7] ?? null]);
    expect(rows).toEqual([
      ['AM', 'AM', null, null, null],
      ['AM', 'AM', 'BB', '09:00', '10:00'],
      ['DW', 'All day', null, null, null],
      ['DW', 'All day', 'AM', '14:00', '15:00'],
    ]);

    // The list now holds only what is still uncovered: the proposal that was unticked.
    await expect.poll(() => page.locator('.proposal').count()).toBe(1);
    expect(await page.locator('.proposal .who').innerText()).toBe('Cara Cole covers Amy Moss');
    expect(await page.locator('.proposal input[type=checkbox]').isChecked()).toBe(false);
    expect(await page.getByRole('button', { name: 'Record cover' }).isDisabled()).toBe(true);
    mkdirSync(join(ROOT, 'demo-out'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'demo-out/addon-cover.png'), fullPage: true });
  });
});
