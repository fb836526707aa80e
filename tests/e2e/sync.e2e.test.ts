// The built extension in real Chromium syncing to the local Sheets API server (a tracker made from demoSchool()):
// connected once through the Options page, then logs from the overlay and from extension pages reach the Log tab
// exactly once through 429s, 5xx, an expired token, a connection dropped after the write (mid-answer, and before any
// answer byte so that Chromium re-sends the append itself: the copy stays, nothing is deleted, readers count it once), the per-minute quota,
// the service worker being stopped mid-sync, going offline, and a read-only sheet cleared by the alarm.
// The `caseload` CLI then checks the same sheet through googleapis and finds every log in its Log tab.
// Measurements (logs per append, tap → row latency) are printed at the end.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetsServer } from '../../sheets-server';
import { parseCsv } from '../../shared/csv';
import { STUCK } from '../../shared/sync';
import { effectiveLogs } from '../../shared/corrections';
import { evidenceColumns, logsFromRows } from '../../shared/evidence';
import { runCli } from '../cli/run-cli';
import { BADGE, type DemoBrowser, readStore } from './support/demo-browser';
import { type SheetsWorld, startSheetsWorld, waitFor } from './support/sheets-world';

const SHEET = '1CaseloadDemoTrackerE2E_abcdefghij';
const TOKEN = 'e2e-token';

let world: SheetsWorld;
let server: SheetsServer;
let demo: DemoBrowser;
let ext: Page; // an extension page (options) that sends messages the way the popup and overlay do
let cdp: CDPSession;
let scratch: string;
let school: SheetsWorld['school'];
/** Shifts the server's clock (per-minute quota) without touching Chromium's. */
let serverSkewMs = 0;
const measured = {
  tapToRowMs: [] as number[],
  burstToRowsMs: [] as number[],
  burstLogsPerAppend: 0,
  burstRequests: '',
  resendGapMs: -1,
  overall: '',
};

beforeAll(async () => {
  world = await startSheetsWorld({ name: 'sync', sheet: SHEET, server: { tokens: [TOKEN], now: () => Date.now() + serverSkewMs } });
  ({ server, demo, scratch, school } = world);
  ext = await demo.context.newPage();
  await ext.goto(`chrome-extension://${demo.extensionId}/options.html`);
  cdp = await demo.context.newCDPSession(ext);
});

afterAll(async () => {
  await world?.close();
  console.log(
    `[sync e2e] overlay tap → row in the sheet: ${measured.tapToRowMs.join(', ')} ms; 5 logs → 5 rows: ${measured.burstToRowsMs.join(', ')} ms, ` +
      `${measured.burstLogsPerAppend} logs in one values.append (requests for the burst: ${measured.burstRequests}); ` +
      `Chromium's own re-send came ${measured.resendGapMs} ms after the cut append; whole run: ${measured.overall}`,
  );
});

const currentWorker = () => world.worker();
const logIdsInSheet = () => world.logIds();

/** How many times each id is in the Log tab. */
function countsInSheet(ids: readonly string[]): number[] {
  const all = logIdsInSheet();
  return ids.map((id) => all.filter((x) => x === id).length);
}

/** Every id in the sheet exactly once, and nothing left in the outbox. */
async function expectAllOnce(ids: readonly string[], timeoutMs = 20_000): Promise<void> {
  await waitFor(`${ids.length} logs in the sheet`, () => countsInSheet(ids).every((n) => n >= 1), timeoutMs);
  await waitFor('an empty outbox', async () => (await readStore(currentWorker(), 'outbox')).length === 0, 10_000);
  expect(countsInSheet(ids)).toEqual(ids.map(() => 1));
}

let pupils: { id: string }[] = [];
let targets: { id: string; pupilId: string }[] = [];

/** Log from an extension page through the background's router, as the overlay does (and so the 1.5 s sync runs). */
/** Which of `ids` a recorded request's body carries (an append's rows hold the Log ID as text). */
function idsIn(body: unknown, ids: readonly string[]): string[] {
  const text = JSON.stringify(body);
  return ids.filter((id) => text.includes(id));
}

/** Each log went out in exactly one append the server answered 200 (however the burst was batched). */
function expectEachInOneSuccessfulAppend(appends: readonly { status?: number; body: unknown }[], ids: readonly string[]): void {
  const ok = appends.filter((r) => r.status === 200);
  expect(ids.map((id) => ok.filter((r) => idsIn(r.body, [id]).length > 0).length)).toEqual(ids.map(() => 1));
}

