// The pure grid-rota importer: school-style grids in, canonical rota blocks and located problems out.
import { describe, expect, it } from 'vitest';
import { formatTime } from '../../shared/dates';
import { importGridRota, newBlocks, parsePeriodHeader } from '../../shared/gridrota';
import type { Grid, Pupil, RotaBlock, Staff } from '../../shared/model';

const pupil = (id: string, firstName: string, lastName: string, extra: Partial<Pupil> = {}): Pupil => ({
  id,
  firstName,
  lastName,
  areasOfNeed: [],
  senStatus: 'K',
  phaseTransfer: false,
  ...extra,
});
const PUPILS: Pupil[] = [
  pupil('P01', 'Aisha', 'Hussain', { upn: 'A123456789012' }),
  pupil('P02', 'Ben', 'Jones'),
  pupil('P03', 'Chloé', 'Martin'),
  pupil('P04', 'Adam', 'Hill'),
  pupil('P05', 'Zara', 'Okoro'),
];
const STAFF: Staff[] = [
  { id: 'S01', name: 'Anne Smith' },
  { id: 'S02', name: 'Tom Baker' },
  { id: 'S03', name: 'Priya Shah' },
];
const tracker = { pupils: PUPILS, staff: STAFF };

const show = (b: RotaBlock) =>
  `${b.day} ${formatTime(b.start)}-${formatTime(b.end)} ${b.staffId} ${b.activity} ${b.pupilIds.join(',')}${b.location ? ` @${b.location}` : ''}`;

describe('period headers', () => {
  it('reads labels and times in the usual spellings', () => {
    expect(parsePeriodHeader('P1 08:50-09:50')).toEqual({ start: 530, end: 590, label: 'P1' });
    expect(parsePeriodHeader('Break 10.50 – 11.05')).toEqual({ start: 650, end: 665, label: 'Break' });
    expect(parsePeriodHeader('Period 5 (1.15-2.15)')).toEqual({ start: 795, end: 855, label: 'Period 5' });
    expect(parsePeriodHeader('0850-0950')).toEqual({ start: 530, end: 590, label: '' });
    expect(parsePeriodHeader('Lunch')).toBeUndefined();
    expect(parsePeriodHeader('P3 11:30-11:00')).toBe('bad-times');
  });
});

describe('cells', () => {
  const resolveCell = (text: string) => {
    return importGridRota([['Monday'], ['Staff', 'P1 09:00-10:00', 'P2 10:00-11:00'], ['Anne Smith', text]], [], tracker);
  };

  it('matches full names, "Last, First", first name and initial, ids, UPNs and accents-free spellings', () => {
    for (const [text, ids] of [
      ['Aisha Hussain', ['P01']],
      ['Hussain, Aisha', ['P01']],
      ['Aisha H', ['P01']],
      ['P02', ['P02']],
      ['A123456789012', ['P01']],
      ['Chloe Martin', ['P03']],
      ['Zara', ['P05']],
      ['ZO', ['P05']],
    ] as const) {
      const r = resolveCell(text);
      expect(r.problems, text).toEqual([]);
      expect(r.blocks[0]?.pupilIds, text).toEqual(ids);
      expect(r.blocks[0]?.activity, text).toBe('1:1');
    }
  });

  it('reports initials two pupils share, naming both, rather than guessing', () => {
    const r = resolveCell('AH');
    expect(r.blocks).toEqual([]);
    expect(r.problems).toEqual([
      { cell: 'B3', message: '"AH" could be Adam Hill (P04) or Aisha Hussain (P01): write the name or Pupil ID instead.' },
    ]);
  });

  it('makes several pupils a Group and keeps the ones it found when one is unknown', () => {
    const r = resolveCell('Ben J, Zara & Xavier');
    expect(r.blocks.map(show)).toEqual(['Mon 09:00-10:00 S01 Group P02,P05']);
    expect(r.problems).toEqual([{ cell: 'B3', message: '"Xavier" does not match any pupil on the Pupils tab.' }]);
  });

  it('maps Break, Lunch, Duty, PPA and Cover words to activities', () => {
    const act = (t: string) => resolveCell(t).blocks[0]?.activity;
    expect(act('Break')).toBe('Break');
    expect(act('Lunch')).toBe('Break');
    expect(act('Lunch duty')).toBe('Duty');
    expect(act('Playground Duty')).toBe('Duty');
    expect(act('PPA')).toBe('PPA');
    expect(act('Cover')).toBe('Cover');
    expect(resolveCell('Phonics: Ben J, Zara').blocks.map(show)).toEqual(['Mon 09:00-10:00 S01 Intervention P02,P05']);
    expect(resolveCell('ELSA Aisha Hussain').blocks.map(show)).toEqual(['Mon 09:00-10:00 S01 Intervention P01']);
    expect(resolveCell('Group: Ben Jones, Zara Okoro').blocks[0]?.activity).toBe('Group');
    expect(resolveCell('Aisha H (Library)').blocks.map(show)).toEqual(['Mon 09:00-10:00 S01 1:1 P01 @Library']);
  });

  it('leaves an unknown word as a problem, never a pupil', () => {
    const r = importGridRota(
      [
        ['Staff', 'P1 09:00-10:00'],
        ['Anne Smith', 'Swimming'],
      ],
      [],
      tracker,
      { sheetName: 'Thursday' },
    );
    expect(r.blocks).toEqual([]);
    expect(r.problems[0]).toEqual({ cell: 'Thursday!B2', message: '"Swimming" does not match any pupil on the Pupils tab.' });
  });
});

