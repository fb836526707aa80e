// The sync engine against the real local Sheets server, through the extension's fetch client.
import { afterEach, describe, expect, it } from 'vitest';
import type { SheetsServer, SheetsServerOptions } from '../../sheets-server';
import { STUCK, syncOutbox, type SyncDeps } from '../../shared/sync';
import {
  appendCount,
  fetchSheets,
  ListTokens,
  makeLog,
  MemoryJournal,
  type MemoryLogStore,
  SHEET,
  sheetLogIds,
  trackerWorkbook,
  type VirtualTime,
} from './support';
import { type EngineWorld, startEngineWorld } from './engine-world';

let world: EngineWorld;
let server: SheetsServer;
let time: VirtualTime;
let store: MemoryLogStore;

async function start(options: SheetsServerOptions = {}) {
  world = await startEngineWorld(options);
  ({ server, time, store } = world);
}
afterEach(async () => world?.close());

const addLogs = (n: number, from?: number) => world.addLogs(n, from);
/** Each run with a journal of its own, unless a test passes one. */
const deps = (extra: Partial<SyncDeps> = {}): SyncDeps => world.deps({ journal: new MemoryJournal(), ...extra });

describe('syncOutbox: the usual case', () => {
  it('sends everything pending in one RAW append and empties the outbox only after the sheet confirmed', async () => {
    await start();
    await addLogs(5);
    const report = await syncOutbox(deps());
    expect(report).toMatchObject({ sent: 5, confirmed: 5, retried: 0 });
    expect(report.stuckReason).toBeUndefined();
    expect(store.outbox).toEqual([]);
    expect(sheetLogIds(server)).toEqual([1, 2, 3, 4, 5].map((i) => makeLog(i).id));
    const append = server.requests.find((r) => r.operation === 'values.append')!;
    expect(append.query).toMatchObject({ valueInputOption: ['RAW'], insertDataOption: ['INSERT_ROWS'] });
    // Finding the Log tab (spreadsheets.get + its header) and one append: three requests for five logs. Nothing is
    // read back to look for a second copy (readers count a Log ID once; nothing is ever deleted).
    expect(server.requests.map((r) => r.operation)).toEqual(['spreadsheets.get', 'values.get', 'values.append']);
    expect(report.duplicatesSeen).toBe(0);

    // A note that looks like a formula stays text.
    const cells = server.state.spreadsheets.get(SHEET)!.sheets.find((s) => s.title === 'Log')!.cells;
    expect(cells.some((row) => row.some((c) => typeof c === 'object' && c !== null))).toBe(false);
  });

  it('with the layout from last time, a run is one request: the append', async () => {
    await start();
    await addLogs(2);
    const first = await syncOutbox(deps());
    await addLogs(3, 10);
    const before = server.requests.length;
    const second = await syncOutbox(deps({ layout: first.layout! }));
    expect(second.confirmed).toBe(3);
    expect(server.requests.slice(before).map((r) => r.operation)).toEqual(['values.append']);
  });

  it('batches by maxBatch, oldest first', async () => {
    await start();
    await addLogs(45);
    const report = await syncOutbox(deps({ maxBatch: 20 }));
    expect(report.confirmed).toBe(45);
    expect(appendCount(server)).toBe(3);
    expect(sheetLogIds(server)).toEqual(Array.from({ length: 45 }, (_, i) => makeLog(i + 1).id));
  });

  it('lines rows up with a reordered header, keeps unknown columns blank, and adds the columns it lacks rather than drop values', async () => {
    const wb = trackerWorkbook();
    const log = wb.sheets.find((s) => s.name === 'Log')!;
    log.values = [['Note', 'Our own column', 'Pupil ID', 'Time', 'Kind', 'Log ID']];
    await start({ workbooks: { [SHEET]: wb } });
    await store.add(makeLog(3, { note: 'Used the visual timetable' }));
    const report = await syncOutbox(deps());
    const added = ['Target ID', 'Rating', 'Prompt', 'Minutes', 'Staff ID', 'Source'];
    expect(report.columnsAdded).toEqual(added);
    const values = server.workbook(SHEET).sheets.find((s) => s.name === 'Log')!.values;
    expect(values[0]).toEqual(['Note', 'Our own column', 'Pupil ID', 'Time', 'Kind', 'Log ID', ...added]);
    expect(values[1]).toEqual([
      'Used the visual timetable',
      null,
      'P1',
      '2026-11-23T10:03:00+00:00',
      'Progress',
      makeLog(3).id,
      'T1',
      'Developing',
      'Verbal',
      10,
      'S1',
      'mis.example/pupil',
    ]);
  });

  it('does nothing at all with an empty outbox', async () => {
    await start();
    const report = await syncOutbox(deps());
    expect(report).toEqual({ sent: 0, confirmed: 0, retried: 0, duplicatesSeen: 0, columnsAdded: [], notes: [] });
    expect(server.requests).toEqual([]);
  });

  it('finds a renamed Log tab again when the remembered one is gone', async () => {
    await start();
    await addLogs(1);
    const first = await syncOutbox(deps());
    const logSheet = server.state.spreadsheets.get(SHEET)!.sheets.find((s) => s.title === 'Log')!;
    logSheet.title = 'Evidence';
    await addLogs(1, 2);
    const second = await syncOutbox(deps({ layout: first.layout! }));
    expect(second.confirmed).toBe(1);
    expect(second.layout?.tabName).toBe('Evidence');
  });
});

