// "Set up tracker" through the built bundle: tabs, headers, validation, formats, protection and metadata on an
// empty spreadsheet; nothing overwritten on a messy one; and a second run that writes nothing at all.
import { beforeAll, describe, expect, it } from 'vitest';
import { headerRow } from '../../shared/schema/serialise';
import { TAB_SPECS } from '../../shared/schema/tabs';
import type { Workbook } from '../../shared/workbook';
import { validTracker } from '../core/fixtures';
import { FakeConditionalFormatRuleBuilder } from './fake-apps-script/spreadsheet';
import { buildAddon, loadAddon, type Built } from './harness';
import { cloneWorkbook, sameCell, trackerWorkbook } from './workbooks';

let built: Built;
beforeAll(() => {
  built = buildAddon();
}, 60_000);

const NOW = new Date('2026-11-23T10:00:00Z');

describe('set-up on an empty spreadsheet', () => {
  it('creates every tab with its header, frozen and marked with developer metadata', () => {
    const r = loadAddon(built, { sheets: [{ name: 'Sheet1', values: [] }] }, { now: NOW });
    r.run('setUpTracker');
    const ss = r.fake.ss;
    for (const spec of TAB_SPECS) {
      const sheet = ss.sheet(spec.name);
      expect(sheet, spec.name).toBeDefined();
      expect(sheet!.values[0]).toEqual(headerRow(spec.key));
      expect(sheet!.frozenRows).toBe(1);
      expect(sheet!.metadata.find((m) => m.key === 'caseload:tab' && m.column === undefined)?.value).toBe(spec.key);
      // Each of our columns carries its field, so a renamed header is still found.
      const cols = sheet!.metadata.filter((m) => m.key === 'caseload:field').map((m) => m.value);
      expect(cols.sort()).toEqual(spec.fields.map((f) => f.key).sort());
    }
    expect(ss.sheet('Settings')!.values.map((r) => r[0])).toEqual([
      'Setting',
      'School name',
      'Evidence window days',
      'Review warning days',
      'Timezone',
      'SENCo covers',
    ]);
  });

  it('adds drop-downs for choice columns, date checks and number ranges', () => {
    const r = loadAddon(built, { sheets: [] }, { now: NOW });
    r.run('setUpTracker');
    const rota = r.fake.ss.sheet('Rota')!;
    const at = (sheetCol: number) => rota.validations.find((v) => v.column === sheetCol)?.rule;
    expect(at(1)?.type).toBe('VALUE_IN_LIST'); // Day
    expect(at(1)?.values[0]).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    expect(at(5)?.values[0]).toEqual(['1:1', 'Group', 'Intervention', 'Duty', 'Break', 'PPA', 'Cover', 'Care']);
    const log = r.fake.ss.sheet('Log')!;
    const minutes = log.validations.find((v) => v.column === 8)?.rule;
    expect(minutes?.type).toBe('NUMBER_BETWEEN');
    expect(minutes?.values).toEqual([0, 600]);
    const training = r.fake.ss.sheet('Training')!;
    expect(training.validations.find((v) => v.column === 4)?.rule?.type).toBe('DATE_IS_VALID_DATE');
    // Validation starts below the header and covers the rest of the column.
    expect(rota.validations.every((v) => v.row === 2 && v.numRows === rota.maxRows - 1)).toBe(true);
    const pupils = r.fake.ss.sheet('Pupils')!;
    expect(pupils.validations.find((v) => v.column === 6)?.rule?.values[0]).toContain('R'); // Year
  });

  it('colours overdue reviews and expired training, and protects the Log tab with a warning only', () => {
    const r = loadAddon(built, { sheets: [] }, { now: NOW });
    r.run('setUpTracker');
    const ss = r.fake.ss;
    const targets = ss.sheet('Targets')!.conditionalRules;
    expect(targets).toHaveLength(1);
    expect(targets[0]!.formula).toMatch(/\$I2<TODAY\(\)/);
    expect(targets[0]!.ranges[0]!.a1()).toMatch(/^I2:I1000$/);
    expect(ss.sheet('Training')!.conditionalRules.map((c) => c.background)).toEqual(['#f4c7c3', '#fce8b2']);
    expect(ss.sheet('Pupils')!.conditionalRules[0]!.formula).toMatch(/EDATE\(\$L2,12\)<TODAY\(\)/);
    const protections = ss.sheet('Log')!.protections;
    expect(protections).toHaveLength(1);
    expect(protections[0]!.warningOnly).toBe(true);
    expect(ss.sheet('Pupils')!.protections).toHaveLength(0);
  });

  it('writes only while holding the document lock', () => {
    const r = loadAddon(built, { sheets: [] }, { now: NOW });
    r.run('setUpTracker');
    const writes = r.fake.rec.writes();
    expect(writes.length).toBeGreaterThan(20);
    expect(writes.filter((w) => !w.locked)).toEqual([]);
    expect(r.fake.rec.lockHeld).toBe(false);
  });

  it('changes nothing the second time', () => {
    const r = loadAddon(built, { sheets: [] }, { now: NOW });
    r.run('setUpTracker');
    r.fake.rec.reset();
    r.run('setUpTracker');
    expect(r.fake.rec.writes()).toEqual([]);
    expect(r.fake.ss.toasts.at(-1)?.message).toMatch(/already set up/);
  });
});

