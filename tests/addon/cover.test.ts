// "Plan cover" → "Record cover" through the built bundle in a vm over the fake spreadsheet: split cover becomes
// windowed rows, whole one-day cover fills the row's own Cover Staff ID, a longer absence is recorded for the
// planned date only, a concurrent edit is reported and left alone, and a tab without the window columns gets
// them (at the right, nothing else moved) before the rows go in.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Staff, Tracker } from '../../shared/model';
import type { CheckResult, CoverPlanView, CoverWriteResult } from '../../sheets-addon/server/api';
import { midnightIn } from '../../sheets-addon/server/zone';
import { block, buildTracker, everyDay, pupil, TODAY } from '../core/fixtures';
import { buildAddon, loadAddon, overTheWire, type Built, type Running } from './harness';
import { cloneWorkbook, sameCell, trackerWorkbook } from './workbooks';

let built: Built;
beforeAll(() => {
  built = buildAddon();
}, 60_000);

const NOW = new Date(`${TODAY}T10:00:00Z`); // Monday 23/11/2026
const TUE = '2026-11-24';

// Absence columns as set-up writes them: A Staff ID, B From, C To, D Part, E Reason, F Cover Staff ID, G Cover from, H Cover to.
const COVER = 5;
const COVER_FROM = 6;
const COVER_TO = 7;

