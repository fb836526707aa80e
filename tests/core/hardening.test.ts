// Issue 13's core hardening: CSV formula look-alikes and invisible prefixes, impossible dates in date cells,
// and the ZIP directory guard.
import { describe, expect, it } from 'vitest';
import { escapeFormula, logsToCsv, unescapeFormula } from '../../shared/csv';
import { readDate, readTimestamp } from '../../shared/schema/cells';
import { checkZipDirectory, MAX_EXPANDED_BYTES } from '../../shared/zip-guard';
import { zipEntries } from '../support/zip';

describe('CSV export neutralises look-alike and hidden formula starts', () => {
  it.each([
    '＝1+1',
    '＋44 7700',
    '－5',
    '＠SUM(A1)',
    '\u200B=HYPERLINK("x")',
    '\uFEFF+1',
    '\u2060@cmd',
    ' =1',
    '\u00A0-2',
    '\u2212 3',
    '﹢1',
    '\u202E=1',
  ])('escapes %j', (text) => {
    expect(escapeFormula(text)).toBe(`'${text}`);
    expect(unescapeFormula(escapeFormula(text))).toBe(text);
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['Amara', 'Zoë', '3 minutes', 'note: fine', '\u200Bhello']) expect(escapeFormula(text)).toBe(text);
  });

  it('applies to notes in a log export', () => {
    const csv = logsToCsv([{ id: 'L1', time: '2026-11-23T09:00:00Z', pupilId: 'P1', kind: 'Note', note: '＝IMPORTXML("http://x")' }], {
      bom: false,
    });
    expect(csv).toContain(`'＝IMPORTXML`);
  });
});

describe('impossible dates in date-formatted cells', () => {
  const utc = (y: number, m = 0, d = 1) => new Date(Date.UTC(y, m, d));
  it('refuses 1899 (serial 0 / -1), years before 1950 and after 2099', () => {
    for (const d of [new Date(Date.UTC(1899, 11, 30)), new Date(Date.UTC(1899, 11, 29)), utc(1949, 11, 31), utc(2100), new Date(8.64e15)]) {
      const r = readDate(d);
      expect(r.kind, d.toISOString()).toBe('bad');
      if (r.kind === 'bad') expect(r.reason).toContain('impossible date');
    }
    expect(readTimestamp(new Date(8.64e15)).kind).toBe('bad');
  });
  it('accepts the edges of the window', () => {
    expect(readDate(utc(1950))).toEqual({ kind: 'ok', value: '1950-01-01' });
    expect(readDate(utc(2099, 11, 31))).toEqual({ kind: 'ok', value: '2099-12-31' });
  });
});

describe('the ZIP directory guard', () => {
  const zip = (entries: { data: Buffer; declared?: number }[]): Uint8Array =>
    new Uint8Array(zipEntries(entries.map((e, i) => ({ ...e, name: `f${i}.xml` }))));

  it('passes an ordinary archive and counts what it declares', () => {
    expect(checkZipDirectory(zip([{ data: Buffer.from('<a/>') }, { data: Buffer.from('<b/>') }]))).toEqual({
      ok: true,
      entries: 2,
      expandedBytes: 8,
    });
  });
  it('refuses more than the documented total before inflating anything', () => {
    const v = checkZipDirectory(
      zip([
        { data: Buffer.from('x'), declared: 60 * 1024 * 1024 },
        { data: Buffer.from('y'), declared: 60 * 1024 * 1024 },
      ]),
    );
    expect(v).toMatchObject({ ok: false, reason: 'too-large' });
    expect(MAX_EXPANDED_BYTES).toBe(100 * 1024 * 1024);
  });
  it('says empty, damaged and not-a-zip apart, in words without library names', () => {
    expect(checkZipDirectory(new Uint8Array())).toMatchObject({ reason: 'empty' });
    const whole = zip([{ data: Buffer.from('<a/>') }]);
    expect(checkZipDirectory(whole.subarray(0, whole.length - 5))).toMatchObject({ reason: 'damaged' });
    expect(checkZipDirectory(new TextEncoder().encode('Pupil ID,Name\n'.repeat(5)))).toMatchObject({ reason: 'not-zip' });
  });
});
