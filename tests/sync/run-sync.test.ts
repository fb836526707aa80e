// The extension's sync run in Node: the real IndexedDB store (fake-indexeddb), the fetch client, the key/value
// journal and the local Sheets server with faults — the same pieces the service worker wires together.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SheetsServer, SheetsServerOptions } from '../../sheets-server';
import { STUCK } from '../../shared/sync';
import type { IdbLogStore } from '../../extension/store/logs';
import { readCaseload } from '../../extension/store/caseload';
import { readSyncState } from '../../extension/store/sync-state';
import { KEYS } from '../../extension/sync/kv';
import { runSync, serialisedRuns } from '../../extension/sync/run-sync';
import { startExtensionWorld } from './extension-world';
import { makeLog, SHEET, sheetLogIds } from './support';

let server: SheetsServer;
afterEach(async () => server?.close());

async function world(options: SheetsServerOptions = {}) {
  const w = await startExtensionWorld('run-sync', options);
  server = w.server;
  return w;
}

describe('runSync', () => {
  it('sends the outbox, pulls the caseload into the store and records the sync', async () => {
    const w = await world();
    for (let i = 1; i <= 3; i++) await w.store.add(makeLog(i));
    const result = await runSync(w.deps());
    expect(result).toMatchObject({ pulled: true, report: { confirmed: 3 } });
    expect(sheetLogIds(server)).toHaveLength(3);
    const caseload = await readCaseload(w.db);
    expect(caseload.pupils.map((p) => p.id).sort()).toEqual(['P1', 'P2', 'P3']);
    expect(caseload.source?.from).toBe('sheet');
    const state = await readSyncState(w.db);
    expect(state).toEqual({ lastSyncAt: w.time.now(), unsynced: 0 });
    // The Log tab's place is remembered, so the next run is one append.
    await w.store.add(makeLog(4));
    const before = server.requests.length;
    await runSync(w.deps());
    expect(server.requests.slice(before).map((r) => r.operation)).toEqual(['values.append']);
  });

  it('pulls again only when due, or when asked', async () => {
    const w = await world();
    await runSync(w.deps());
    const gets = () => server.requests.filter((r) => r.operation === 'values.batchGet').length;
    expect(gets()).toBe(1);
    await runSync(w.deps());
    expect(gets()).toBe(1);
    await runSync(w.deps(), { pullNow: true });
    expect(gets()).toBe(2);
    w.time.t += 15 * 60_000;
    await runSync(w.deps());
    expect(gets()).toBe(3);
  });

  it('local-only mode touches nothing', async () => {
    const w = await world();
    await w.store.add(makeLog(1));
    expect(await runSync(w.deps({ sheetId: undefined }))).toEqual({ skipped: 'local-only' });
    expect(server.requests).toEqual([]);
  });

  it('offline: records the reason for the popup, and the next run online sends everything once', async () => {
    const w = await world();
    for (let i = 1; i <= 2; i++) await w.store.add(makeLog(i));
    w.setOnline(false);
    const stuck = await runSync(w.deps());
    expect(stuck.error).toBe(STUCK.offline);
    expect(await readSyncState(w.db)).toEqual({ lastError: STUCK.offline, lastErrorAt: w.time.now(), unsynced: 2 });
    w.setOnline(true);
    await runSync(w.deps());
    expect(await readSyncState(w.db)).toMatchObject({ unsynced: 0, lastSyncAt: w.time.now() });
    expect(sheetLogIds(server)).toHaveLength(2);
  });

  it('a run killed after the append (worker stopped): the journal in storage makes the next run check first', async () => {
    const w = await world();
    for (let i = 1; i <= 5; i++) await w.store.add(makeLog(i));
    // The worker dies after the sheet took the append and before the outbox heard: the run never finishes.
    const killed = Object.assign(Object.create(w.store) as IdbLogStore, {
      markSynced: () => Promise.reject(new Error('worker stopped')),
    });
    await expect(runSync(w.deps({ store: killed }))).rejects.toThrow('worker stopped');
    expect(((await w.kv.get(KEYS.inFlight)) as string[]).length).toBe(5);
    const result = await runSync(w.deps());
    expect(result.report).toMatchObject({ sent: 0, confirmed: 5 });
    expect(sheetLogIds(server)).toHaveLength(5);
    expect(await w.kv.get(KEYS.inFlight)).toBeUndefined();
  });

  it('read-only sheet: the popup learns why', async () => {
    const w = await world({ readOnly: [SHEET] });
    await w.store.add(makeLog(1));
    const result = await runSync(w.deps());
    expect(result.error).toBe(STUCK.readOnly);
    expect((await readSyncState(w.db)).lastError).toBe('Google says the sheet is read-only for you');
  });

  it('the alarm and the popup opening at once share one run', async () => {
    let calls = 0;
    let release!: () => void;
    const run = serialisedRuns(async () => {
      calls++;
      await new Promise<void>((r) => (release = r));
      return calls;
    });
    const a = run.join();
    const b = run.join();
    release();
    expect(await Promise.all([a, b])).toEqual([1, 1]);
    const c = run.join();
    release();
    expect(await c).toBe(2);
  });

  it('"Sync now" during a run runs once more after it, with the latest options; calls meanwhile share that run', async () => {
    const seen: string[] = [];
    const releases: Array<() => void> = [];
    const run = serialisedRuns(async (why: string) => {
      seen.push(why);
      await new Promise<void>((r) => releases.push(r));
      if (why === 'alarm') throw new Error('403: not shared yet');
      return why;
    });
    const alarm = run.join('alarm');
    const first = run.fresh('sync now');
    const second = run.fresh('sync now again');
    const joined = run.join('popup'); // joins the run going now, not the follow-up
    expect(seen).toEqual(['alarm']);
    releases[0]?.();
    await expect(alarm).rejects.toThrow('not shared yet');
    await expect(joined).rejects.toThrow('not shared yet');
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['alarm', 'sync now again']); // the follow-up starts even though the run before failed
    releases[1]?.();
    expect(await Promise.all([first, second])).toEqual(['sync now again', 'sync now again']);
    const idle = run.fresh('later');
    releases[2]?.();
    expect(await idle).toBe('later'); // nothing going: starts at once
    expect(seen).toHaveLength(3);
  });
});