const staff = (benPattern: string): Staff[] => [
  { id: 'AM', name: 'Amy Moss', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30' },
  { id: 'BB', name: 'Ben Bell', role: 'LSA', contractHours: 30, pattern: benPattern },
  { id: 'CC', name: 'Cara Cole', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 10:00-15:30' },
];

/** Amy is off on Tuesday morning; Ben works only until 10:00 and Cara only from 10:00, so cover must be split. */
function splitMorning(): Tracker {
  return buildTracker({
    pupils: [pupil('P1', 'Amelia', 'Hartley', { senStatus: 'E' })],
    staff: staff('Mon-Fri 08:30-10:00'),
    rota: [block('Tue', '09:00', '10:00', 'AM', '1:1', ['P1']), block('Tue', '10:00', '11:00', 'AM', '1:1', ['P1'])],
    absences: [{ staffId: 'AM', from: TUE, to: TUE, part: 'AM', reason: 'Dentist' }],
  });
}

/** The same morning, but Ben works all day, so he takes both blocks. */
function wholeMorning(): Tracker {
  const t = splitMorning();
  t.staff = staff('Mon-Fri 08:30-15:30');
  return t;
}

/** Amy is away Monday to Wednesday; her 1:1 runs 09:00–11:00 every day. */
function threeDays(): Tracker {
  return buildTracker({
    pupils: [pupil('P1', 'Amelia', 'Hartley', { senStatus: 'E' })],
    staff: staff('Mon-Fri 08:30-15:30'),
    rota: [...everyDay('09:00', '10:00', 'AM', '1:1', ['P1']), ...everyDay('10:00', '11:00', 'AM', '1:1', ['P1'])],
    absences: [{ staffId: 'AM', from: '2026-11-23', to: '2026-11-25', part: 'All day', reason: 'Illness' }],
  });
}

function unsupervised(r: Running): string[] {
  return r
    .run<CheckResult>('checkTracker')
    .findings.filter((f) => f.code === 'ROTA_PUPIL_UNSUPERVISED')
    .map((f) => f.message);
}

const on = (date: string) => (m: string) => m.includes(date);
const absenceTab = (r: Running) => r.fake.ss.sheet('Absence')!;
const setValuesCalls = (r: Running) => r.fake.rec.calls.filter((c) => c.name === 'Range.setValues');
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

describe('recording split cover', () => {
  it('records a split morning as two windowed rows in one setValues, and then nobody is unsupervised', () => {
    const r = loadAddon(built, trackerWorkbook(splitMorning()), { now: NOW });
    expect(unsupervised(r).filter(on('24/11/2026'))).toHaveLength(2);

    const view = overTheWire(r.run<CoverPlanView>('planCoverFor', TUE));
    expect(view.proposals.map((p) => [p.start, p.end, p.absentName, p.coverName, p.absenceRow])).toEqual([
      ['09:00', '10:00', 'Amy Moss', 'Ben Bell', 2],
      ['10:00', '11:00', 'Amy Moss', 'Cara Cole', 2],
    ]);
    expect(view.proposals.every((p) => p.reason.length > 0 && p.what === '1:1 with Amelia Hartley')).toBe(true);

    r.fake.rec.reset();
    const res = overTheWire(r.run<CoverWriteResult>('applyCover', TUE, view.proposals));
    expect(res.summary).toBe(
      'Cover recorded: Ben Bell 09:00–10:00, Cara Cole 10:00–11:00 for Amy Moss on 24/11/2026. Added Absence rows 3–4, beneath the absence they cover.',
    );
    expect(res).toMatchObject({ recorded: 2, setRows: [], addedRows: [3, 4], addedColumns: [], skipped: [] });

    const rows = absenceTab(r).values;
    expect(rows).toHaveLength(4);
    expect(rows[1]![COVER]).toBeNull(); // the absence's own row is left alone
    for (const [i, [who, from, to]] of [
      ['BB', '09:00', '10:00'],
      ['CC', '10:00', '11:00'],
    ].entries()) {
      const row = rows[2 + i]!;
      expect(row[0]).toBe('AM');
      expect(isDate(row[1]) && row[1].toISOString()).toBe('2026-11-24T00:00:00.000Z'); // a real date cell
      expect(isDate(row[2]) && row[2].toISOString()).toBe('2026-11-24T00:00:00.000Z');
      expect(row[3]).toBe('AM');
      expect([row[COVER], row[COVER_FROM], row[COVER_TO]]).toEqual([who, from, to]);
    }
    expect(setValuesCalls(r).map((c) => c.target)).toEqual(['A3:H4']);
    expect(r.fake.rec.writes().every((w) => w.locked)).toBe(true);
    expect(absenceTab(r).formats).toEqual(
      expect.arrayContaining([
        { range: 'B3:C4', format: 'number:dd/mm/yyyy' },
        { range: 'G3:H4', format: 'number:HH:mm' },
      ]),
    );

    expect(unsupervised(r).filter(on('24/11/2026'))).toEqual([]);
    expect(r.run<CoverPlanView>('planCoverFor', TUE).proposals).toEqual([]);
  });

  it('records only the proposals left ticked; the unticked one is still proposed afterwards', () => {
    const r = loadAddon(built, trackerWorkbook(splitMorning()), { now: NOW });
    const view = overTheWire(r.run<CoverPlanView>('planCoverFor', TUE));
    const ben = view.proposals.filter((p) => p.coverStaffId === 'BB');
    const res = r.run<CoverWriteResult>('applyCover', TUE, ben);
    expect(res.summary).toBe(
      'Cover recorded: Ben Bell 09:00–10:00 for Amy Moss on 24/11/2026. Added Absence row 3, beneath the absence they cover.',
    );
    expect(
      absenceTab(r)
        .values.slice(2)
        .map((row) => [row[COVER], row[COVER_FROM], row[COVER_TO]]),
    ).toEqual([['BB', '09:00', '10:00']]);
    expect(unsupervised(r).filter(on('24/11/2026'))).toEqual([expect.stringContaining('10:00–11:00')]);
    expect(r.run<CoverPlanView>('planCoverFor', TUE).proposals.map((p) => [p.coverStaffId, p.start])).toEqual([['CC', '10:00']]);
  });

  it('fills the row’s own Cover Staff ID when one person takes the whole one-day absence, and adds nothing', () => {
    const r = loadAddon(built, trackerWorkbook(wholeMorning()), { now: NOW });
    const view = overTheWire(r.run<CoverPlanView>('planCoverFor', TUE));
    expect(view.proposals.map((p) => p.coverStaffId)).toEqual(['BB', 'BB']);
    r.fake.rec.reset();
    const res = r.run<CoverWriteResult>('applyCover', TUE, view.proposals);
    expect(res.summary).toBe('Cover recorded: Ben Bell 09:00–11:00 for Amy Moss on 24/11/2026. Cover Staff ID filled in on Absence row 2.');
    expect(res.setRows).toEqual([2]);
    expect(res.addedRows).toEqual([]);
    const rows = absenceTab(r).values;
    expect(rows).toHaveLength(2);
    expect(rows[1]![COVER]).toBe('BB');
    expect(rows[1]![COVER_FROM] ?? null).toBeNull();
    expect(setValuesCalls(r).map((c) => c.target)).toEqual(['F2']);
    expect(r.fake.rec.writes().every((w) => w.locked)).toBe(true);
    expect(unsupervised(r)).toEqual([]);
  });

  it('records a day of a longer absence as rows for that date only: the other days are still uncovered', () => {
    const r = loadAddon(built, trackerWorkbook(threeDays()), { now: NOW });
    const before = unsupervised(r);
    for (const d of ['23/11/2026', '24/11/2026', '25/11/2026']) expect(before.filter(on(d))).toHaveLength(2);

    const view = overTheWire(r.run<CoverPlanView>('planCoverFor', TUE));
    expect(view.proposals.map((p) => [p.absenceFrom, p.absenceTo, p.coverStaffId])).toEqual([
      ['2026-11-23', '2026-11-25', 'BB'],
      ['2026-11-23', '2026-11-25', 'BB'],
    ]);
    const res = r.run<CoverWriteResult>('applyCover', TUE, view.proposals);
    expect(res.summary).toBe(
      'Cover recorded: Ben Bell 09:00–11:00 for Amy Moss on 24/11/2026. Added Absence rows 3–4, beneath the absence they cover.',
    );

    const rows = absenceTab(r).values;
    expect(rows[1]![COVER]).toBeNull(); // the three-day row never gets one name for every day
    const day = (v: unknown) => isDate(v) && v.toISOString().slice(0, 10);
    expect(rows.slice(2).map((row) => [day(row[1]), day(row[2]), row[3], row[COVER], row[COVER_FROM], row[COVER_TO]])).toEqual([
      ['2026-11-24', '2026-11-24', 'All day', 'BB', '09:00', '10:00'],
      ['2026-11-24', '2026-11-24', 'All day', 'BB', '10:00', '11:00'],
    ]);
    const after = unsupervised(r);
    expect(after.filter(on('24/11/2026'))).toEqual([]);
    expect(after.filter(on('23/11/2026'))).toHaveLength(2);
    expect(after.filter(on('25/11/2026'))).toHaveLength(2);
    expect(r.run<CoverPlanView>('planCoverFor', '2026-11-25').proposals).toHaveLength(2);
  });
});

describe('the Absence tab stays readable', () => {
  /** Amy (row 2) and Dan (row 3) are both off on Tuesday morning; Eve's absence (row 4) is another day. Ben works
   * only until 10:00 and Cara only from 10:00, so both Amy's and Dan's mornings are split. */
  function twoAbsences(): Tracker {
    const t = splitMorning();
    t.staff.push(
      { id: 'DD', name: 'Dan Dale', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30' },
      { id: 'EE', name: 'Eve East', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30' },
      { id: 'FF', name: 'Fay Ford', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 08:30-10:00' },
      { id: 'GG', name: 'Gus Gale', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 10:00-15:30' },
    );
    t.pupils.push(pupil('P2', 'Bea', 'Lowe', { senStatus: 'E' }));
    t.rota.push(block('Tue', '09:00', '10:00', 'DD', '1:1', ['P2']), block('Tue', '10:00', '11:00', 'DD', '1:1', ['P2']));
    // Eve is busy on Tuesday morning, so the only free adults then are Ben, Cara, Fay and Gus.
    t.rota.push(block('Tue', '09:00', '11:00', 'EE', 'Duty'));
    t.absences.push(
      { staffId: 'DD', from: TUE, to: TUE, part: 'AM', reason: 'Training' },
      { staffId: 'EE', from: '2026-11-26', to: '2026-11-26', part: 'All day', reason: 'Illness' },
    );
    return t;
  }

  it('puts each absence’s cover rows directly beneath it, so the tab reads one absence at a time', () => {
    const r = loadAddon(built, trackerWorkbook(twoAbsences()), { now: NOW });
    const view = overTheWire(r.run<CoverPlanView>('planCoverFor', TUE));
    expect(view.proposals).toHaveLength(4);
    r.fake.rec.reset();
    const res = overTheWire(r.run<CoverWriteResult>('applyCover', TUE, view.proposals));
    expect(res.recorded).toBe(4);
    expect(res.addedRows).toEqual([3, 4, 6, 7]);
    const rows = absenceTab(r).values.map((row) => [row[0], row[4], row[COVER] ?? null, row[COVER_FROM] ?? null]);
    expect(rows).toEqual([
      ['Staff ID', 'Reason', 'Cover Staff ID', 'Cover from'],
      ['AM', 'Dentist', null, null],
      ['AM', 'Cover planned', expect.any(String), '09:00'],
      ['AM', 'Cover planned', expect.any(String), '10:00'],
      ['DD', 'Training', null, null],
      ['DD', 'Cover planned', expect.any(String), '09:00'],
      ['DD', 'Cover planned', expect.any(String), '10:00'],
      ['EE', 'Illness', null, null],
    ]);
    // One insert and one write per absence; nothing appended at the foot of the tab.
    expect(r.fake.rec.calls.filter((c) => c.name === 'Sheet.insertRowsAfter')).toHaveLength(2);
    expect(setValuesCalls(r).map((c) => c.target)).toEqual(expect.arrayContaining(['A3:H4', 'A6:H7']));
    // The tab, read back, says what the write meant: nobody unsupervised on Tuesday, and nothing left to plan.
    expect(unsupervised(r).filter(on('24/11/2026'))).toEqual([]);
    expect(r.run<CoverPlanView>('planCoverFor', TUE).proposals).toEqual([]);
  });

  it('puts a second day’s cover after the first day’s, still beneath the absence', () => {
    const r = loadAddon(built, trackerWorkbook(threeDays()), { now: NOW });
    r.run<CoverWriteResult>('applyCover', TUE, overTheWire(r.run<CoverPlanView>('planCoverFor', TUE)).proposals);
    r.run<CoverWriteResult>('applyCover', '2026-11-25', overTheWire(r.run<CoverPlanView>('planCoverFor', '2026-11-25')).proposals);
    const day = (v: unknown) => isDate(v) && v.toISOString().slice(0, 10);
    expect(
      absenceTab(r)
        .values.slice(1)
        .map((row) => [row[0], day(row[1]), row[COVER_FROM] ?? null]),
    ).toEqual([
      ['AM', '2026-11-23', null],
      ['AM', '2026-11-24', '09:00'],
      ['AM', '2026-11-24', '10:00'],
      ['AM', '2026-11-25', '09:00'],
      ['AM', '2026-11-25', '10:00'],
    ]);
  });
});

describe('the fake spreadsheet inserts rows as Google does', () => {
  it('moves what is below down, grows a range holding the row above, and refuses out-of-bounds positions', () => {
    const r = loadAddon(built, trackerWorkbook(threeDays()), { now: NOW });
    r.run('setUpTracker');
    const tab = absenceTab(r);
    tab.values.push(['ZZ', null, null, 'AM']); // row 3
    tab.notes.set('2,0', 'a note on row 3');
    const grown = tab.validations.filter((v) => v.row <= 2 && v.row + v.numRows - 1 >= 2);
    expect(grown.length).toBeGreaterThan(0); // set-up's drop-downs and date rules cover the data rows
    const ends = grown.map((v) => v.row + v.numRows);
    const maxRows = tab.getMaxRows();
    tab.insertRowsAfter(2, 2);
    expect(tab.values.map((row) => row[0] ?? null)).toEqual(['Staff ID', 'AM', null, null, 'ZZ']);
    expect([...tab.notes]).toEqual([['4,0', 'a note on row 3']]);
    expect(grown.map((v) => v.row + v.numRows)).toEqual(ends.map((e) => e + 2));
    expect(tab.getMaxRows()).toBe(maxRows + 2);
    expect(() => tab.insertRowsAfter(0, 1)).toThrow(/out of bounds/);
    expect(() => tab.insertRowsAfter(tab.getMaxRows() + 1, 1)).toThrow(/out of bounds/);
  });
});

describe('what changed meanwhile', () => {
  it('reports, and does not overwrite, cover someone typed into the row after the plan was made', () => {
    const r = loadAddon(built, trackerWorkbook(wholeMorning()), { now: NOW });
    const view = overTheWire(r.run<CoverPlanView>('planCoverFor', TUE));
    absenceTab(r).values[1]![COVER] = 'CC'; // a colleague names Cara in the sheet while the sidebar is open
    r.fake.rec.reset();
    const res = r.run<CoverWriteResult>('applyCover', TUE, view.proposals);
    expect(res.recorded).toBe(0);
    expect(res.summary).toBe('No cover was recorded.');
    expect(res.skipped).toHaveLength(2);
    for (const s of res.skipped)
      expect(s).toMatch(
        /^Not recorded: Ben Bell \d\d:\d\d–\d\d:\d\d for Amy Moss\. Absence row 2 now names CC as cover, so it was left as it is\.$/,
      );
    expect(absenceTab(r).values[1]![COVER]).toBe('CC');
    expect(absenceTab(r).values).toHaveLength(2);
    expect(r.fake.rec.writes()).toEqual([]);
  });

  it('does not record split cover twice when a second person records the same plan', () => {
    const r = loadAddon(built, trackerWorkbook(splitMorning()), { now: NOW });
    const view = overTheWire(r.run<CoverPlanView>('planCoverFor', TUE));
    r.run<CoverWriteResult>('applyCover', TUE, view.proposals);
    const again = r.run<CoverWriteResult>('applyCover', TUE, view.proposals);
    expect(again.recorded).toBe(0);
    expect(again.skipped).toEqual([
      'Not recorded: Ben Bell 09:00–10:00 for Amy Moss. Ben Bell is already named for it on Absence row 3.',
      'Not recorded: Cara Cole 10:00–11:00 for Amy Moss. Cara Cole is already named for it on Absence row 4.',
    ]);
    expect(absenceTab(r).values).toHaveLength(4);
  });
});

describe('an Absence tab from before cover windows', () => {
  it('gets "Cover from" and "Cover to" added at the right, existing cells untouched, then the rows aligned to it', () => {
    const wb = trackerWorkbook(splitMorning());
    const sheet = wb.sheets.find((s) => s.name === 'Absence')!;
    // An older tab: no window columns, and a column of the school's own (Notes) where they would have gone.
    sheet.values = sheet.values.map((row, i) => [...row.slice(0, 6), i === 0 ? 'Notes' : 'Phoned in at 07:40']);
    const before = cloneWorkbook(wb).sheets.find((s) => s.name === 'Absence')!.values;
    const r = loadAddon(built, wb, { now: NOW });
    const view = overTheWire(r.run<CoverPlanView>('planCoverFor', TUE));
    expect(view.proposals).toHaveLength(2);
    r.fake.rec.reset();
    const res = r.run<CoverWriteResult>('applyCover', TUE, view.proposals);
    expect(res.addedColumns).toEqual(['Added columns "Cover from", "Cover to" to Absence (H1:I1).']);
    expect(res.addedRows).toEqual([3, 4]);

    const rows = absenceTab(r).values;
    expect(rows[0]).toEqual(['Staff ID', 'From', 'To', 'Part', 'Reason', 'Cover Staff ID', 'Notes', 'Cover from', 'Cover to']);
    for (let c = 0; c < before[1]!.length; c++) expect(sameCell(rows[1]![c] ?? null, before[1]![c] ?? null), `B${c}`).toBe(true);
    expect(rows[1]![7] ?? null).toBeNull();
    expect(rows.slice(2).map((row) => [row[COVER], row[6], row[7], row[8]])).toEqual([
      ['BB', null, '09:00', '10:00'],
      ['CC', null, '10:00', '11:00'],
    ]);
    // The header cells, then all the new rows: two setValues.
    expect(setValuesCalls(r).map((c) => c.target)).toEqual(['H1:I1', 'A3:I4']);
    expect(r.fake.rec.writes().every((w) => w.locked)).toBe(true);
    expect(unsupervised(r).filter(on('24/11/2026'))).toEqual([]);
  });

  it('keeps dates as the tab holds them: text dd/mm/yyyy stays text dd/mm/yyyy', () => {
    const wb = trackerWorkbook(splitMorning());
    const sheet = wb.sheets.find((s) => s.name === 'Absence')!;
    sheet.values[1]![1] = '24/11/2026';
    sheet.values[1]![2] = '24/11/2026';
    const r = loadAddon(built, wb, { now: NOW });
    const view = overTheWire(r.run<CoverPlanView>('planCoverFor', TUE));
    r.fake.rec.reset();
    r.run<CoverWriteResult>('applyCover', TUE, view.proposals);
    expect(
      absenceTab(r)
        .values.slice(2)
        .map((row) => [row[1], row[2]]),
    ).toEqual([
      ['24/11/2026', '24/11/2026'],
      ['24/11/2026', '24/11/2026'],
    ]);
    expect(absenceTab(r).formats.filter((f) => f.format === 'number:dd/mm/yyyy')).toEqual([]);
  });
});

describe('date cells in the sheet’s zone', () => {
  it('writes midnight where the spreadsheet is, in winter and in summer time', () => {
    expect(midnightIn('2026-11-24', 'Europe/London').toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(midnightIn('2026-06-15', 'Europe/London').toISOString()).toBe('2026-06-14T23:00:00.000Z');
    expect(midnightIn('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z'); // clocks go forward at 01:00
    expect(midnightIn('2026-06-15', 'America/New_York').toISOString()).toBe('2026-06-15T04:00:00.000Z');
  });
});