describe('syncOutbox: faults', () => {
  it('429 with Retry-After: waits at least that long, then sends once', async () => {
    await start({ faults: { tooManyRequests: { count: 3, retryAfterSeconds: 5, on: ['values.append'] } } });
    await addLogs(4);
    const report = await syncOutbox(deps());
    expect(report).toMatchObject({ confirmed: 4, retried: 3 });
    expect(time.sleeps).toHaveLength(3);
    for (const s of time.sleeps) expect(s).toBeGreaterThanOrEqual(5000);
    expect(sheetLogIds(server)).toHaveLength(4);
  });

  it('backs off exponentially with jitter on 5xx and checks the sheet before resending', async () => {
    await start({ faults: { serverError: { count: 3, status: 503, on: ['values.append'] } } });
    await addLogs(3);
    const report = await syncOutbox(deps({ random: () => 0.25 }));
    expect(report.confirmed).toBe(3);
    expect(time.sleeps).toEqual([1250, 2250, 4250]);
    const ops = server.requests.map((r) => r.operation);
    // The header read, then each failed append is followed by a read of the Log ID column before the next try.
    expect(ops.filter((o) => o === 'values.get').length).toBe(1 + 3);
    expect(sheetLogIds(server)).toHaveLength(3);
  });

  it('a dropped connection after the write: finds the logs in the sheet and never appends them twice', async () => {
    await start({ faults: { dropAfterWrite: { count: 1, on: ['values.append'] } } });
    await addLogs(6);
    const report = await syncOutbox(deps());
    expect(report.confirmed).toBe(6);
    expect(appendCount(server)).toBe(1);
    expect(sheetLogIds(server)).toEqual([1, 2, 3, 4, 5, 6].map((i) => makeLog(i).id));
  });

  it('a dropped connection before anything was applied: sends again after checking', async () => {
    await start({ faults: { dropBeforeHandling: { count: 1, on: ['values.append'] } } });
    await addLogs(2);
    const report = await syncOutbox(deps());
    expect(report.confirmed).toBe(2);
    expect(sheetLogIds(server)).toHaveLength(2);
  });

  it('401: forgets the token and tries once more with a fresh one', async () => {
    await start({ tokens: ['old', 'fresh'], faults: { unauthorised: { count: 1 } } });
    await addLogs(2);
    const tokens = new ListTokens(['old', 'fresh']);
    const report = await syncOutbox(deps({ sheets: fetchSheets(server, tokens), tokens }));
    expect(report.confirmed).toBe(2);
    expect(tokens.invalidated).toEqual(['old']);
  });

  it('401 twice: stops and asks the user to sign in again, logs kept', async () => {
    await start({ tokens: ['old', 'fresh'], faults: { unauthorised: { count: 2 } } });
    await addLogs(2);
    const tokens = new ListTokens(['old', 'fresh']);
    const report = await syncOutbox(deps({ sheets: fetchSheets(server, tokens), tokens }));
    expect(report.stuckReason).toBe(STUCK.signIn);
    expect(report.stuckReason).toBe('Please sign in to Google again');
    expect(store.outbox).toHaveLength(2);
  });

  it('no token without asking the user: stops with the sign-in message before sending anything', async () => {
    await start();
    await addLogs(1);
    const report = await syncOutbox(deps({ sheets: fetchSheets(server, new ListTokens([])) }));
    expect(report.stuckReason).toBe(STUCK.signIn);
    expect(server.requests).toEqual([]);
  });

  it('403: the sheet is read-only for this user', async () => {
    await start({ readOnly: [SHEET] });
    await addLogs(2);
    const report = await syncOutbox(deps());
    expect(report.stuckReason).toBe('Google says the sheet is read-only for you');
    expect(store.outbox).toHaveLength(2);
  });

  it('404: the sheet link is wrong', async () => {
    await start();
    await addLogs(1);
    const sheets = fetchSheets(server);
    (sheets as unknown as { o: { spreadsheetId: string } }).o.spreadsheetId = 'no-such-sheet';
    const report = await syncOutbox(deps({ sheets }));
    expect(report.stuckReason).toBe('The tracker sheet was not found — check the sheet link in Options');
  });

  it('offline: stops at once, sends nothing, keeps everything', async () => {
    await start();
    await addLogs(3);
    const report = await syncOutbox(deps({ sheets: fetchSheets(server, undefined, { isOnline: () => false }) }));
    expect(report.stuckReason).toBe("Offline — your logs are safe on this device and will sync when you're back online");
    expect(server.requests).toEqual([]);
    expect(store.outbox).toHaveLength(3);
  });

  it('a network that keeps failing: gives up within its bounds, then a later run sends each log once', async () => {
    await start({ faults: { dropBeforeHandling: { count: 1000 } } });
    await addLogs(3);
    const report = await syncOutbox(deps({ maxRetries: 4 }));
    expect(report.stuckReason).toBe(STUCK.offline);
    expect(report.retried).toBe(4);
    expect(server.requests).toHaveLength(5);
    expect(store.outbox).toHaveLength(3);
    server.setFaults({});
    const later = await syncOutbox(deps());
    expect(later.confirmed).toBe(3);
    expect(sheetLogIds(server)).toHaveLength(3);
  });

  it('a run never outlasts maxRunMs, waits included', async () => {
    await start({ faults: { serverError: { count: 1000 } } });
    await addLogs(1);
    const t0 = time.now();
    const report = await syncOutbox(deps({ maxRunMs: 60_000, maxRetries: 100 }));
    expect(report.stuckReason).toBe(STUCK.busy);
    expect(time.now() - t0).toBeLessThanOrEqual(60_000);
  });

  it('per-minute quota: waits for the next minute and carries on', async () => {
    await start({ faults: { quota: { writesPerMinutePerUser: 1 } } });
    await addLogs(30);
    const report = await syncOutbox(deps({ maxBatch: 10 }));
    expect(report.confirmed).toBe(30);
    expect(sheetLogIds(server)).toHaveLength(30);
    expect(time.sleeps.length).toBeGreaterThan(0);
  });

  it('a store that dies between the append and markSynced (service worker killed): the next run checks via the journal', async () => {
    await start();
    await addLogs(4);
    const journal = new MemoryJournal();
    const dying = Object.create(store) as MemoryLogStore;
    dying.markSynced = async () => {
      throw new Error('service worker killed');
    };
    await expect(syncOutbox(deps({ store: dying, journal }))).rejects.toThrow('killed');
    expect(journal.ids).toHaveLength(4);
    const report = await syncOutbox(deps({ journal }));
    expect(report).toMatchObject({ sent: 0, confirmed: 4 });
    expect(journal.ids).toEqual([]);
    expect(sheetLogIds(server)).toHaveLength(4);
  });

  it('without a journal, each run checks the Log ID column before its first append', async () => {
    await start();
    await addLogs(2);
    const dying = Object.create(store) as MemoryLogStore;
    dying.markSynced = async () => {
      throw new Error('killed');
    };
    await expect(syncOutbox({ ...deps({ store: dying }), journal: undefined })).rejects.toThrow();
    const report = await syncOutbox({ ...deps(), journal: undefined });
    expect(report.confirmed).toBe(2);
    expect(sheetLogIds(server)).toHaveLength(2);
  });
});
