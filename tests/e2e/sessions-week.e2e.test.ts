// A week of sessions recorded from the popup in real Chromium, on the demo school, synced to the local Sheets
// server; then the tracker as the Sheet holds it gives the roll-up and the review statement. Two demo pupils:
//  - Alfie Brennan (P001, 15 h funded, two 1:1s a day with Grace): every session tapped Delivered;
//  - Maisie-Rose Clarke (P004, 7.5 h funded, a 1:1 each morning with Siobhan): Wednesday Missed ▸ Redeployed to
//    cover (Siobhan was moved to cover a colleague), Thursday Part-delivered (45 minutes), the rest Delivered.
// The add-on's dashboard, built over the synced Sheet, shows the same week. The popup's clock is set to each afternoon of the demo week (Playwright's page clock; the service worker keeps
// real time, which only decides which logs the popup lists as "today's", all of them here). A second part marks a
// pupil absent for the day with one action.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSchool } from '../../demo/school';
import { writeDemoTracker } from '../../scripts/demo-server.mjs';
import { loadXlsxInto, startSheetsServer, type SheetsServer } from '../../sheets-server';
import { addDays, buildStatement, parseTracker, renderStatementHtml, sessionsOn, weeklyProvision, type Grid } from '../../shared/index';
import { buildAddon, loadAddon } from '../addon/harness';
import { readStore, startDemoBrowser, type DemoBrowser } from './support/demo-browser';

const SHEET = '1CaseloadSessionsWeekE2E_abcdefghij';
const TOKEN = 'e2e-sessions-token';
const MONDAY = '2026-11-23'; // the demo school's "today" week: no outcomes recorded for it yet
const FRIDAY = '2026-11-27';
const SATURDAY = '2026-11-28';
const ALFIE = 'P001';
const MAISIE = 'P004';

let server: SheetsServer;
let demo: DemoBrowser;
let scratch: string;
const rota = demoSchool().rota;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'caseload-sessions-e2e-'));
  const xlsx = join(scratch, 'tracker.xlsx');
  await writeDemoTracker(xlsx);
  server = await startSheetsServer({ tokens: [TOKEN] });
  await loadXlsxInto(server, SHEET, xlsx);
  demo = await startDemoBrowser();
  const options = await demo.context.newPage();
  await options.goto(`chrome-extension://${demo.extensionId}/options.html`);
  await options.waitForSelector('#connect[data-loaded=yes]');
  await options.fill('#sheet-link', `https://docs.google.com/spreadsheets/d/${SHEET}/edit`);
  await options.fill('#api-root', `${server.url}/`);
  await options.fill('#api-token', TOKEN);
  await options.click('#connect-save');
  await options.waitForSelector('#connect-result.ok', { timeout: 20_000 });
  await options.close();
}, 600_000);

