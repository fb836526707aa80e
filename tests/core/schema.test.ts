import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, formatUkDate, isIsoDate, weekdayOf } from '../../shared/dates';
import { emptyTracker, type Grid, type Pupil, type RotaBlock, type Tracker } from '../../shared/model';
import { a1Cell, columnIndex, columnLetters, parseRange, quoteSheetName } from '../../shared/schema/a1';
import { readDate, readTime, readTimestamp } from '../../shared/schema/cells';
import { findTabs, parseTracker } from '../../shared/schema/parse';
import { headerRow, recordsToRows, trackerToGrids } from '../../shared/schema/serialise';

const withoutRows = <T extends { row?: number }>(xs: T[]) => xs.map(({ row: _row, ...rest }) => rest);

describe('A1 notation', () => {
  it('converts columns both ways', () => {
    expect(columnLetters(0)).toBe('A');
    expect(columnLetters(25)).toBe('Z');
    expect(columnLetters(26)).toBe('AA');
    expect(columnLetters(701)).toBe('ZZ');
    expect(columnLetters(702)).toBe('AAA');
    fc.assert(fc.property(fc.integer({ min: 0, max: 20000 }), (n) => columnIndex(columnLetters(n)) === n));
  });

  it('quotes sheet names that need it', () => {
    expect(a1Cell('Rota', 2, 7)).toBe('Rota!C7');
    expect(a1Cell('Key stage 2', 1, 4)).toBe("'Key stage 2'!B4");
    expect(quoteSheetName("Mr O'Neil")).toBe("'Mr O''Neil'");
    expect(quoteSheetName('A1')).toBe("'A1'");
    expect(parseRange("'Mr O''Neil'!A1:C")).toEqual({ sheet: "Mr O'Neil", startColumn: 0, startRow: 1, endColumn: 2 });
    expect(parseRange('Log')).toEqual({ sheet: 'Log' });
    expect(parseRange('Rota!B2')).toEqual({ sheet: 'Rota', startColumn: 1, startRow: 2, endColumn: 1, endRow: 2 });
  });
});

describe('dates', () => {
  const anyDate = fc
    .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('reads dd/mm/yyyy, ISO, serial numbers and Date objects to the same day', () => {
    fc.assert(
      fc.property(anyDate, (iso) => {
        const [y, m, d] = iso.split('-');
        const serial = daysBetween('1899-12-30', iso);
        const forms = [
          iso,
          `${d}/${m}/${y}`,
          serial,
          new Date(`${iso}T00:00:00Z`),
          new Date(new Date(`${iso}T00:00:00Z`).getTime() - 3_600_000),
        ];
        return forms.every((f) => {
          const r = readDate(f);
          return r.kind === 'ok' && r.value === iso;
        });
      }),
    );
  });

  it('rejects impossible and ambiguous-looking dates with a reason', () => {
    for (const bad of ['31/02/2026', '2026-13-01', 'next Tuesday', '12', true]) {
      const r = readDate(bad);
      expect(r.kind, String(bad)).toBe('bad');
    }
    expect(readDate('').kind).toBe('blank');
  });

  it('adds days and months on the calendar', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (d, n) => daysBetween(d, addDays(d, n)) === n));
    fc.assert(fc.property(anyDate, fc.integer({ min: -60, max: 60 }), (d, n) => isIsoDate(addMonths(d, n))));
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(weekdayOf('2026-11-23')).toBe('Mon');
    expect(formatUkDate('2026-11-23')).toBe('23/11/2026');
  });

  it('reads times in the forms people type', () => {
    expect(readTime('08:15')).toEqual({ kind: 'ok', value: 495 });
    expect(readTime('8.15')).toEqual({ kind: 'ok', value: 495 });
    expect(readTime('1:30 pm')).toEqual({ kind: 'ok', value: 810 });
    expect(readTime(0.5)).toEqual({ kind: 'ok', value: 720 });
    expect(readTime(new Date(Date.UTC(1899, 11, 30, 13, 45)))).toEqual({ kind: 'ok', value: 825 });
    expect(readTime('25:00').kind).toBe('bad');
    expect(readTimestamp('2026-11-23T10:15:00+00:00')).toEqual({ kind: 'ok', value: '2026-11-23T10:15:00+00:00' });
    expect(readTimestamp('23/11/2026 10:15')).toEqual({ kind: 'ok', value: '2026-11-23T10:15:00' });
  });
});

