// Google's sharing model in real Chromium: the built extension connects, as an LSA, to a tracker the SENCo owns
// on the local Sheets server. Not shared yet → Options and the popup say exactly what to ask for, and logs stay on
// the device; the SENCo shares it → the logs land, and the LSA's Staff ID comes from their Google account.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPE } from '../../sheets-server';
import { STUCK } from '../../shared/sync';
import { readStore } from './support/demo-browser';
import { type SheetsWorld, startSheetsWorld, waitFor as waitForState } from './support/sheets-world';

const SHEET = '1CaseloadAccessE2E_abcdefghijklmn';
const SENCO = 'p.raman@kestrellane.example'; // Priya Raman, the demo school's SENCo (demo/school.ts)
const LSA = 'c.reid@kestrellane.example'; // Callum Reid (CRE), an LSA in the Staff tab
const TOKEN = 'callum-token';

let world: SheetsWorld;
let ext: Page;

beforeAll(async () => {
  world = await startSheetsWorld({
    name: 'access',
    sheet: SHEET,
    server: { tokens: [{ token: TOKEN, email: LSA, scopes: [SCOPE.spreadsheets, 'email'] }] },
    sharing: { owner: SENCO },
  });
  ext = await world.demo.context.newPage();
  await ext.goto(`chrome-extension://${world.demo.extensionId}/options.html`);
});

afterAll(async () => {
  await world?.close();
});

const worker = () => world.worker();
const logIdsInSheet = () => world.logIds();
/** This test polls every 100 ms: each poll opens a popup or reloads Options, and each of those asks for a sync. */
const waitFor = <T>(what: string, fn: () => T | Promise<T>, timeoutMs = 20_000) => waitForState(what, fn, timeoutMs, 100);

declare const chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };

const expected = STUCK.notShared({ email: LSA, askWho: `Priya Raman (${SENCO}), your SENCo,` });

describe('an LSA connects to the SENCo’s tracker', () => {
  it('not shared: Options and the popup name the account and whom to ask; logs stay on the device', async () => {
    await world.fillConnection(ext, TOKEN);
    await ext.click('#connect-save');
    await ext.waitForSelector('#connect-result.error', { timeout: 30_000 });
    expect(await ext.textContent('#connect-result')).toBe(`Saved, but the Sheet could not be read: ${expected}`);
    const rowsBefore = logIdsInSheet().length;

    const targets = await readStore<{ id: string; pupilId: string }>(worker(), 'targets');
    const ids = await ext.evaluate(
      async (list) => {
        const out: string[] = [];
        for (const t of list) {
          const entry = {
            id: crypto.randomUUID(),
            time: new Date().toISOString(),
            kind: 'Progress',
            rating: 'Developing',
            pupilId: t.pupilId,
            targetId: t.id,
          };
          const r = (await chrome.runtime.sendMessage({ type: 'log/add', entry })) as { ok: boolean; error?: string };
          if (!r.ok) throw new Error(r.error);
          out.push(entry.id);
        }
        return out;
      },
      targets.slice(0, 2),
    );
    const popup = await waitFor(
      'the popup to show the reason',
      async () => {
        const p = await world.demo.context.newPage();
        await p.goto(`chrome-extension://${world.demo.extensionId}/popup.html`);
        await p.waitForSelector('#sync-state');
        if ((await p.getAttribute('#sync-state', 'data-state')) === 'stuck') return p;
        await p.close();
        return undefined;
      },
      30_000,
    );
    expect(await popup.textContent('#sync-state')).toBe(`Not synced: ${expected}`);
    await popup.close();
    expect(logIdsInSheet().filter((id) => ids.includes(id))).toEqual([]); // the demo Log tab has earlier rows
    expect((await readStore<{ id: string }>(worker(), 'outbox')).map((o) => o.id).sort()).toEqual([...ids].sort());

    // The SENCo shares the Sheet with Callum as an editor; "Sync now" sends the logs.
    world.server.sharing.share(SHEET, LSA, 'writer');
    const started = (await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'sync/now' }))) as { ok: boolean };
    expect(started.ok).toBe(true);
    await waitFor('both logs in the Log tab', () => ids.every((id) => logIdsInSheet().includes(id)), 30_000);
    await waitFor('an empty outbox', async () => (await readStore(worker(), 'outbox')).length === 0);
    expect(logIdsInSheet().filter((id) => ids.includes(id))).toHaveLength(2);
    expect(logIdsInSheet()).toHaveLength(rowsBefore + 2);

    // Who is logging now comes from the Google account: Options says so, and "I am" is Callum Reid.
    await waitFor(
      'the account matched to the Staff tab',
      async () => {
        // Wait for the page's own read of the device, then look without waiting: textContent() would wait for a
        // missing #i-am-account for Playwright's whole timeout, so a poll made just before the pull never ends.
        await ext.reload();
        await ext.waitForSelector('main[data-loaded=yes]');
        const line = await ext.$('#i-am-account');
        return ((await line?.textContent()) ?? '').includes('you are Callum Reid (CRE)');
      },
      30_000,
    );
    expect(await ext.textContent('#i-am-account')).toBe(`From your Google account ${LSA}: you are Callum Reid (CRE).`);
    expect(await ext.inputValue('#i-am')).toBe('CRE');
  });
});
