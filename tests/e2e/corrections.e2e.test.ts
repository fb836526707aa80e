// After a log reached the Sheet, Undo still works, in real Chromium against the local Sheets server: a tap in the
// overlay is synced (the Sheet's Log tab confirmed it), then Undo in the popup appends a Correction row voiding it.
// The Sheet shows the original row and its correction (the Log tab stays append-only), and the popup shows the log
// voided. The tracker's Log tab is an older one without the Corrects/Correction columns: sync adds them first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoTracker } from '../../scripts/demo-server.mjs';
import { loadXlsxInto, startSheetsServer, type SheetsServer } from '../../sheets-server';
import { BADGE, readStore, startDemoBrowser, type DemoBrowser } from './support/demo-browser';

const SHEET = '1CaseloadCorrectionsE2E_abcdefghij';
const TOKEN = 'e2e-corrections-token';

let server: SheetsServer;
let demo: DemoBrowser;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'caseload-corrections-e2e-'));
  const xlsx = join(scratch, 'tracker.xlsx');
  await writeDemoTracker(xlsx);
  server = await startSheetsServer({ tokens: [TOKEN] });
  await loadXlsxInto(server, SHEET, xlsx);
  // An older tracker: its Log header ends at Source (no Corrects, no Correction).
  const log = server.state.spreadsheets.get(SHEET)!.sheets.find((s) => s.title === 'Log')!;
  const header = log.cells[0]!.map((c) => String(c ?? ''));
  for (const h of ['Corrects', 'Correction']) log.cells[0]![header.indexOf(h)] = null;
  demo = await startDemoBrowser();
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

async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The Log tab as header → value records. */
function logRows(): Record<string, unknown>[] {
  const values = server.workbook(SHEET).sheets.find((s) => s.name === 'Log')!.values;
  const header = (values[0] ?? []).map((h) => String(h ?? ''));
  return values.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? null])));
}

describe('Undo after the log reached the Sheet', () => {
  it('appends a Correction row voiding it; the Sheet keeps both rows and the popup shows it voided', async () => {
    const options = await demo.context.newPage();
    await options.goto(`chrome-extension://${demo.extensionId}/options.html`);
    await options.waitForSelector('#connect[data-loaded=yes]');
    await options.fill('#sheet-link', `https://docs.google.com/spreadsheets/d/${SHEET}/edit`);
    await options.fill('#api-root', `${server.url}/`);
    await options.fill('#api-token', TOKEN);
    await options.click('#connect-save');
    await options.waitForSelector('#connect-result.ok', { timeout: 20_000 });
    await options.close();

    const page = await demo.context.newPage();
    await page.goto(demo.urlOf('arbor'));
    await page.locator(BADGE).first().click();
    const before = new Set((await readStore<{ id: string }>(worker(), 'logs')).map((l) => l.id));
    await page.locator('caseload-panel button[data-rating="Secure"]').first().click();
    const id = await waitFor(
      'the tapped log in the store',
      async () => (await readStore<{ id: string }>(worker(), 'logs')).find((l) => !before.has(l.id))?.id,
    );
    // Sent and confirmed: the row is in the Sheet and the outbox is empty (the old "Too late to undo" point).
    await waitFor('the row in the sheet', () => logRows().some((r) => r['Log ID'] === id));
    await waitFor('an empty outbox', async () => (await readStore(worker(), 'outbox')).length === 0);
    await page.close();

    const popup = await demo.context.newPage();
    await popup.goto(`chrome-extension://${demo.extensionId}/popup.html`);
    const row = popup.locator(`li[data-log-id="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('sent');
    const undo = row.getByRole('button', { name: /^Undo log/ });
    expect(await undo.getAttribute('title')).toBe('Already sent: Undo adds a correction to the Sheet marking this log void');
    await undo.click();
    await popup.waitForFunction(
      () => document.querySelector('[role=status]')?.textContent === 'Will add a correction to the Sheet marking this log void',
    );
    await popup.waitForSelector(`li[data-log-id="${id}"][data-voided=true]`);
    expect(await popup.locator(`li[data-log-id="${id}"]`).textContent()).toContain('voided');
    expect(await popup.locator(`li[data-log-id="${id}"] button`).count()).toBe(0);

    // The correction reaches the Sheet through the same outbox; the header gained its two columns first.
    const correction = await waitFor('the correction row in the sheet', () => logRows().find((r) => r['Corrects'] === id));
    const header = server
      .workbook(SHEET)
      .sheets.find((s) => s.name === 'Log')!
      .values[0]!.map(String);
    expect(header.slice(-2)).toEqual(['Corrects', 'Correction']);
    expect(correction).toMatchObject({ Kind: 'Correction', Correction: 'Void', 'Staff ID': demo.me });
    expect(String(correction['Log ID'])).not.toBe(id);
    const originals = logRows().filter((r) => r['Log ID'] === id);
    expect(originals).toHaveLength(1);
    expect(originals[0]).toMatchObject({ Kind: 'Progress', Rating: 'Secure' });
    expect(server.requests.some((r) => r.operation === 'spreadsheets.batchUpdate')).toBe(false);
    await waitFor('an empty outbox', async () => (await readStore(worker(), 'outbox')).length === 0);
    await popup.close();
  });
});