function smallTracker(): Tracker {
  const t = emptyTracker();
  t.pupils.push({
    id: 'P1',
    firstName: 'Amelia',
    lastName: 'Hartley',
    areasOfNeed: ['C&I', 'SEMH'],
    senStatus: 'E',
    ehcpIssued: '2024-03-01',
    fundedHours: 15,
    keyWorker: 'S1',
    phaseTransfer: false,
    year: '6',
  });
  t.staff.push({ id: 'S1', name: 'Jo Patel', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 08:30-15:00' });
  t.rota.push({
    day: 'Tue',
    start: 540,
    end: 600,
    staffId: 'S1',
    activity: '1:1',
    pupilIds: ['P1'],
    needs: ['Medication'],
    location: 'Room 4',
  });
  t.settings.schoolName = 'Oakfield Primary';
  return t;
}

describe('parseTracker', () => {
  it('reads a serialised tracker back to the same records, with rows set', () => {
    const t = smallTracker();
    const res = parseTracker(trackerToGrids(t));
    expect(res.findings).toEqual([]);
    expect(res.tabs).toContain('rota');
    expect(withoutRows(res.tracker.pupils)).toEqual(t.pupils);
    expect(withoutRows(res.tracker.rota)).toEqual(t.rota);
    expect(res.tracker.rota[0]!.row).toBe(2);
    expect(res.tracker.settings.schoolName).toBe('Oakfield Primary');
    expect(res.tracker.settings.evidenceWindowDays).toBe(14);
  });

  it('finds columns in any order, by alias, keeps going past unknown columns', () => {
    const grid: Grid = [
      ['Notes from SENCo', 'surname', 'FORENAME', 'pupil id', 'Year group'],
      ['likes trains', 'Hartley', 'Amelia', 'P1', 'Year 6'],
      [null, null, null, null, null],
      ['', 'Nowak', 'Łukasz', 'P2', 'R'],
    ];
    const res = parseTracker({ Caseload: grid });
    expect(res.tabs).toEqual(['pupils']);
    expect(res.tracker.pupils.map((p) => [p.id, p.firstName, p.lastName, p.year, p.row])).toEqual([
      ['P1', 'Amelia', 'Hartley', '6', 2],
      ['P2', 'Łukasz', 'Nowak', 'R', 4],
    ]);
    expect(res.tracker.layout.pupils?.columns).toMatchObject({ id: 3, firstName: 2, lastName: 1 });
  });

  it('names the cell of every bad value and never throws', () => {
    const grid: Grid = [
      ['Day', 'Start', 'End', 'Staff ID', 'Activity', 'Pupil IDs', 'Start'],
      ['Tue', '09:00', '10:00', 'S1', '1:1', 'P1', 'x'],
      ['Funday', '9am', '25:00', 'S1', 'Juggling', 'P1'],
      ['Wed', '#REF!', '10:00', '', '1:1', 'P1'],
    ];
    const res = parseTracker({ Rota: grid });
    const byCode = (c: string) => res.findings.filter((f) => f.code === c).map((f) => f.cell);
    expect(byCode('HEADER_DUPLICATE')).toEqual(['Rota!G1']);
    expect(byCode('DATA_BAD_CHOICE')).toEqual(['Rota!A3', 'Rota!E3']);
    expect(byCode('DATA_BAD_TIME')).toEqual(['Rota!C3']);
    expect(byCode('DATA_FORMULA_ERROR')).toEqual(['Rota!B4']);
    expect(byCode('DATA_MISSING_REQUIRED')).toEqual(['Rota!D4']);
    expect(res.tracker.rota).toHaveLength(1);
    expect(res.findings.find((f) => f.code === 'DATA_MISSING_REQUIRED')?.message).toContain('Staff ID');
  });

  it('names the cell of a bad date and a bad number, and is silent on good ones', () => {
    const header = ['Staff ID', 'Training', 'Completed', 'Expires'];
    const bad = parseTracker({
      Training: [header, ['S1', 'First aid', '31/02/2026', ''], ['S1', 'Medication', '2026-01-05', 'next year']],
    });
    const cellsOf = (r: typeof bad, c: string) => r.findings.filter((f) => f.code === c).map((f) => f.cell);
    expect(cellsOf(bad, 'DATA_BAD_DATE')).toEqual(['Training!C2', 'Training!D3']);
    const good = parseTracker({ Training: [header, ['S1', 'First aid', '03/02/2026', '2029-02-03']] });
    expect(cellsOf(good, 'DATA_BAD_DATE')).toEqual([]);

    const staffHeader = ['Staff ID', 'Name', 'Role', 'Contract hours/week'];
    const badStaff = parseTracker({ Staff: [staffHeader, ['S1', 'Jo Bell', 'LSA', 'lots'], ['S2', 'Al Moss', 'TA', 999]] });
    expect(cellsOf(badStaff, 'DATA_BAD_NUMBER')).toEqual(['Staff!D2', 'Staff!D3']);
    const goodStaff = parseTracker({ Staff: [staffHeader, ['S1', 'Jo Bell', 'LSA', 32.5]] });
    expect(cellsOf(goodStaff, 'DATA_BAD_NUMBER')).toEqual([]);
  });

  it('reports a missing required column and a missing header row', () => {
    const res = parseTracker({
      Staff: [
        ['Name', 'Role'],
        ['Jo', 'LSA'],
      ],
      Pupils: [[], ['P1', 'A', 'B']],
    });
    const missing = res.findings.filter((f) => f.code === 'HEADER_MISSING');
    expect(missing.map((f) => f.cell)).toEqual(expect.arrayContaining(['Pupils!A1', 'Staff!C1', 'Rota!A1']));
    expect(missing.find((f) => f.cell === 'Staff!C1')?.severity).toBe('error');
    expect(res.tracker.staff).toEqual([]);
  });

  it('fills merged cells from their top-left value', () => {
    const grid: Grid = [headerRow('rota'), ['Mon', '09:00', '10:00', 'S1', '1:1', 'P1'], [null, '10:00', '11:00', 'S1', 'Group', 'P1']];
    const res = parseTracker({ Rota: grid }, { merges: { Rota: ['A2:A3'] } });
    expect(res.tracker.rota.map((b) => b.day)).toEqual(['Mon', 'Mon']);
    expect(grid[2]![0]).toBeNull();
  });

  it('finds a renamed tab by developer metadata', () => {
    expect(findTabs(['Who is where', 'Pupils'], { 'Who is where': { 'caseload:tab': 'rota' } })).toEqual({
      rota: 'Who is where',
      pupils: 'Pupils',
    });
  });

  it('recognises no tab in an unrelated workbook', () => {
    const res = parseTracker({ Budget: [['Item', 'Cost']] });
    expect(res.tabs).toEqual([]);
    expect(res.findings).toEqual([]);
  });
});

describe('round trips (property)', () => {
  const text = fc
    .string({ minLength: 1, maxLength: 12 })
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#') && !/[;,\n]/.test(s));
  const pupil: fc.Arbitrary<Pupil> = fc
    .record({
      id: text,
      firstName: text,
      lastName: text,
      areasOfNeed: fc.uniqueArray(fc.constantFrom('C&I', 'C&L', 'SEMH', 'S&P' as const), { maxLength: 4 }),
      senStatus: fc.constantFrom('E' as const, 'K' as const, 'N' as const),
      phaseTransfer: fc.boolean(),
      fundedHours: fc.option(
        fc.integer({ min: 0, max: 32 }).map((n) => n / 2 + 0),
        { nil: undefined },
      ),
      lastAnnualReview: fc.option(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        { nil: undefined },
      ),
    })
    .map((p) => JSON.parse(JSON.stringify(p)) as Pupil);
  const block: fc.Arbitrary<RotaBlock> = fc
    .record({
      day: fc.constantFrom('Mon', 'Tue', 'Wed', 'Thu', 'Fri' as const),
      start: fc.integer({ min: 0, max: 1438 }),
      len: fc.integer({ min: 1, max: 300 }),
      staffId: text,
      activity: fc.constantFrom('1:1', 'Group', 'Intervention', 'Duty', 'Break', 'PPA', 'Cover' as const),
      pupilIds: fc.array(text, { maxLength: 3 }),
      needs: fc.array(text, { maxLength: 2 }),
    })
    .map(({ len, ...b }) => ({ ...b, end: Math.min(1439, b.start + len) }));

  it('pupils: parse(serialise(x)) = x', () => {
    fc.assert(
      fc.property(fc.uniqueArray(pupil, { selector: (p) => p.id, maxLength: 8 }), (pupils) => {
        const t = emptyTracker();
        t.pupils = pupils;
        const back = parseTracker(trackerToGrids(t)).tracker.pupils;
        expect(withoutRows(back)).toEqual(pupils);
      }),
    );
  });

  it('rota: parse(serialise(x)) = x, whatever the column order', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), fc.integer({ min: 0, max: 1000 }), (blocks, seed) => {
        const header = headerRow('rota');
        const order = header.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
        const shuffled = order.map((i) => header[i]!);
        const grid: Grid = [shuffled, ...recordsToRows('rota', blocks, shuffled)];
        const back = parseTracker({ Rota: grid }).tracker.rota;
        expect(withoutRows(back)).toEqual(blocks.map((b) => JSON.parse(JSON.stringify(b))));
      }),
    );
  });
});