/** Wait until the server has seen no request for a second: whatever sync was running has finished. */
async function syncGoesQuiet(): Promise<void> {
  let seen = -1;
  await waitFor('the sync to go quiet', async () => {
    const now = server.requests.length;
    if (now === seen) return true;
    seen = now;
    await new Promise((r) => setTimeout(r, 1000));
    return false;
  });
}

async function logSeveral(n: number, note: string): Promise<string[]> {
  if (pupils.length === 0) {
    targets = await readStore<{ id: string; pupilId: string }>(currentWorker(), 'targets');
    pupils = await readStore<{ id: string }>(currentWorker(), 'pupils');
  }
  const entries = Array.from({ length: n }, (_, i) => {
    const t = targets[i % targets.length]!;
    return { pupilId: t.pupilId, targetId: t.id, note: `${note} ${i + 1}`, staffId: demo.me };
  });
  return ext.evaluate(async (list) => {
    const ids: string[] = [];
    for (const e of list) {
      const entry = { id: crypto.randomUUID(), time: new Date().toISOString(), kind: 'Progress', rating: 'Developing', ...e };
      const r = (await chrome.runtime.sendMessage({ type: 'log/add', entry })) as { ok: boolean; error?: string };
      if (!r.ok) throw new Error(r.error);
      ids.push(entry.id);
    }
    return ids;
  }, entries);
}

declare const chrome: {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
  storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } };
  alarms: {
    create(name: string, info: { when?: number; periodInMinutes?: number }): Promise<void>;
    get(name: string): Promise<{ periodInMinutes?: number } | undefined>;
  };
};

const appends = () => server.requests.filter((r) => r.operation === 'values.append');
const rowsOf = (r: { body: unknown }) => ((r.body as { values?: unknown[] } | undefined)?.values ?? []).length;

async function openPopup(): Promise<Page> {
  const popup = await demo.context.newPage();
  await popup.goto(`chrome-extension://${demo.extensionId}/popup.html`);
  await popup.waitForSelector('#sync-state');
  return popup;
}

async function syncNow(): Promise<void> {
  const r = (await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'sync/now' }))) as { ok: boolean; started?: boolean };
  expect(r).toMatchObject({ ok: true, started: true });
}

async function setSettings(changes: Record<string, unknown>): Promise<void> {
  await ext.evaluate(async (c) => {
    const key = 'caseload.sync.settings';
    const now = (await chrome.storage.local.get(key))[key] as Record<string, unknown>;
    await chrome.storage.local.set({ [key]: { ...now, ...c } });
  }, changes);
}

describe('connecting the tracker Sheet in Options', () => {
  it('pastes the Sheet link, points the test build at the local server, reads the Sheet and replaces the imported caseload', async () => {
    const page = await demo.context.newPage();
    await page.goto(`chrome-extension://${demo.extensionId}/options.html`);
    await page.waitForSelector('#connect[data-loaded=yes]');
    expect(await page.textContent('#connect-state')).toContain('Not connected: Caseload works local-only');
    await page.fill('#sheet-link', `https://docs.google.com/spreadsheets/d/${SHEET}/edit#gid=0`);
    await page.fill('#api-root', `${server.url}/`);
    await page.fill('#api-token', TOKEN);
    await page.selectOption('#pull-minutes', '5');
    await page.click('#connect-save');
    await page.waitForSelector('#connect-result.ok', { timeout: 20_000 });
    expect(await page.textContent('#connect-result')).toContain(
      `Connected: read ${school.pupils} pupils, ${school.targets} targets and ${school.rota} rota blocks from the Sheet.`,
    );
    expect(await page.textContent('#connect-state')).toContain(`Connected to the tracker Sheet ${SHEET}`);
    // The service worker pulled: the caseload on the device now comes from the sheet, logs untouched.
    await waitFor('the caseload from the sheet', async () =>
      (await readStore<{ from?: string } | undefined>(currentWorker(), 'meta')).some((m) => m?.from === 'sheet'),
    );
    expect(await readStore(currentWorker(), 'pupils')).toHaveLength(school.pupils);
    await page.click('#test-connection');
    await page.waitForFunction(() => document.querySelector('#connect-result')?.textContent?.startsWith('Connected: read'));
    await page.close();
  });
});

