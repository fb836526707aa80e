// Importing through the built extension's Options page in real Chromium: the preview names both rows of a
// duplicated Pupil ID and its counts are what IndexedDB then holds; a newer list merges (renamed pupil updated, new
// one added, a leaver kept until ticked); every MIS-shaped CSV lists the columns it does not use; and on the demo
// pages the badge and panel tell EHC plan (E) from SEN support (K). A large tracker shows progress at once and is
// read in the import worker.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackerWorkbook } from '../../cli/tracker';
import { writeWorkbook } from '../../cli/xlsx';
import { previewImport } from '../../shared/import';
import { generateSchool } from '../core/fixtures';
import { BADGE, readStore, startDemoBrowser, type DemoBrowser } from './support/demo-browser';

const MIS = join(import.meta.dirname, '..', 'fixtures', 'mis-exports');
let demo: DemoBrowser;
let scratch: string;
beforeAll(async () => {
  demo = await startDemoBrowser();
  scratch = mkdtempSync(join(tmpdir(), 'caseload-import-e2e-'));
});
afterAll(async () => {
  await demo?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function options(): Promise<Page> {
  const page = await demo.context.newPage();
  await page.goto(`chrome-extension://${demo.extensionId}/options.html`);
  return page;
}

const countsIn = (text: string) => {
  const n = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  return {
    pupils: n(/(\d+) pupils?/),
    targets: n(/(\d+) targets?/),
    staff: n(/(\d+) (?:staff|member of staff)/),
    rota: n(/(\d+) rota blocks?/),
  };
};

describe('Options import preview in real Chromium', () => {
  it('names both rows of a duplicated Pupil ID as refused, and stores exactly the counts it showed', async () => {
    const file = join(scratch, 'copied-row.csv');
    writeFileSync(
      file,
      'Pupil ID,First name,Last name,Year,SEN status\r\nN900,Ada,Lovelace,7,K\r\nN901,Alan,Turing,8,E\r\nN900,Ada,Lovelace,7,K\r\n',
    );
    const page = await options();
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('#import-preview');
    const refused = await page.locator('#import-refused li').allTextContents();
    expect(refused).toHaveLength(2);
    expect(refused[0]).toContain('copied-row.csv line 2 (Pupil ID)');
    expect(refused[1]).toContain('copied-row.csv line 4 (Pupil ID)');
    expect(refused[0]).toContain('line 2 (Pupil ID) and copied-row.csv line 4');
    const shown = countsIn((await page.textContent('#import-counts')) ?? '');
    // Nothing stored yet.
    expect((await readStore<{ id: string }>(demo.worker, 'pupils')).some((p) => p.id === 'N901')).toBe(false);
    await page.click('#import-confirm');
    await page.waitForSelector('#import-result .ok');
    const pupils = await readStore<{ id: string }>(demo.worker, 'pupils');
    const targets = await readStore<{ id: string }>(demo.worker, 'targets');
    expect({ pupils: pupils.length, targets: targets.length }).toEqual({ pupils: shown.pupils, targets: shown.targets });
    expect(pupils.some((p) => p.id === 'N901')).toBe(true);
    expect(pupils.some((p) => p.id === 'N900')).toBe(false);
    await page.close();
  });

  it('re-importing a newer list merges: a renamed pupil is updated, a new one added, a leaver kept until ticked', async () => {
    const head = 'Pupil ID,First name,Last name,Year,SEN status\r\n';
    const older = join(scratch, 'autumn.csv');
    const newer = join(scratch, 'spring.csv');
    writeFileSync(older, `${head}N910,Grace,Hopper,9,K\r\nN911,Katherine,Johnson,10,E\r\n`);
    writeFileSync(newer, `${head}N910,Grace,Hopper-Smith,9,K\r\nN912,Mary,Jackson,8,K\r\n`);
    const importFile = async (file: string, tick?: string) => {
      const page = await options();
      await page.setInputFiles('#import-file', file);
      await page.waitForSelector('#import-preview');
      if (tick) {
        await page.locator('details:has(#import-leavers) summary').click();
        const box = page.locator('#import-leavers li', { hasText: tick }).locator('input[type=checkbox]');
        await box.check();
        // Ticking re-runs the preview; wait for it to show the choice before importing.
        await expect.poll(() => box.isChecked()).toBe(true);
      }
      const leavers = await page.locator('#import-leavers li').allTextContents();
      await page.click('#import-confirm');
      await page.waitForSelector('#import-result .ok');
      await page.close();
      return leavers;
    };
    const pupilIds = async () => new Set((await readStore<{ id: string }>(demo.worker, 'pupils')).map((p) => p.id));
    await importFile(older);
    const logsBefore = (await readStore<{ id: string }>(demo.worker, 'logs')).length;

    const listed = await importFile(newer);
    expect(listed.some((l) => l.includes('Katherine Johnson (N911)'))).toBe(true);
    const afterMerge = await readStore<{ id: string; lastName: string }>(demo.worker, 'pupils');
    expect(afterMerge.find((p) => p.id === 'N910')?.lastName).toBe('Hopper-Smith');
    expect([...(await pupilIds())].filter((id) => ['N910', 'N911', 'N912'].includes(id)).sort()).toEqual(['N910', 'N911', 'N912']);

    await importFile(newer, 'Katherine Johnson (N911)');
    const ids = await pupilIds();
    expect(ids.has('N911')).toBe(false);
    expect(ids.has('N910') && ids.has('N912')).toBe(true);
    // Confirming a leaver removes the pupil from the caseload only: logs already on the device stay.
    expect((await readStore<{ id: string }>(demo.worker, 'logs')).length).toBe(logsBefore);
  });

  it('each MIS export previews with every unused column listed and nothing left out silently', async () => {
    for (const name of readdirSync(MIS).filter((f) => f.endsWith('.csv'))) {
      const text = (await import('node:fs')).readFileSync(join(MIS, name), 'utf8');
      const expected = previewImport({ kind: 'csv', name, text }, { pupils: [], targets: [], staff: [], rota: [] }, '2026-11-23');
      const page = await options();
      await page.setInputFiles('#import-file', join(MIS, name));
      await page.waitForSelector('#import-preview');
      const unused = await page.locator('#import-unused li').allTextContents();
      expect(
        unused.map((u) => u.split(' (')[0]),
        name,
      ).toEqual(expected.unusedColumns.map((u) => u.header));
      expect(await page.locator('#import-refused li').count(), name).toBe(0);
      await page.click('#import-cancel');
      await page.close();
    }
  });
});

describe('a large tracker through Options', () => {
  it('shows progress at once and works the preview out in the import worker, off the page’s thread', async () => {
    // A generated school with a term's Log (tests/core/fixtures.ts), written by the CLI's .xlsx writer.
    const school = generateSchool({ seed: 14, staff: 20, pupils: 80, logs: 8_000, date: '2026-11-24' });
    const file = join(scratch, 'term-tracker.xlsx');
    await writeWorkbook(file, trackerWorkbook(school));
    const page = await options();
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    // Every progress line the page shows, in order (the observer is in place before the file is chosen).
    await page.evaluate(() => {
      const w = window as unknown as { __steps: string[] };
      w.__steps = [];
      new MutationObserver(() => {
        const text = document.querySelector('#import-progress')?.textContent;
        if (text && w.__steps.at(-1) !== text) w.__steps.push(text);
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('#import-preview');
    const steps = await page.evaluate(() => (window as unknown as { __steps: string[] }).__steps);
    expect(steps[0]).toBe('Reading the file…');
    expect(steps).toContain('Reading the spreadsheet…');
    const rows = steps.find((s) => s.startsWith('Checking'));
    expect(Number(rows?.replace(/\D/g, ''))).toBeGreaterThan(8_000);
    expect(workers.some((u) => /\/assets\/preview-worker-[\w-]+\.js$/.test(u))).toBe(true);
    expect(await page.locator('#import-progress').count()).toBe(0);
    // Cancelled: the demo caseload the next tests use stays.
    await page.click('#import-cancel');
    await page.waitForSelector('#import-result .ok');
    await page.close();
  });
});

describe('badges and panel tell E from K on the demo pages', () => {
  it('SIMS shows Zoë (EHC plan) as EHCP; ScholarPack shows Riley (SEN support) as SEN support, with the panel heading', async () => {
    const sims = await demo.context.newPage();
    await sims.goto(`${demo.urlOf('sims', undefined).replace(/\/students$/, '')}/students/4150/summary`);
    await sims.waitForSelector(BADGE);
    expect(await sims.locator(BADGE).first().textContent()).toBe('EHCP');
    const sp = await demo.context.newPage();
    await sp.goto(demo.urlOf('scholarpack'));
    await sp.waitForSelector(BADGE);
    const labels = await sp.locator(BADGE).allTextContents();
    expect(labels).toContain('SEN support');
    await sp.locator(BADGE).filter({ hasText: 'SEN support' }).first().click();
    await sp.waitForSelector('caseload-panel p.sen-status');
    expect(await sp.locator('caseload-panel p.sen-status').textContent()).toBe('SEN support · primary need NSA');
    await sims.close();
    await sp.close();
  });
});
