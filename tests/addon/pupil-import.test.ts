// "Import pupil list" through the built bundle: an MIS export brought into the spreadsheet as its own tab goes
// through the core's one import pipeline, as in Options and the CLI — matched pupils updated in place, new pupils
// appended, leavers listed and kept, targets and logs untouched; a duplicated ID writes nothing and names both cells.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv';
import type { CellValue, Grid } from '../../shared/model';
import type { Workbook } from '../../shared/workbook';
import { demoSchool } from '../../demo/school';
import { buildAddon, loadAddon, type Built } from './harness';
import { cloneWorkbook, trackerWorkbook } from './workbooks';

let built: Built;
beforeAll(() => {
  built = buildAddon();
}, 60_000);

const NOW = new Date('2026-11-23T12:00:00Z');

/** A CSV as Google Sheets' File › Import puts it in a tab: numbers become numbers, everything else text. */
function importedTab(csv: string): Grid {
  return parseCsv(csv.replace(/^\uFEFF/, ''))
    .records.map((r) => r.fields.map((f): CellValue => (/^\d+$/.test(f) && !/^0\d/.test(f) ? Number(f) : f)))
    .filter((row) => row.some((v) => v !== ''));
}

function withTab(name: string, values: Grid): Workbook {
  const wb = trackerWorkbook(demoSchool({ today: '2026-11-23' }));
  wb.sheets.push({ name, values });
  return wb;
}

const tabValues = (wb: { sheets: { name: string; values: Grid }[] }, name: string) => wb.sheets.find((s) => s.name === name)!.values;

describe('Import pupil list (add-on)', () => {
  it('merges a Bromcom export: updates by UPN, adds the new pupil, lists leavers, leaves targets and logs alone', () => {
    const csv = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'mis-exports', 'bromcom-students.csv'), 'utf8');
    const wb = withTab('Bromcom export', importedTab(csv));
    const before = cloneWorkbook(wb);
    const r = loadAddon(built, wb, { now: NOW });
    r.fake.ss.sheet('Bromcom export')!.activate();
    r.fake.rec.reset();
    r.run('importPupilList');

    const dialog = r.fake.dialogs.at(-1)!;
    expect(dialog.title).toBe('Import pupil list');
    expect(dialog.content).toContain('Updated Mo Iqbal (P013, matched by UPN): first name Mohammed → Mo; class 6M → 7M; year 6 → 7.');
    expect(dialog.content).toContain('New pupils (1): Petra Novak (ADNO-4325).');
    expect(dialog.content).toMatch(/Not in this file, so possibly left: .*Alfie Brennan \(P001\)/);
    expect(dialog.content).toContain('Column not used: &#39;Bromcom export&#39;!C1 &quot;Legal First Name&quot;');
    expect(r.fake.rec.writes().every((w) => w.locked)).toBe(true);

    const pupils = r.fake.ss.sheet('Pupils')!.values;
    const header = pupils[0]!.map(String);
    const col = (h: string) => header.indexOf(h);
    const mo = pupils.find((row) => row[0] === 'P013')!;
    expect([mo[col('First name')], mo[col('Last name')], mo[col('Class')], String(mo[col('Year')])]).toEqual(['Mo', 'Iqbal', '7M', '7']);
    const ids = pupils
      .slice(1)
      .map((row) => row[0])
      .filter((v) => v !== null && v !== '');
    expect(ids).toEqual([
      ...tabValues(before, 'Pupils')
        .slice(1)
        .map((row) => row[0]),
      'ADNO-4325',
    ]);
    expect(pupils.find((row) => row[0] === 'P001')!.slice(0, header.length)).toEqual(
      tabValues(before, 'Pupils')
        .find((row) => row[0] === 'P001')!
        .slice(0, header.length),
    );
    for (const tab of ['Targets', 'Log', 'Reviews', 'Rota'])
      expect(r.fake.ss.sheet(tab)!.values.slice(0, tabValues(before, tab).length), tab).toEqual(tabValues(before, tab));
  });

  it('a Pupil ID on two rows of the list: nothing is written, and both cells are named', () => {
    const wb = withTab('List', [
      ['Pupil ID', 'Forename', 'Surname', 'Reg Group', 'Year Group'],
      ['P040', 'Nia', 'Evans', 'RB', 'Reception'],
      ['P040', 'Nia', 'Evans', 'RB', 'Reception'],
    ]);
    const r = loadAddon(built, wb, { now: NOW });
    r.fake.ss.sheet('List')!.activate();
    r.fake.rec.reset();
    r.run('importPupilList');
    const content = r.fake.dialogs.at(-1)!.content;
    expect(content).toContain('List!A2 and List!A3: both are left out until you choose which row to keep.');
    expect(content).toContain('Nothing was imported');
    expect(r.fake.rec.writes()).toEqual([]);
  });

  it('refuses to import one of the tracker’s own tabs', () => {
    const r = loadAddon(built, trackerWorkbook(demoSchool({ today: '2026-11-23' })), { now: NOW });
    r.fake.ss.sheet('Pupils')!.activate();
    r.fake.rec.reset();
    r.run('importPupilList');
    expect(r.fake.dialogs.at(-1)!.content).toMatch(/one of the tracker’s own tabs/);
    expect(r.fake.rec.writes()).toEqual([]);
  });
});