describe('logs reach the Log tab exactly once', () => {
  it('a tap in the overlay is a row in the sheet within seconds, and the popup says Synced', async () => {
    const page = await demo.context.newPage();
    await page.goto(demo.urlOf('arbor'));
    await page.locator(BADGE).first().click();
    const before = new Set((await readStore<{ id: string }>(currentWorker(), 'logs')).map((l) => l.id));
    const tappedAt = Date.now();
    await page.locator('caseload-panel button[data-rating="Secure"]').first().click();
    const id = await waitFor(
      'the tapped log in the store',
      async () => (await readStore<{ id: string }>(currentWorker(), 'logs')).find((l) => !before.has(l.id))?.id,
    );
    await waitFor('the row in the sheet', () => countsInSheet([id])[0] === 1);
    measured.tapToRowMs.push(Date.now() - tappedAt);
    await expectAllOnce([id]);
    const popup = await openPopup();
    await popup.waitForSelector('#sync-state[data-state=synced]');
    expect(await popup.textContent('#sync-state')).toBe('Synced');
    await popup.close();
    await page.close();
  });

  it('a burst of taps goes in one append', async () => {
    const before = appends().length;
    const beforeAll = server.requests.length;
    const t0 = Date.now();
    const ids = await logSeveral(5, 'burst');
    await expectAllOnce(ids);
    measured.burstToRowsMs.push(Date.now() - t0);
    const sent = appends().slice(before);
    expect(sent).toHaveLength(1);
    measured.burstLogsPerAppend = rowsOf(sent[0]!);
    expect(rowsOf(sent[0]!)).toBe(5);
    // Nothing is read back after the append: readers count a Log ID once, and no row is ever deleted.
    await syncGoesQuiet();
    const ops = server.requests.slice(beforeAll).map((r) => r.operation);
    measured.burstRequests = ops.join(' + ');
    expect(ops.filter((o) => o === 'values.append')).toHaveLength(1);
    expect(ops).not.toContain('spreadsheets.batchUpdate');
  });

  it('429 with Retry-After: waits as told, then each log once', async () => {
    const before = server.requests.length;
    server.setFaults({ tooManyRequests: { count: 2, retryAfterSeconds: 1, on: ['values.append'] } });
    const ids = await logSeveral(3, '429');
    await expectAllOnce(ids);
    const mine = server.requests.slice(before).filter((r) => r.operation === 'values.append');
    expect(mine.slice(0, 3).map((r) => r.status)).toEqual([429, 429, 200]);
    expect(mine[1]!.at - mine[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(mine[2]!.at - mine[1]!.at).toBeGreaterThanOrEqual(1000);
    expectEachInOneSuccessfulAppend(mine, ids);
    server.setFaults({});
  });

  for (const status of [500, 503] as const) {
    it(`${status}: backs off, checks the sheet, sends each log once`, async () => {
      const before = server.requests.length;
      server.setFaults({ serverError: { count: 1, status, on: ['values.append'] } });
      const ids = await logSeveral(3, String(status));
      await expectAllOnce(ids);
      const ops = server.requests.slice(before).map((r) => `${r.operation}:${r.status}`);
      expect(ops).toContain(`values.append:${status}`);
      expectEachInOneSuccessfulAppend(
        server.requests.slice(before).filter((r) => r.operation === 'values.append'),
        ids,
      );
      server.setFaults({});
    });
  }

  it('dropped connection mid-answer after the write was applied: finds the rows and never appends them twice', async () => {
    // Cut after the headers: no HTTP client resends then, so the failure reaches the engine, which checks.
    const before = server.requests.length;
    server.setFaults({ dropAfterWrite: { count: 1, on: ['values.append'], midResponse: true } });
    const ids = await logSeveral(3, 'dropped');
    await expectAllOnce(ids);
    const mine = server.requests.slice(before);
    const appends = mine.filter((r) => r.operation === 'values.append');
    // A busy machine may split the burst across appends (the minute alarm or the after-log timer can fire mid-burst),
    // so what is asserted is the rule itself: no log whose append was cut off is ever sent again.
    const cut = appends.filter((r) => r.dropped === 'after-write');
    expect(cut).toHaveLength(1);
    const cutIds = idsIn(cut[0]!.body, ids);
    expect(cutIds.length).toBeGreaterThan(0);
    for (const later of appends.filter((r) => r.at > cut[0]!.at)) expect(idsIn(later.body, cutIds)).toEqual([]);
    expect(mine.some((r) => r.operation === 'values.get')).toBe(true); // the Log ID column was checked
    server.setFaults({});
  });

  it('dropped connection before any answer byte: Chromium re-sends the POST itself; the copy stays and readers count it once', async () => {
    // Cut before any byte on a reused keep-alive connection: Chromium's network stack sends the same POST again on
    // its own, the copy lands too and is answered 200, and the extension sees one clean success. Nothing deletes
    // the copy (rows are never deleted by number: the SENCo may be sorting them); effectiveLogs counts it once.
    const before = server.requests.length;
    server.setFaults({ dropAfterWrite: { count: 1, on: ['values.append'] } });
    const ids = await logSeveral(3, 'resent');
    await waitFor('every log in the sheet', () => countsInSheet(ids).every((n) => n >= 1));
    await waitFor('an empty outbox', async () => (await readStore(currentWorker(), 'outbox')).length === 0, 10_000);
    await syncGoesQuiet();
    const mine = server.requests.slice(before);
    const appendsHere = mine.filter((r) => r.operation === 'values.append');
    // The double apply happened below the extension: the cut-off append and, right after it, the same body again.
    const cutIndex = appendsHere.findIndex((r) => r.dropped === 'after-write');
    expect(cutIndex).toBeGreaterThanOrEqual(0);
    const cut = appendsHere[cutIndex]!;
    const copy = appendsHere[cutIndex + 1]!;
    expect(copy.status).toBe(200);
    expect(copy.body).toEqual(cut.body);
    measured.resendGapMs = copy.at - cut.at;
    const copied = idsIn(cut.body, ids);
    expect(copied.length).toBeGreaterThan(0);
    expect(server.requests.slice(before).some((r) => r.operation === 'spreadsheets.batchUpdate')).toBe(false);
    expect(countsInSheet(copied)).toEqual(copied.map(() => 2));
    const log = server.workbook(SHEET).sheets.find((s) => s.name === 'Log')!;
    const read = logsFromRows(log.values.slice(1), evidenceColumns(log.values[0] ?? []));
    expect(ids.map((id) => effectiveLogs(read).filter((l) => l.id === id).length)).toEqual(ids.map(() => 1));
    server.setFaults({});
  });

  it('401 with an expired token: the popup asks to sign in again, with the time; after signing in each log once', async () => {
    server.credentials.grant({ token: 'short-lived', expiresAt: Date.now() - 1 });
    await setSettings({ accessToken: 'short-lived' });
    const ids = await logSeveral(2, 'expired');
    const popup = await waitFor('the popup showing the stuck reason', async () => {
      const p = await openPopup();
      if ((await p.getAttribute('#sync-state', 'data-state')) === 'stuck') return p;
      await p.close();
      return undefined;
    });
    expect(await popup.textContent('#sync-state')).toBe(`Not synced: ${STUCK.signIn}`);
    expect(await popup.textContent('body')).toMatch(/Last tried at \d{2}:\d{2} \(just now\)\./);
    expect(await popup.textContent('[data-unsynced]')).toContain('2 logs are kept on this device');
    expect(countsInSheet(ids)).toEqual([0, 0]);
    // Signing in again (the test build's token field), then Sync now in the popup.
    await setSettings({ accessToken: TOKEN });
    await popup.click('text=Sync now');
    await expectAllOnce(ids);
    await popup.reload();
    await popup.waitForSelector('#sync-state[data-state=synced]');
    await popup.close();
  });

  it('per-minute quota: refused until the minute turns, then each log once', async () => {
    // The one write allowed this minute must be ours: let any sync still finishing from the last test settle, and
    // start on a fresh server minute, so a late write cannot take the slot on a busy machine.
    await syncGoesQuiet();
    serverSkewMs += 60_000 - ((Date.now() + serverSkewMs) % 60_000) + 100;
    server.setFaults({ quota: { writesPerMinutePerUser: 1 } });
    const first = await logSeveral(1, 'quota a');
    await expectAllOnce(first);
    const before = server.requests.length;
    const ids = await logSeveral(2, 'quota b');
    await waitFor('a quota refusal', () => server.requests.slice(before).some((r) => r.operation === 'values.append' && r.status === 429));
    expect(countsInSheet(ids)).toEqual([0, 0]);
    // Google's minute turns over (the server's clock moves to the next minute; the extension keeps backing off).
    serverSkewMs += 60_000 - ((Date.now() + serverSkewMs) % 60_000) + 100;
    await expectAllOnce(ids);
    server.setFaults({});
  });

  it('the service worker stopped mid-sync, after its append landed unanswered: the next worker checks first, no duplicates', async () => {
    // The append is applied and its answer cut off; the worker is stopped while it backs off before checking.
    // (Stopped during the fetch itself, Chromium keeps the worker alive until the answer is in.)
    server.setFaults({ dropAfterWrite: { count: 1, on: ['values.append'], midResponse: true } });
    const before = server.requests.length;
    const oldWorker = currentWorker();
    await oldWorker.evaluate(() => void ((globalThis as { __oldWorker?: boolean }).__oldWorker = true));
    const ids = await logSeveral(3, 'killed');
    await waitFor('the append applied and cut off', () =>
      server.requests.slice(before).some((r) => r.operation === 'values.append' && r.dropped === 'after-write'),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    server.setFaults({});
    expect(countsInSheet(ids)).toEqual([1, 1, 1]);
    await syncNow(); // wakes a fresh worker
    // A new worker: the mark left on the old one's global scope is gone.
    await waitFor('a fresh worker', async () => {
      for (const w of demo.context.serviceWorkers()) {
        if ((await w.evaluate(() => (globalThis as { __oldWorker?: boolean }).__oldWorker ?? 'fresh').catch(() => '')) === 'fresh')
          return true;
      }
      return false;
    });
    await expectAllOnce(ids);
    const mine = server.requests.slice(before);
    const appendsHere = mine.filter((r) => r.operation === 'values.append');
    expect(appendsHere).toHaveLength(1); // only the one cut off: the new worker read the Log ID column instead
    expect(mine.some((r) => r.operation === 'values.get' && r.at >= appendsHere[0]!.at)).toBe(true);
  });

  it('offline: logs are kept, the popup says so, and they go once the device is back online', async () => {
    await demo.context.setOffline(true);
    const before = appends().length;
    const ids = await logSeveral(4, 'offline');
    const popup = await waitFor('the popup saying offline', async () => {
      const p = await openPopup();
      if ((await p.textContent('#sync-state'))?.includes('Offline')) return p;
      await p.close();
      return undefined;
    });
    expect(await popup.textContent('#sync-state')).toBe(`Not synced: ${STUCK.offline}`);
    await popup.close();
    expect(appends().length).toBe(before);
    await demo.context.setOffline(false);
    // Back online: the worker's `online` event sends them (no tap, no alarm needed).
    await expectAllOnce(ids);
  });

  it('a read-only sheet: the popup says so; the alarm sends the logs once access is back', async () => {
    server.setReadOnly(SHEET, true);
    const ids = await logSeveral(2, 'read-only');
    const popup = await waitFor('the popup saying read-only', async () => {
      const p = await openPopup();
      if ((await p.getAttribute('#sync-state', 'data-state')) === 'stuck') return p;
      await p.close();
      return undefined;
    });
    expect(await popup.textContent('#sync-state')).toBe(`Not synced: ${STUCK.readOnly}`);
    await popup.close();
    server.setReadOnly(SHEET, false);
    // The real `caseload-sync` alarm, brought forward (unpacked builds may fire alarms within a second).
    const alarmBefore = await currentWorker().evaluate(() => chrome.alarms.get('caseload-sync'));
    expect(alarmBefore?.periodInMinutes).toBe(1);
    await currentWorker().evaluate(() => chrome.alarms.create('caseload-sync', { when: Date.now() + 500, periodInMinutes: 1 }));
    await expectAllOnce(ids, 15_000);
  });
});

describe('the CLI on the same sheet', () => {
  it('`caseload check --sheet` reads it through googleapis, and the export counts every log exactly once', async () => {
    const mine = (await readStore<{ id: string; syncedAt?: number }>(currentWorker(), 'logs'))
      .filter((l) => l.syncedAt !== undefined)
      .map((l) => l.id);
    expect(mine.length).toBeGreaterThanOrEqual(25);
    const on = ['--sheet', SHEET, '--root-url', `${server.url}/`, '--token', TOKEN];
    const check = await runCli(['check', ...on, '--json'], scratch);
    expect([0, 1]).toContain(check.code); // 1 = findings (the demo school has some on purpose), 2 = unusable
    const report = JSON.parse(check.stdout) as { findings: { tab: string; severity: string; code: string }[] };
    expect(report.findings.filter((f) => f.tab === 'Log' && f.severity === 'error')).toEqual([]);
    const exported = await runCli(['export-logs', ...on], scratch);
    expect(exported.code, exported.stderr).toBe(0);
    const { records, errors } = parseCsv(exported.stdout);
    expect(errors).toEqual([]);
    expect(records[0]?.fields[0]).toBe('Log ID');
    const csvIds = records.slice(1).map((r) => r.fields[0]);
    for (const id of mine)
      expect(
        csvIds.filter((x) => x === id),
        id,
      ).toHaveLength(1);
    const ok = appends().filter((r) => r.status === 200);
    const requests = server.requests.filter((r) => r.operation !== undefined).length;
    measured.overall = `${mine.length} logs, ${ok.length} successful appends (${(mine.length / ok.length).toFixed(2)} logs each), ${requests} API requests in all (reads, refusals and retries included)`;
  });
});
