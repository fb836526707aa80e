// Google's sharing model in real Chromium: the built extension connects, as an LSA, to a tracker the SENCo owns
// on the local Sheets server. Not shared yet → Options and the popup say exactly what to ask for, and logs stay on
// the device; the SENCo shares it → the logs land, and the LSA's Staff ID comes from their Google account.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoTracker } from '../../scripts/demo-server.mjs';
import { loadXlsxInto, SCOPE, startSheetsServer, type SheetsServer } from '../../sheets-server';
import { STUCK } from '../../shared/sync';
import { readStore, startDemoBrowser, type DemoBrowser } from './support/demo-browser';

const SHEET = '1CaseloadAccessE2E_abcdefghijklmn';
const SENCO = 'p.raman@kestrellane.example'; // Priya Raman, the demo school's SENCo (demo/school.ts)
const LSA = 'c.reid@kestrellane.example'; // Callum Reid (CRE), an LSA in the Staff tab
const TOKEN = 'callum-token';

let server: SheetsServer;
let demo: DemoBrowser;
let ext: Page;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'caseload-access-e2e-'));
  const xlsx = join(scratch, 'tracker.xlsx');
  await writeDemoTracker(xlsx);
  server = await startSheetsServer({ tokens: [{ token: TOKEN, email: LSA, scopes: [SCOPE.spreadsheets, 'email'] }] });
  await loadXlsxInto(server, SHEET, xlsx, { owner: SENCO });
  demo = await startDemoBrowser();
  ext = await demo.context.newPage();
  await ext.goto(`chrome-extension://${demo.extensionId}/options.html`);
});

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
    await new Promise((r) => setTimeout(r, 100));
  }
}

declare const chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };

const logIdsInSheet = () => {
  const log = server.workbook(SHEET).sheets.find((s) => s.name === 'Log')!;
  const col = log.values[0]!.findIndex((h) => String(h).trim().toLowerCase() === 'log id');
  return log.values.slice(1).map((r) => String(r[col] ?? ''));
};

const expected = STUCK.notShared({ email: LSA, askWho: `Priya Raman (${SENCO}), your SENCo,` });

describe('an LSA connects to the SENCo’s tracker', () => {
  it('not shared: Options and the popup name the account and whom to ask; logs stay on the device', async () => {
    await ext.fill('#sheet-link', `https://docs.google.com/spreadsheets/d/${SHEET}/edit`);
    await ext.fill('#api-root', `${server.url}/`);
    await ext.fill('#api-token', TOKEN);
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
        const p = await demo.context.newPage();
        await p.goto(`chrome-extension://${demo.extensionId}/popup.html`);
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
    server.sharing.share(SHEET, LSA, 'writer');
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
        await ext.reload();
        await ext.waitForSelector('#connect[data-loaded=yes]');
        return ((await ext.textContent('#i-am-account').catch(() => '')) ?? '').includes('you are Callum Reid (CRE)');
      },
      30_000,
    );
    expect(await ext.textContent('#i-am-account')).toBe(`From your Google account ${LSA}: you are Callum Reid (CRE).`);
    expect(await ext.inputValue('#i-am')).toBe('CRE');
  });
});