afterAll(async () => {
  await demo?.close();
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function worker(): Worker {
  const w = demo.context
    .serviceWorkers()
    .filter((x) => x.url().startsWith(`chrome-extension://${demo.extensionId}/`))
    .at(-1);
  if (!w) throw new Error('The service worker is not running');
  return w;
}

async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** "I am…" for this device, as Options stores it. */
async function iAm(staffId: string): Promise<void> {
  await worker().evaluate(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('caseload');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put(id, 'me');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    staffId,
  );
}

/** The popup at 15:45 on `date` (after the school day, so every session is under "Earlier today"). */
async function popupOn(date: string): Promise<Page> {
  const popup = await demo.context.newPage();
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  await popup.clock.setFixedTime(new Date(y, m - 1, d, 15, 45));
  await popup.goto(`chrome-extension://${demo.extensionId}/popup.html`);
  await popup.locator('.session').first().waitFor();
  return popup;
}

/** The session keys of `pupilId` with `staffId` on `date`, from the demo rota. */
function keysOn(date: string, staffId: string, pupilId: string): string[] {
  return sessionsOn(rota, date)
    .filter((s) => s.block.staffId === staffId && s.block.pupilIds.includes(pupilId))
    .map((s) => s.key);
}

async function tap(popup: Page, key: string, pupilId: string, steps: readonly string[]): Promise<string> {
  const li = popup.locator(`[data-session="${key}"] li[data-pupil="${pupilId}"]`);
  for (const step of steps) {
    if (/^\d+$/.test(step)) {
      await li.locator('input').fill(step);
      await li.getByRole('button', { name: 'Save' }).click();
    } else {
      // By the button's text: the outcome buttons' accessible names also carry the pupil's name.
      const exact = new RegExp(`^\\s*${step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
      await li.locator('button', { hasText: exact }).first().click();
    }
  }
  await waitFor(
    `an outcome on ${key}`,
    async () => !/Not recorded|no outcome/.test((await li.locator('.session-status').textContent()) ?? ''),
  );
  return (await li.locator('.session-status').textContent()) ?? '';
}

function sheetTracker() {
  const grids: Record<string, Grid> = {};
  for (const s of server.workbook(SHEET).sheets) grids[s.name] = s.values as Grid;
  return parseTracker(grids).tracker;
}

function weekOutcomes() {
  return sheetTracker().logs.filter(
    (l) => l.kind === 'Session outcome' && (l.session ?? '') >= MONDAY && (l.session ?? '') <= `${FRIDAY}~`,
  );
}

describe('a week of sessions from the popup, on the demo school', () => {
  it('draws each pupil of a session with the outcome buttons on the line below, the suggested one outlined in green', async () => {
    await iAm('GAD');
    const popup = await popupOn(MONDAY);
    const key = keysOn(MONDAY, 'GAD', ALFIE)[0]!;
    const li = popup.locator(`[data-session="${key}"] li[data-pupil="${ALFIE}"]`);
    const name = (await li.locator('strong').boundingBox())!;
    const delivered = li.locator('.session-actions button').first();
    const box = (await delivered.boundingBox())!;
    // Under the name, at the start of the line: not squeezed in after "Not recorded" and wrapped part-way.
    expect(box.y).toBeGreaterThanOrEqual(name.y + name.height);
    expect(Math.abs(box.x - name.x)).toBeLessThanOrEqual(1);
    expect(await delivered.evaluate((b) => getComputedStyle(b).borderTopColor)).toBe('rgb(0, 112, 60)');
    expect(await li.evaluate((el) => getComputedStyle(el).listStyleType)).toBe('none');
    await popup.close();
  });

  it('records Delivered, Missed ▸ reason and Part-delivered; the Sheet rolls up funded against delivered with reasons', async () => {
    const shown: string[] = [];
    await iAm('GAD');
    for (let i = 0; i < 5; i++) {
      const date = addDays(MONDAY, i);
      const popup = await popupOn(date);
      for (const key of keysOn(date, 'GAD', ALFIE)) shown.push(await tap(popup, key, ALFIE, ['Delivered']));
      await popup.close();
    }
    expect(shown.length).toBeGreaterThanOrEqual(9);
    expect(new Set(shown)).toEqual(new Set(['Delivered']));

    await iAm('SOC');
    const maisie: Record<number, readonly string[]> = { 2: ['Missed ▸', 'Redeployed to cover'], 3: ['Part', '45'] };
    const said: string[] = [];
    for (let i = 0; i < 5; i++) {
      const date = addDays(MONDAY, i);
      const popup = await popupOn(date);
      for (const key of keysOn(date, 'SOC', MAISIE)) said.push(await tap(popup, key, MAISIE, maisie[i] ?? ['Delivered']));
      await popup.close();
    }
    expect(said).toEqual(['Delivered', 'Delivered', 'Missed: Redeployed to cover', 'Part-delivered: 45 min', 'Delivered']);

    // Sent: every outcome of the week is on the Sheet's Log tab and the outbox is empty.
    const expected = shown.length + said.length;
    await waitFor('the week on the Sheet', () => weekOutcomes().length === expected, 60_000);
    await waitFor('an empty outbox', async () => (await readStore(worker(), 'outbox')).length === 0);

    // The roll-up of the tracker as the Sheet now holds it.
    const tracker = sheetTracker();
    const weeks = weeklyProvision(tracker, { from: MONDAY, to: FRIDAY, today: SATURDAY, pupilIds: [ALFIE, MAISIE] });
    const alfie = weeks.get(ALFIE)![0]!;
    const slot = (id: string) => sessionsOn(rota, MONDAY).find((s) => s.block.pupilIds.includes(id) && s.block.activity === '1:1')!;
    const maisieSlot = slot(MAISIE).block.end - slot(MAISIE).block.start;
    expect(alfie.complete).toBe(true);
    expect(alfie.funded).toBe(15 * 60);
    expect(alfie.oneToOne.delivered).toBe(alfie.oneToOne.rostered);
    expect(alfie.oneToOne.delivered).toBeGreaterThanOrEqual(alfie.funded!);
    expect(alfie.oneToOne.notRecorded).toBe(0);
    const m = weeks.get(MAISIE)![0]!;
    expect(m.funded).toBe(7.5 * 60);
    expect(m.oneToOne.delivered).toBe(3 * maisieSlot + 45);
    expect(m.oneToOne.missed['Redeployed to cover']).toBe(maisieSlot);

    // The review statement says so in words, and names the reason.
    const alfieStatement = buildStatement(tracker, { pupilId: ALFIE, from: MONDAY, to: FRIDAY, today: SATURDAY });
    expect(alfieStatement.totals.delivered).toBe(alfieStatement.totals.rostered);
    const statement = buildStatement(tracker, { pupilId: MAISIE, from: MONDAY, to: FRIDAY, today: SATURDAY });
    expect(statement.totals).toMatchObject({ funded: 450, delivered: 3 * maisieSlot + 45, notRecorded: 0 });
    expect(statement.missedByReason).toContainEqual({ reason: 'Redeployed to cover', minutes: maisieSlot });
    expect(statement.missed.map((x) => [x.date, x.reason])).toEqual([
      ['2026-11-25', 'Redeployed to cover'],
      ['2026-11-26', 'Part-delivered'],
    ]);
    const html = renderStatementHtml(statement);
    expect(html).toContain('Redeployed to cover');
    expect(html).toContain('class="n short"');

    // The add-on's dashboard, built over the same Sheet on the Saturday after: each pupil's week, funded against
    // delivered, with the main reason missed.
    const addon = loadAddon(buildAddon(), server.workbook(SHEET), { now: new Date(`${SATURDAY}T10:00:00Z`) });
    addon.run('buildDashboard');
    const dash = addon.fake.ss.sheet('Dashboard')!.values;
    const weekRow = (pupil: string) => {
      const at = dash.findIndex((r) => String(r[0] ?? '').endsWith(`(${pupil})`));
      return dash.slice(at).find((r) => r[0] === 'w/c 23/11/2026')!;
    };
    const h = (min: number) => Math.round((min / 60) * 100) / 100;
    // Week · Funded · Rostered 1:1 · Delivered 1:1 · Missed · Not recorded · Main reasons missed
    expect(weekRow(ALFIE).slice(1, 7)).toEqual([15, h(alfie.oneToOne.rostered), h(alfie.oneToOne.rostered), 0, 0, '—']);
    expect(weekRow(MAISIE).slice(1, 7)).toEqual([
      7.5,
      h(5 * maisieSlot),
      h(3 * maisieSlot + 45),
      h(2 * maisieSlot - 45),
      0,
      `Redeployed to cover ${h(maisieSlot)} h`,
    ]);
  }, 300_000);

  it('marks a pupil absent for the day with one action: each of their sessions that day becomes Missed (Pupil absent)', async () => {
    await iAm('GAD');
    const date = '2026-11-30'; // the next Monday: nothing recorded yet
    const popup = await popupOn(date);
    await popup.locator('details.pupil-absent summary').click();
    await popup.locator('details.pupil-absent select').selectOption(ALFIE);
    await popup.getByRole('button', { name: 'Mark absent for today' }).click();
    const keys = keysOn(date, 'GAD', ALFIE);
    // Every session Alfie has that day, with anyone on the rota.
    const all = sessionsOn(rota, date).filter((s) => s.block.pupilIds.includes(ALFIE));
    await popup.locator('.pupil-absent-result').waitFor();
    expect(await popup.locator('.pupil-absent-result').textContent()).toMatch(
      new RegExp(`^Alfie Brennan marked absent today: ${all.length} sessions recorded as Missed \\(Pupil absent\\)`),
    );
    for (const key of keys) {
      expect(await popup.locator(`[data-session="${key}"] li[data-pupil="${ALFIE}"] .session-status`).textContent()).toBe(
        'Missed: Pupil absent',
      );
    }
    await popup.close();
    await waitFor(
      'the absence on the Sheet',
      () =>
        sheetTracker().logs.filter((l) => l.pupilId === ALFIE && l.session?.startsWith(date) && l.missedReason === 'Pupil absent')
          .length === all.length,
      60_000,
    );
  }, 120_000);
});
