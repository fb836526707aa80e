// After a log reached the Sheet, Undo still works, in real Chromium against the local Sheets server: a tap in the
// overlay is synced (the Sheet's Log tab confirmed it), then Undo in the popup appends a Correction row voiding it.
// The Sheet shows the original row and its correction (the Log tab stays append-only), and the popup shows the log
// voided. The tracker's Log tab is an older one without the Corrects/Correction columns: sync adds them first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BADGE, readStore } from './support/demo-browser';
import { type SheetsWorld, startSheetsWorld, waitFor } from './support/sheets-world';

const SHEET = '1CaseloadCorrectionsE2E_abcdefghij';
const TOKEN = 'e2e-corrections-token';

let world: SheetsWorld;

beforeAll(async () => {
  world = await startSheetsWorld({ name: 'corrections', sheet: SHEET, server: { tokens: [TOKEN] } });
  // An older tracker: its Log header ends at Source (no Corrects, no Correction).
  const log = world.server.state.spreadsheets.get(SHEET)!.sheets.find((s) => s.title === 'Log')!;
  const header = log.cells[0]!.map((c) => String(c ?? ''));
  for (const h of ['Corrects', 'Correction']) log.cells[0]![header.indexOf(h)] = null;
}, 600_000);

afterAll(async () => {
  await world?.close();
});

const worker = () => world.worker();
const logRows = () => world.logRows();

describe('Undo after the log reached the Sheet', () => {
  it('appends a Correction row voiding it; the Sheet keeps both rows and the popup shows it voided', async () => {
    const { demo, server } = world;
    const options = await demo.context.newPage();
    await options.goto(`chrome-extension://${demo.extensionId}/options.html`);
    await options.waitForSelector('#connect[data-loaded=yes]');
    await world.fillConnection(options, TOKEN);
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
    // Any of the popup's status lines: during a timetabled session the session card has one of its own ("Now: …").
    await popup.waitForFunction(() =>
      [...document.querySelectorAll('[role=status]')].some(
        (e) => e.textContent === 'Will add a correction to the Sheet marking this log void',
      ),
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
