// The extension's sync pieces wired as the service worker wires them, in Node: the real IndexedDB store
// (fake-indexeddb), the fetch client, the key/value journal and the local Sheets server on a virtual clock.
import 'fake-indexeddb/auto';
import { startSheetsServer, type SheetsServerOptions } from '../../sheets-server';
import { replaceCaseload } from '../../extension/store/caseload';
import { openCaseloadDb } from '../../extension/store/db';
import { IdbLogStore } from '../../extension/store/logs';
import { recordSyncResult } from '../../extension/store/sync-state';
import { memoryArea } from '../../extension/sync/kv';
import type { RunSyncDeps } from '../../extension/sync/run-sync';
import { fetchSheets, ListTokens, SHEET, trackerWorkbook, VirtualTime } from './support';

let n = 0;

export async function startExtensionWorld(name: string, options: SheetsServerOptions = {}) {
  const time = new VirtualTime();
  const server = await startSheetsServer({ workbooks: { [SHEET]: trackerWorkbook() }, now: () => time.now(), ...options });
  const db = await openCaseloadDb(`${name}-${++n}-${Math.random().toString(36).slice(2)}`);
  const store = new IdbLogStore(db, () => time.now());
  const kv = memoryArea();
  const tokens = new ListTokens(['test-token']);
  let online = true;
  const deps = (extra: Partial<RunSyncDeps> = {}): RunSyncDeps => ({
    store,
    sheets: fetchSheets(server, tokens, { isOnline: () => online }),
    tokens,
    kv,
    sheetId: SHEET,
    pullEveryMinutes: 15,
    replaceCaseload: (data, at) => replaceCaseload(data, { db, from: 'sheet', at }),
    recordResult: (r) => recordSyncResult(db, r),
    clock: time,
    sleeper: time,
    random: () => 0.5,
    ...extra,
  });
  return { server, time, db, store, kv, deps, setOnline: (v: boolean) => (online = v) };
}