describe('local time in a zone', () => {
  it('knows British Summer Time from GMT', async () => {
    const { localDate, localTimestamp, localMinuteOfDay } = await import('../../shared/dates');
    expect(localTimestamp(Date.UTC(2026, 6, 1, 9, 15, 7))).toBe('2026-07-01T10:15:07+01:00');
    expect(localTimestamp(Date.UTC(2026, 10, 23, 9, 15, 0))).toBe('2026-11-23T09:15:00+00:00');
    // 23:30 UTC on 30 June is already 1 July in London.
    expect(localDate(Date.UTC(2026, 5, 30, 23, 30))).toBe('2026-07-01');
    expect(localMinuteOfDay(Date.UTC(2026, 5, 30, 23, 30))).toBe(30);
    // A mistyped zone in the tracker's Settings reads as Europe/London instead of failing.
    expect(localTimestamp(Date.UTC(2026, 6, 1, 9, 15, 7), 'Europe/Londno')).toBe('2026-07-01T10:15:07+01:00');
    expect(localTimestamp(Date.UTC(2026, 6, 1, 9, 15, 7), 'Asia/Kolkata')).toBe('2026-07-01T14:45:07+05:30');
    expect(localTimestamp(Date.UTC(2026, 0, 1, 2, 0, 59), 'America/St_Johns')).toBe('2025-12-31T22:30:59-03:30');
  });
});

describe('hostile and random grids (property)', () => {
  const cell = fc.oneof(
    fc.string(),
    fc.constantFrom('#REF!', '#N/A', '=1+1', '31/02/2026', 'Y', 'Mon', '09:00', '', '  '),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.date(),
  );
  it('never throws, and every finding names a cell in its tab', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Pupils', 'Rota', 'Log', 'Settings', 'Targets', 'Staff'),
        fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 12 }),
        (tab, rows) => {
          const header = rows.length % 2 === 0 ? headerRow(tab.toLowerCase().replace(/s$/, '') === 'pupil' ? 'pupils' : 'rota') : [];
          const res = parseTracker({ [tab]: [header, ...rows] });
          for (const f of res.findings) expect(f.cell).toMatch(/^('?[^!]+'?)!\$?[A-Z]+\d+$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
