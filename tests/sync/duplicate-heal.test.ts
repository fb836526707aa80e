// A request sent twice below the engine: the transport re-sends an append on its own (Chromium does, for a POST
// on a reused keep-alive connection that closed before any answer byte), both copies land, and the engine sees
// one clean 200. Node's fetch does not re-send (it reports the drop: see the first test), so the local server's
// `duplicateAppend` fault applies the append twice the way the browser's re-send does. The engine verifies every
// append and deletes second copies of its own logs only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSheetsServer, type SheetsServer, type SheetsServerOptions } from '../../sheets-server';
import { NOTES, syncOutbox, type SyncDeps } from '../../shared/sync';
import type { SheetsPort } from '../../shared/ports';
import { appendCount, fetchSheets, makeLog, MemoryJournal, MemoryLogStore, SHEET, sheetLogIds, trackerWorkbook, VirtualTime } from './support';

let server: SheetsServer;
let time: VirtualTime;
let store: MemoryLogStore;
let journal: MemoryJournal;

async function start(options: SheetsServerOptions = {}) {
  time = new VirtualTime();
  server = await startSheetsServer({ workbooks: { [SHEET]: trackerWorkbook() }, now: () => time.now(), ...options });
}
beforeEach(() => {
  store = new MemoryLogStore();
  journal = new MemoryJournal();
});
afterEach(async () => server?.close());

async function addLogs(n: number, from = 1) {
  for (let i = from; i < from + n; i++) await store.add(makeLog(i));
}
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => makeLog(from + i).id);

function deps(extra: Partial<SyncDeps> = {}): SyncDeps {
  return { store, sheets: fetchSheets(server), clock: time, sleeper: time, random: () => 0.5, journal, ...extra };
}

/** A row for the Log tab as another device would append it (Log ID is the tracker's first Log column). */
const foreignRow = (id: string) => [id, '2026-11-23T10:00:30+00:00', 'P2', 'T2', 'Progress', 'Secure', 'None', 5, 'S1', 'other device', 'x'];

describe('Node fetch and the default dropAfterWrite', () => {
  it('undici reports the drop instead of re-sending the POST: one append, the engine checks and never duplicates', async () => {
    await start();
    await addLogs(1);
    const first = await syncOutbox(deps()); // opens a keep-alive connection the next append reuses
    server.setFaults({ dropAfterWrite: { count: 1, on: ['values.append'] } });
    await addLogs(3, 2);
    const before = server.requests.length;
    const report = await syncOutbox(deps({ layout: first.layout! }));
    expect(report.retried).toBe(1); // the failure reached the engine
    const appends = server.requests.slice(before).filter((r) => r.operation === 'values.append');
    expect(appends.map((r) => r.dropped ?? r.status)).toEqual(['after-write']);
    expect(sheetLogIds(server)).toEqual(ids(1, 4));
  });
});

