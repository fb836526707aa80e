import 'fake-indexeddb/auto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importCaseloadFile } from '../../extension/import/caseload-file';
import { columnIndex, decodeXml, readXlsx } from '../../extension/import/xlsx';
import { readCaseload, replaceCaseload, type Caseload } from '../../extension/store/caseload';
import { openCaseloadDb } from '../../extension/store/db';
import { combineEvidence, evidenceFor } from '../../extension/store/evidence';
import { IdbLogStore } from '../../extension/store/logs';
import { DEFAULT_SETTINGS } from '../../shared/model';
import { parseTracker } from '../../shared/schema/parse';

async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('xlsx reader', () => {
  it('reads sheet names, shared and inline text, numbers, booleans, errors and gaps', async () => {
    const bytes = await workbookBytes((wb) => {
      const s = wb.addWorksheet('Pupils');
      s.addRow(['Pupil ID', 'First name', 'Last name', 'Funded 1:1 hours/week', 'EHCP']);
      s.addRow(['P01', 'Zoë', "O'Neill & <Sons>", 12.5, true]);
      s.getCell('G4').value = '=cmd|x';
      s.getCell('B5').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
      wb.addWorksheet('Rota').addRow(['Day', 'Start']);
    });
    const grids = await readXlsx(bytes);
    expect(Object.keys(grids)).toEqual(['Pupils', 'Rota']);
    const p = grids['Pupils']!;
    expect(p[0]).toEqual(['Pupil ID', 'First name', 'Last name', 'Funded 1:1 hours/week', 'EHCP']);
    expect(p[1]).toEqual(['P01', 'Zoë', "O'Neill & <Sons>", 12.5, true]);
    expect(p[2]).toEqual([]);
    // Text that looks like a formula stays text.
    expect(p[3]?.[6]).toBe('=cmd|x');
    expect(p[4]?.[1]).toBe('#REF!');
  });

  it('a sheet whose packed data is damaged is refused as damaged, not as a failed download', async () => {
    const bytes = await workbookBytes((wb) => {
      const s = wb.addWorksheet('Pupils');
      for (let i = 0; i < 200; i++) s.addRow([`P${i}`, `First ${i}`, `Last ${i}`]);
    });
    const { listZip } = await import('../../extension/import/zip');
    const entry = listZip(bytes).get('xl/worksheets/sheet1.xml')!;
    expect(entry.method).toBe(8); // deflated, so the bytes below are inflated by DecompressionStream
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = entry.localHeaderOffset;
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    bytes.fill(0xff, start, start + Math.min(64, entry.compressedSize)); // not a valid deflate stream
    await expect(readXlsx(bytes)).rejects.toThrow('The spreadsheet file is damaged: part of it could not be unpacked.');
  });

  it('a part that inflates past the size its directory declares is refused, not inflated on (a bomb dressed small)', async () => {
    const bytes = await workbookBytes((wb) => {
      const s = wb.addWorksheet('Pupils');
      for (let i = 0; i < 200; i++) s.addRow([`P${i}`, `First ${i}`, `Last ${i}`]);
    });
    // The central directory's entry for the sheet (ZIP APPNOTE 4.3.12): its uncompressed size, at +24, made small.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    let entry = -1;
    for (let i = 0; i + 46 + name.length <= bytes.length && entry < 0; i++) {
      if (view.getUint32(i, true) !== 0x02014b50 || view.getUint16(i + 28, true) !== name.length) continue;
      if (name.every((b, k) => bytes[i + 46 + k] === b)) entry = i;
    }
    expect(entry).toBeGreaterThan(0);
    view.setUint32(entry + 24, 100, true);
    await expect(readXlsx(bytes)).rejects.toThrow('The spreadsheet file is damaged: a part of it is larger than the file says.');
  });

  it('feeds the tracker parser: dates written by exceljs arrive as serials the parser reads', async () => {
    const bytes = await workbookBytes((wb) => {
      const pupils = wb.addWorksheet('Pupils');
      pupils.addRow(['Pupil ID', 'First name', 'Last name', 'Year', 'EHCP', 'Last annual review']);
      pupils.addRow(['P01', 'Amara', 'Okafor', '4', 'Y', new Date(Date.UTC(2026, 2, 14))]);
      const targets = wb.addWorksheet('Targets');
      targets.addRow(['Target ID', 'Pupil ID', 'Target', 'Status']);
      targets.addRow(['T01', 'P01', 'Asks for help using a help card', 'Developing']);
    });
    const { tracker } = parseTracker(await readXlsx(bytes));
    expect(tracker.pupils).toHaveLength(1);
    expect(tracker.pupils[0]).toMatchObject({ id: 'P01', firstName: 'Amara', lastAnnualReview: '2026-03-14', senStatus: 'E' });
    expect(tracker.targets[0]).toMatchObject({ id: 'T01', text: 'Asks for help using a help card' });
  });

  it('refuses a file that is not a workbook, in plain English', async () => {
    await expect(readXlsx(new TextEncoder().encode('Pupil ID,First name\nP01,Amara'))).rejects.toThrow(/not a spreadsheet/);
  });

  it('decodes entities and column letters', () => {
    expect(decodeXml('&lt;b&gt; &amp;amp; &#39; &#x41; _x000D_')).toBe("<b> &amp; ' A \r");
    expect(columnIndex('A1')).toBe(0);
    expect(columnIndex('Z9')).toBe(25);
    expect(columnIndex('AA10')).toBe(26);
  });
});

const emptyCaseload: Caseload = { pupils: [], targets: [], staff: [], rota: [], settings: { ...DEFAULT_SETTINGS } };

