// A tracker set up before the Corrects and Correction columns existed: the sync adds the header cells the Log tab
// lacks (one values.update of just those cells, right of the last header cell) instead of dropping the values,
// and stops with a plain-English reason when it cannot write them.
import { afterEach, describe, expect, it } from 'vitest';
import { startSheetsServer, type SheetsServer } from '../../sheets-server';
import { voidCorrection, effectiveLogs } from '../../shared/corrections';
import type { SheetsPort } from '../../shared/ports';
import { headerRow } from '../../shared/schema/serialise';
import { STUCK, syncOutbox } from '../../shared/sync';
import { fetchSheets, makeLog, MemoryJournal, MemoryLogStore, SHEET, sheetLogs, trackerWorkbook, VirtualTime } from './support';

let server: SheetsServer;
afterEach(async () => server?.close());

/** The Log header `caseload init` wrote before corrections: Log ID … Source, plus a column the SENCo added. */
const OLD_HEADER = [
  'Log ID',
  'Time',
  'Pupil ID',
  'Target ID',
  'Kind',
  'Rating',
  'Prompt',
  'Minutes',
  'Staff ID',
  'Note',
  'Source',
  'SENCo comment',
];

async function oldTracker() {
  const wb = trackerWorkbook();
  const log = wb.sheets.find((s) => s.name === 'Log')!;
  log.values = [
    OLD_HEADER,
    ['foreign-1', '2026-11-23T09:00:00+00:00', 'P2', 'T2', 'Progress', 'Secure', 'Verbal', 5, 'S1', 'x', 'y', 'checked'],
  ];
  const time = new VirtualTime();
  server = await startSheetsServer({ workbooks: { [SHEET]: wb }, now: () => time.now() });
  const store = new MemoryLogStore();
  const deps = (sheets: SheetsPort = fetchSheets(server)) => ({
    store,
    sheets,
    clock: time,
    sleeper: time,
    random: () => 0.5,
    journal: new MemoryJournal(),
  });
  return { store, deps };
}

const logValues = () => server.workbook(SHEET).sheets.find((s) => s.name === 'Log')!.values;

describe('a Log tab without the correction columns', () => {
  it('plain logs go as before: no column is added when no value needs one', async () => {
    const { store, deps } = await oldTracker();
    await store.add(makeLog(1));
    const report = await syncOutbox(deps());
    expect(report.columnsAdded).toEqual([]);
    expect(logValues()[0]).toEqual(OLD_HEADER);
  });

  it('a correction: Corrects and Correction are added right of the last header in one values.update, then the row lands whole', async () => {
    const { store, deps } = await oldTracker();
    const original = makeLog(1);
    await store.add(original);
    const first = await syncOutbox(deps());
    const correction = voidCorrection(original, {
      id: 'c0000000-0000-4000-8000-000000000001',
      time: '2026-11-23T10:05:00+00:00',
      staffId: 'S1',
    });
    await store.add(correction);
    const before = server.requests.length;
    // With the layout remembered from the first run: it is read again before row 1 is written.
    const report = await syncOutbox({ ...deps(), layout: first.layout! });
    expect(report).toMatchObject({ confirmed: 1, columnsAdded: ['Corrects', 'Correction'] });
    const ops = server.requests.slice(before);
    expect(ops.map((r) => r.operation)).toEqual([
      'spreadsheets.get',
      'values.get',
      'values.update',
      'spreadsheets.get',
      'values.get',
      'values.append',
    ]);
    const update = ops.find((r) => r.operation === 'values.update')!;
    expect(decodeURIComponent(update.path)).toMatch(/\/values\/Log!M1:N1$/);
    expect(update.query).toMatchObject({ valueInputOption: ['RAW'] });
    const values = logValues();
    expect(values[0]).toEqual([...OLD_HEADER, 'Corrects', 'Correction']);
    // The SENCo's own column and row are untouched; the correction row carries Corrects and Correction.
    expect(values[1]![11]).toBe('checked');
    expect(values.at(-1)!.slice(12)).toEqual([original.id, 'Void']);
    expect(effectiveLogs(sheetLogs(server)).map((l) => l.id)).toEqual(['foreign-1']);
  });

  it('someone added the columns since the layout was remembered: nothing is written to row 1', async () => {
    const { store, deps } = await oldTracker();
    await store.add(makeLog(1));
    const first = await syncOutbox(deps());
    const sheet = server.state.spreadsheets.get(SHEET)!.sheets.find((s) => s.title === 'Log')!;
    sheet.cells[0]![12] = 'Correction';
    sheet.cells[0]![13] = 'Corrects';
    await store.add(voidCorrection(makeLog(1), { id: 'c0000000-0000-4000-8000-000000000002', time: '2026-11-23T10:05:00+00:00' }));
    const report = await syncOutbox({ ...deps(), layout: first.layout! });
    expect(report.columnsAdded).toEqual([]);
    expect(server.requests.some((r) => r.operation === 'values.update')).toBe(false);
    expect(logValues().at(-1)!.slice(12)).toEqual(['Void', makeLog(1).id]);
  });

  it('a transport that cannot write row 1: stops with a reason naming the columns, sends nothing, keeps the correction', async () => {
    const { store, deps } = await oldTracker();
    const full = fetchSheets(server);
    const readAppendOnly: SheetsPort = {
      listTabs: () => full.listTabs(),
      readTabs: (n) => full.readTabs(n),
      appendRows: (t, r) => full.appendRows(t, r),
      readRange: (r) => full.readRange(r),
    };
    await store.add(voidCorrection(makeLog(1), { id: 'c0000000-0000-4000-8000-000000000003', time: '2026-11-23T10:05:00+00:00' }));
    const report = await syncOutbox(deps(readAppendOnly));
    expect(report.stuckReason).toBe(STUCK.missingColumns('Log', ['Corrects', 'Correction']));
    expect(report.stuckReason).toContain('"Corrects" or "Correction"');
    expect(report.sent).toBe(0);
    expect(store.outbox).toHaveLength(1);
    expect(server.requests.some((r) => r.operation === 'values.append')).toBe(false);
  });

  it('a new tracker already has both columns, after Source', () => {
    const h = headerRow('log');
    expect(h.slice(h.indexOf('Source') + 1, h.indexOf('Source') + 3)).toEqual(['Corrects', 'Correction']);
  });
});
