// Every check code fires on its smallest case and is silent on the nearest one (the table is in check-cases.ts).
// The firing case must raise that code and no other, at the cells given; the near miss must differ from it in one
// value only, and raise nothing (bar the codes its row names).
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../shared/check-workbook';
import { runChecks } from '../../shared/checks';
import { CHECK_CODES, type Finding } from '../../shared/model';
import { CHECK_CASES, type CheckInput } from './check-cases';
import { TODAY } from './fixtures';

function findings(input: CheckInput): Finding[] {
  const today = input.today ?? TODAY;
  return 'grids' in input ? checkWorkbook(input.grids, today).findings : runChecks(input.tracker, today);
}

/** The paths (a.b[2].c) at which two values differ; a key present on one side only is one difference. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (Object.is(a, b)) return [];
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime() ? [] : [path];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return [path];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) =>
    differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`),
  );
}

describe('differences (the near-miss rule)', () => {
  it('counts each changed leaf once, and a key on one side only as a change', () => {
    expect(differences({ a: [1, { b: 2 }], c: 'x' }, { a: [1, { b: 3 }], c: 'x' })).toEqual(['.a[1].b']);
    expect(differences({ a: 1 }, { a: 1, d: undefined })).toEqual([]);
    expect(differences({ a: 1 }, { a: 1, d: 0 })).toEqual(['.d']);
    expect(differences([[null, '09:00']], [[null, '09:30']])).toEqual(['[0][1]']);
  });
});

describe.each(CHECK_CODES.map((code) => [code, CHECK_CASES[code]] as const))('%s', (code, row) => {
  it(`fires on ${row.fires}, and raises nothing else`, () => {
    const f = findings(row.firingInput());
    expect(f.map((x) => `${x.code} ${x.cell}`)).toEqual(row.cells.map((cell) => `${code} ${cell}`));
    if (row.message !== undefined) expect(f[0]!.message).toBe(row.message);
  });

  it(`is silent on ${row.silent}: one value away from the firing case`, () => {
    const changed = differences(row.firingInput(), row.nearMissInput());
    expect(changed, 'the near miss must differ from the firing case in exactly one value').toHaveLength(1);
    const codes = findings(row.nearMissInput()).map((x) => x.code);
    expect(codes).not.toContain(code);
    expect([...new Set(codes)].sort()).toEqual([...(row.nearMissAlso ?? [])].sort());
  });
});
