// The sync engine's world in Node, as the engine tests share it: the local Sheets server holding the tracker, on a
// virtual clock, an in-memory outbox and journal, and the engine's dependencies wired to them. (The extension's
// own pieces, IndexedDB and the key/value journal, are wired in extension-world.ts.)
import { startSheetsServer, type SheetsServer, type SheetsServerOptions } from '../../sheets-server';
import type { SyncDeps } from '../../shared/sync';
import { fetchSheets, makeLog, MemoryJournal, MemoryLogStore, SHEET, trackerWorkbook, VirtualTime } from './support';

export interface EngineWorld {
  server: SheetsServer;
  time: VirtualTime;
  store: MemoryLogStore;
  journal: MemoryJournal;
  /** Put logs makeLog(from) … makeLog(from + n - 1) in the outbox. */
  addLogs(n: number, from?: number): Promise<void>;
  /** syncOutbox's dependencies over this world (fetch client, virtual clock, journal), with `extra` on top. */
  deps(extra?: Partial<SyncDeps>): SyncDeps;
  close(): Promise<void>;
}

/** Start the server (the tracker under SHEET unless `options.workbooks` says otherwise) with a fresh store and journal. */
export async function startEngineWorld(options: SheetsServerOptions = {}): Promise<EngineWorld> {
  const time = new VirtualTime();
  const server = await startSheetsServer({ workbooks: { [SHEET]: trackerWorkbook() }, now: () => time.now(), ...options });
  const store = new MemoryLogStore();
  const journal = new MemoryJournal();
  return {
    server,
    time,
    store,
    journal,
    addLogs: async (n, from = 1) => {
      for (let i = from; i < from + n; i++) await store.add(makeLog(i));
    },
    deps: (extra = {}) => ({ store, sheets: fetchSheets(server), clock: time, sleeper: time, random: () => 0.5, journal, ...extra }),
    close: () => server.close(),
  };
}

/** The store as a service worker killed right after the Sheet took the logs sees it: markSynced never happens. */
export function killedBeforeMarking(store: MemoryLogStore): MemoryLogStore {
  return Object.assign(Object.create(store) as MemoryLogStore, { markSynced: async () => Promise.reject(new Error('killed')) });
}