describe('whole grids', () => {
  it('reads day blocks down the sheet with merged cells spanning periods', () => {
    const grid: Grid = [
      ['Monday'],
      ['Staff', 'P1 08:50-09:50', 'P2 09:50-10:50', 'Break 10:50-11:05', 'P3 11:05-12:05', 'Lunch 12:05-13:00'],
      ['Mrs Smith', 'Aisha Hussain', '', 'Duty', 'Ben J, Zara', 'Lunch'],
      ['Tom Baker (S02)', 'PPA', 'Hill, Adam', '', 'Hill, Adam', ''],
      [],
      ['Tuesday'],
      ['Staff', 'P1 08:50-09:50', 'P2 09:50-10:50', 'Break 10:50-11:05', 'P3 11:05-12:05', 'Lunch 12:05-13:00'],
      ['PS', 'Zara Okoro', 'Zara Okoro', '', 'Phonics: Aisha H', ''],
    ];
    const r = importGridRota(grid, ['B3:C3'], tracker, { sheetName: 'Grid' });
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.blocks.map(show)).toEqual(
      [
        'Mon 08:50-10:50 S01 1:1 P01', // merged across P1 and P2
        'Mon 10:50-11:05 S01 Duty ',
        'Mon 11:05-12:05 S01 Group P02,P05',
        'Mon 12:05-13:00 S01 Break ',
        'Mon 08:50-09:50 S02 PPA ',
        'Mon 09:50-10:50 S02 1:1 P04',
        'Mon 11:05-12:05 S02 1:1 P04', // same pupil after break: not contiguous, so two blocks
        'Tue 08:50-10:50 S03 1:1 P05', // the same text carried on into the next period joins up
        'Tue 11:05-12:05 S03 Intervention P01',
      ].sort(byDayStaffStart),
    );
  });

  it('reads days across the top (a merged day cell over its periods) and a separate times row', () => {
    const grid: Grid = [
      ['', 'Monday', '', 'Tuesday', ''],
      ['Staff', 'P1', 'P2', 'P1', 'P2'],
      ['', '9:00-10:00', '10:00-11:00', '9:00-10:00', '10:00-11:00'],
      ['Anne Smith', 'AH', 'Ben Jones', 'Ben Jones', 'Ben Jones'],
      ['Tom Baker', 'Zara', '', 'Xavier Q', ''],
    ];
    const r = importGridRota(grid, ['B1:C1', 'D1:E1'], tracker, { sheetName: 'Grid' });
    expect(r.blocks.map(show)).toEqual(
      ['Mon 10:00-11:00 S01 1:1 P02', 'Mon 09:00-10:00 S02 1:1 P05', 'Tue 09:00-11:00 S01 1:1 P02'].sort(byDayStaffStart),
    );
    expect(r.problems).toEqual([
      { cell: 'Grid!B4', message: '"AH" could be Adam Hill (P04) or Aisha Hussain (P01): write the name or Pupil ID instead.' },
      { cell: 'Grid!D5', message: '"Xavier Q" does not match any pupil on the Pupils tab.' },
    ]);
  });

  it('reports unknown staff and unreadable header times with their cells', () => {
    const grid: Grid = [
      ['Wednesday'],
      ['Staff', 'P1 08:50-09:50', 'P2 9.50-9.40', 'P3 11:00-12:00', 'Assembly'],
      ['Mr Nobody', 'Aisha Hussain', '', '', ''],
      ['Anne Smith', 'Aisha Hussain', 'Ben Jones', 'Zara Okoro', 'Adam Hill'],
    ];
    const r = importGridRota(grid, [], tracker);
    expect(r.blocks.map(show)).toEqual(['Wed 08:50-09:50 S01 1:1 P01', 'Wed 11:00-12:00 S01 1:1 P05']);
    expect(r.problems).toEqual([
      { cell: 'C2', message: 'The times in "P2 9.50-9.40" could not be read: write them like 08:50-09:50.' },
      { cell: 'E2', message: '"Assembly" has no times, so this column was not imported: write it like "P1 08:50-09:50".' },
      { cell: 'A3', message: '"Mr Nobody" does not match anyone on the Staff tab, so this row was not imported.' },
    ]);
  });

  it('reads a grid without day names as every weekday, or as the day the tab is named after', () => {
    const grid: Grid = [
      ['Staff', 'P1 09:00-10:00', 'P2 10:00-11:00'],
      ['S02', 'Zara', ''],
    ];
    const every = importGridRota(grid, [], tracker);
    expect(every.blocks.map((b) => b.day)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    expect(every.notes[0]).toMatch(/same every weekday/);
    const friday = importGridRota(grid, [], tracker, { sheetName: 'Friday' });
    expect(friday.blocks.map((b) => b.day)).toEqual(['Fri']);
  });

  it('says so when there is no header row with times at all', () => {
    const r = importGridRota(
      [
        ['Name', 'Monday', 'Tuesday'],
        ['Anne Smith', 'Aisha', 'Ben'],
      ],
      [],
      tracker,
    );
    expect(r.blocks).toEqual([]);
    expect(r.problems[0]?.message).toMatch(/No header row with period times/);
  });

  it('newBlocks drops blocks already on the rota and repeats within the import', () => {
    const b: RotaBlock = { day: 'Mon', start: 540, end: 600, staffId: 'S01', activity: '1:1', pupilIds: ['P01'], needs: [] };
    const other = { ...b, staffId: 'S02' };
    expect(newBlocks([b], [b, other, { ...other }])).toEqual([other]);
  });
});

const DAY_ORDER = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
function byDayStaffStart(a: string, b: string): number {
  const [da, , sa] = a.split(' ');
  const [db, , sb] = b.split(' ');
  return DAY_ORDER.indexOf(da!) - DAY_ORDER.indexOf(db!) || (sa! < sb! ? -1 : sa! > sb! ? 1 : 0) || (a < b ? -1 : a > b ? 1 : 0);
}