describe('importing a tracker .xlsx (local-only mode)', () => {
  // 12:00 UTC on 23/11/2026 is already 24/11/2026 in Auckland: "today" is the tracker's, not UTC's.
  const NOW = Date.UTC(2026, 10, 23, 12, 0);
  const trackerBytes = () =>
    workbookBytes((wb) => {
      const pupils = wb.addWorksheet('Pupils');
      pupils.addRow(['Pupil ID', 'First name', 'Last name', 'Year', 'EHCP']);
      pupils.addRow(['P01', 'Amara', 'Okafor', '4', 'Y']);
      pupils.addRow(['P02', 'Leo', 'Barnes', '5', 'Y']);
      const targets = wb.addWorksheet('Targets');
      targets.addRow(['Target ID', 'Pupil ID', 'Target', 'Status']);
      targets.addRow(['T01', 'P01', 'Asks for help using a help card', 'Developing']);
      targets.addRow(['T02', 'P02', 'Waits for a turn in a group game', 'Developing']);
      const settings = wb.addWorksheet('Settings');
      settings.addRow(['Setting', 'Value']);
      settings.addRow(['Evidence window days', 7]);
      settings.addRow(['Timezone', 'Pacific/Auckland']);
      const log = wb.addWorksheet('Log');
      log.addRow(['Log ID', 'Time', 'Pupil ID', 'Target ID', 'Kind', 'Rating', 'Prompt', 'Minutes', 'Staff ID', 'Note', 'Source']);
      log.addRow(['L1', '2026-11-16T09:00:00+13:00', 'P01', 'T01', 'Progress', 'Emerging', 'Physical']); // before the window
      log.addRow(['L2', '2026-11-17T09:00:00+13:00', 'P01', 'T01', 'Progress', 'Developing', 'Verbal']); // its first day
      log.addRow(['L3', '2026-11-24T00:30:00+13:00', 'P01', 'T01', 'Progress', 'Secure', 'Independent']); // Auckland's today
      // T02 has no log: no summary.
    });

  it('reports each step of an import as it goes, so Options can show progress on a large file', async () => {
    const steps: string[] = [];
    await importCaseloadFile('tracker.xlsx', await trackerBytes(), emptyCaseload, NOW, (s) => steps.push(s));
    expect(steps[0]).toBe('Reading the spreadsheet…');
    expect(steps[1]).toMatch(/^Checking \d+ rows…$/);
  });

  it('summarises the file’s Log per target with the core’s targetEvidence, today in the tracker’s timezone', async () => {
    const result = await importCaseloadFile('tracker.xlsx', await trackerBytes(), emptyCaseload, NOW);
    expect(result.data.settings).toMatchObject({ timezone: 'Pacific/Auckland', evidenceWindowDays: 7 });
    expect(result.data.evidence).toEqual([
      {
        targetId: 'T01',
        pupilId: 'P01',
        count: 2,
        ids: ['L2', 'L3'],
        windowDays: 7,
        asOf: '2026-11-24',
        last: { time: '2026-11-24T00:30:00+13:00', id: 'L3', rating: 'Secure', prompt: 'Independent' },
      },
    ]);
  });

  it('stores that evidence with the caseload, replacing the old summary, and the panel joins this device’s logs to it', async () => {
    const db = await openCaseloadDb(`xlsx-import-${Math.random().toString(36).slice(2)}`);
    // An earlier caseload, with a summary for a target the file no longer has.
    const old = { targetId: 'T99', pupilId: 'P99', count: 9, windowDays: 14, asOf: '2026-11-01' };
    await replaceCaseload({ pupils: [], targets: [], staff: [], rota: [], evidence: [old] }, { db, from: 'sheet', at: 1 });
    const store = new IdbLogStore(db, () => NOW);
    await store.add({ id: 'mine', time: '2026-11-24T01:00:00+13:00', pupilId: 'P01', targetId: 'T01', kind: 'Progress', rating: 'Secure' });

    const result = await importCaseloadFile('tracker.xlsx', await trackerBytes(), await readCaseload(db), NOW);
    await replaceCaseload(result.data, { db, from: 'import: tracker.xlsx', at: NOW });

    expect(await db.getAll('evidence')).toEqual(result.data.evidence!.map((e) => ({ ...e, readAt: NOW })));
    const sheet = await evidenceFor(db, ['T01', 'T02', 'T99']);
    expect(Object.keys(sheet)).toEqual(['T01']);
    const view = combineEvidence(sheet['T01'], await db.getAllFromIndex('logs', 'byTarget', 'T01'), '2026-11-24', 7);
    // The file's two logs in the window plus this device's unsent one; the latest is the device's.
    expect(view).toEqual({ count: 3, days: 7, last: { at: NOW, rating: 'Secure' } });
    db.close();
  });
});

describe('the decompression guard in the options import', () => {
  it('refuses a file whose ZIP directory declares more than the limit, before inflating', async () => {
    const { listZip } = await import('../../extension/import/zip');
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    const local = new Uint8Array(30 + name.length + 2);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(20, 2, true);
    cv.setUint32(24, 400 * 1024 * 1024, true);
    cv.setUint16(28, name.length, true);
    central.set(name, 46);
    const eocd = new Uint8Array(22);
    const ev = new DataView(eocd.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(10, 1, true);
    ev.setUint32(12, central.length, true);
    ev.setUint32(16, local.length, true);
    const bytes = new Uint8Array([...local, ...central, ...eocd]);
    expect(() => listZip(bytes)).toThrow(/more than 100 MB/);
  });
});