describe('an append applied twice below the engine', () => {
  it('is healed: each log once, the first copies kept, with one delete request', async () => {
    await start({ faults: { duplicateAppend: { count: 1 } } });
    await addLogs(4);
    const report = await syncOutbox(deps());
    expect(report).toMatchObject({ sent: 4, confirmed: 4, retried: 0, duplicatesRemoved: 4 });
    expect(report.notes).toEqual([NOTES.removed(4)]);
    expect(appendCount(server)).toBe(2); // the server did see it twice
    expect(sheetLogIds(server)).toEqual(ids(1, 4));
    const ops = server.requests.map((r) => r.operation);
    expect(ops).toEqual(['spreadsheets.get', 'values.get', 'values.append', 'values.append', 'values.get', 'spreadsheets.batchUpdate']);
    // The second copy (rows 6–9, what the 200 reported) goes, in one request, adjacent rows as one range.
    const del = server.requests.at(-1)!.body as { requests: { deleteDimension: { range: { dimension: string; startIndex: number; endIndex: number } } }[] };
    expect(del.requests.map((r) => r.deleteDimension.range)).toMatchObject([{ dimension: 'ROWS', startIndex: 5, endIndex: 9 }]);
    expect(journal.verify).toEqual([]);
    // Every cell of the rows kept is the log as sent (the rows left are whole rows, not a shifted mix).
    const log = server.workbook(SHEET).sheets.find((s) => s.name === 'Log')!;
    expect(log.values).toHaveLength(5);
    expect(log.values.slice(1).map((r) => r[9])).toEqual(['Note 1', 'Note 2', 'Note 3', 'Note 4']);
  });

  it("keeps another device's row that landed between the two copies, and never touches other ids, even repeated ones", async () => {
    const wb = trackerWorkbook();
    const log = wb.sheets.find((s) => s.name === 'Log')!;
    // Already in the sheet: someone else's log written twice (not ours to judge) and one single.
    log.values.push(foreignRow('foreign-dup'), foreignRow('foreign-dup'), foreignRow('foreign-single'));
    await start({ workbooks: { [SHEET]: wb }, faults: { duplicateAppend: { count: 1, between: [foreignRow('foreign-between')] } } });
    await addLogs(3);
    const report = await syncOutbox(deps());
    expect(report.duplicatesRemoved).toBe(3);
    expect(sheetLogIds(server)).toEqual(['foreign-dup', 'foreign-dup', 'foreign-single', ...ids(1, 3), 'foreign-between']);
    const between = server.workbook(SHEET).sheets.find((s) => s.name === 'Log')!.values.find((r) => r[0] === 'foreign-between')!;
    expect(between[9]).toBe('other device');
  });

  it('a batch duplicated twice over (three copies) keeps one of each', async () => {
    await start({ faults: { duplicateAppend: { count: 1 } } });
    await addLogs(2);
    const first = await syncOutbox(deps());
    expect(first.duplicatesRemoved).toBe(2);
    // Two batches in one run, both re-sent: each healed after its own append.
    server.setFaults({ duplicateAppend: { count: 2 } });
    await addLogs(6, 10);
    const second = await syncOutbox(deps({ layout: first.layout!, maxBatch: 3 }));
    expect(second.duplicatesRemoved).toBe(6);
    expect(sheetLogIds(server)).toEqual([...ids(1, 2), ...ids(10, 6)]);
  });

  it('a failed delete: logs stay confirmed, the report says so, and the next run removes the copies', async () => {
    await start({ faults: { duplicateAppend: { count: 1 }, serverError: { count: 1, status: 503, on: ['spreadsheets.batchUpdate'] } } });
    await addLogs(3);
    const report = await syncOutbox(deps());
    expect(report).toMatchObject({ confirmed: 3, duplicatesRemoved: 0 });
    expect(report.stuckReason).toBeUndefined();
    expect(report.notes).toEqual([NOTES.unchecked(3)]);
    expect(store.outbox).toEqual([]);
    expect(sheetLogIds(server)).toEqual([...ids(1, 3), ...ids(1, 3)]); // still twice, for now
    expect(journal.verify.sort()).toEqual(ids(1, 3).sort());
    // The next run, with nothing to send, sweeps the Log ID column once and deletes the copies.
    const before = server.requests.length;
    const next = await syncOutbox(deps({ layout: report.layout! }));
    expect(next).toMatchObject({ sent: 0, duplicatesRemoved: 3 });
    expect(sheetLogIds(server)).toEqual(ids(1, 3));
    expect(journal.verify).toEqual([]);
    expect(server.requests.slice(before).map((r) => r.operation)).toEqual(['values.get', 'spreadsheets.get', 'spreadsheets.batchUpdate']);
    // And a run after that costs nothing.
    const idle = server.requests.length;
    await syncOutbox(deps({ layout: report.layout! }));
    expect(server.requests.length).toBe(idle);
  });

  it('a failed verify read: the next run sweeps, while new logs still go', async () => {
    await start();
    await addLogs(1);
    const first = await syncOutbox(deps());
    server.setFaults({ duplicateAppend: { count: 1 }, serverError: { count: 1, on: ['values.get'] } });
    await addLogs(2, 2);
    const report = await syncOutbox(deps({ layout: first.layout! }));
    expect(report.notes).toEqual([NOTES.unchecked(2)]);
    expect(sheetLogIds(server)).toEqual([...ids(1, 3), ...ids(2, 2)]);
    await addLogs(1, 9);
    const next = await syncOutbox(deps({ layout: first.layout! }));
    expect(next).toMatchObject({ confirmed: 1, duplicatesRemoved: 2 });
    expect(sheetLogIds(server)).toEqual([...ids(1, 3), makeLog(9).id]);
  });

  it('the service worker killed after the duplicated append landed: the next run heals and confirms', async () => {
    await start({ faults: { duplicateAppend: { count: 1 } } });
    await addLogs(4);
    const dying = Object.create(store) as MemoryLogStore;
    dying.markSynced = async () => {
      throw new Error('service worker killed');
    };
    await expect(syncOutbox(deps({ store: dying }))).rejects.toThrow('killed');
    expect(sheetLogIds(server)).toHaveLength(8);
    const report = await syncOutbox(deps());
    expect(report).toMatchObject({ sent: 0, confirmed: 4, duplicatesRemoved: 4 });
    expect(sheetLogIds(server)).toEqual(ids(1, 4));
    expect(journal).toMatchObject({ ids: [], verify: [] });
  });

  it('without a journal, the check before resending heals a duplicate found there too', async () => {
    await start({ faults: { duplicateAppend: { count: 1 } } });
    await addLogs(2);
    const dying = Object.create(store) as MemoryLogStore;
    dying.markSynced = async () => {
      throw new Error('killed');
    };
    await expect(syncOutbox({ ...deps({ store: dying }), journal: undefined })).rejects.toThrow('killed');
    const report = await syncOutbox({ ...deps(), journal: undefined });
    expect(report).toMatchObject({ confirmed: 2, duplicatesRemoved: 2 });
    expect(sheetLogIds(server)).toEqual(ids(1, 2));
  });

  it('a port that cannot delete rows pays nothing for verifying', async () => {
    await start();
    await addLogs(2);
    const full = fetchSheets(server);
    const sheets: SheetsPort = { listTabs: () => full.listTabs(), readTabs: (n) => full.readTabs(n), appendRows: (t, r) => full.appendRows(t, r), readRange: (r) => full.readRange(r) };
    const report = await syncOutbox(deps({ sheets }));
    expect(report.confirmed).toBe(2);
    expect(server.requests.map((r) => r.operation)).toEqual(['spreadsheets.get', 'values.get', 'values.append']);
  });
});