function messyWorkbook(): Workbook {
  const wb = trackerWorkbook(validTracker());
  const pupils = wb.sheets.find((s) => s.name === 'Pupils')!;
  // Renamed tab, extra columns a SENCo added, a broken formula, a merged cell, and two of our columns missing.
  pupils.name = 'Students';
  const keep = pupils.values.map((r) => r.slice(0, 11));
  keep[0]!.push('Parent contact', 'Notes');
  keep.forEach((row, i) => {
    if (i > 0) row.push(`0117 496 00${i}`, i === 2 ? '#REF!' : `note ${i}`);
  });
  keep.push(['', '', '', '', '', '', '', '', '', '', '', '', 'merged note']);
  pupils.values = keep;
  pupils.merges = ['M8:N8'];
  const targets = wb.sheets.find((s) => s.name === 'Targets')!;
  targets.values[3]![4] = '#N/A';
  return wb;
}

describe('set-up on a messy tracker', () => {
  it('keeps every existing cell and adds missing columns after the last used one', () => {
    const wb = messyWorkbook();
    const before = cloneWorkbook(wb);
    const r = loadAddon(built, wb, { now: NOW });
    r.run('setUpTracker');
    const after = r.fake.workbook();
    for (const s of before.sheets) {
      const a = after.sheets.find((x) => x.name === s.name)!;
      expect(a, s.name).toBeDefined();
      s.values.forEach((row, ri) => {
        row.forEach((v, ci) => {
          expect(sameCell(a.values[ri]?.[ci] ?? null, v), `${s.name} row ${ri + 1} col ${ci + 1}`).toBe(true);
        });
      });
      expect(a.merges ?? []).toEqual(s.merges ?? []);
    }
    const students = after.sheets.find((s) => s.name === 'Students')!;
    expect(students.values[0]!.slice(13)).toEqual(expect.arrayContaining(['Funded 1:1 hours/week', 'Key worker', 'Phase transfer']));
    // The renamed tab was recognised (no second Pupils tab) and marked for next time.
    expect(after.sheets.some((s) => s.name === 'Pupils')).toBe(false);
    expect(students.metadata?.['caseload:tab']).toBe('pupils');
  });

  it('keeps a SENCo’s own conditional format rule when adding ours', () => {
    const wb = messyWorkbook();
    const r = loadAddon(built, wb, { now: NOW });
    const targets = r.fake.ss.sheet('Targets')!;
    // A rule someone made by hand: highlight Achieved in green.
    const builder = new FakeConditionalFormatRuleBuilder(r.fake.ss.fullEnv());
    const mine = builder.whenFormulaSatisfied('=$J2="Achieved"').setBackground('#b7e1cd').build();
    targets.conditionalRules = [mine];
    r.run('setUpTracker');
    const formulas = targets.conditionalRules.map((c) => c.formula);
    expect(formulas[0]).toBe('=$J2="Achieved"');
    expect(formulas).toHaveLength(2);
    r.fake.rec.reset();
    r.run('setUpTracker');
    expect(r.fake.rec.writes()).toEqual([]);
    expect(targets.conditionalRules.map((c) => c.formula)).toEqual(formulas);
  });

  it('leaves a tab with data but no header row alone and says so', () => {
    const wb: Workbook = { sheets: [{ name: 'Staff', values: [[], ['S01', 'Amelia Hartley']] }] };
    const r = loadAddon(built, wb, { now: NOW });
    r.run('setUpTracker');
    const staff = r.fake.ss.sheet('Staff')!;
    expect(staff.values[0]?.filter((v) => v !== null) ?? []).toEqual([]);
    expect(staff.values[1]).toEqual(['S01', 'Amelia Hartley']);
    expect(r.fake.ss.toasts.at(-1)?.message).toMatch(/Staff has data but no header row/);
  });
});
