// shared/csv.ts: RFC 4180 writing with formula-injection escaping, the parser, and caseload import.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, escapeFormula, findingsToCsv, logsToCsv, parseCaseloadCsv, parseCsv, toCsv, unescapeFormula } from '../../shared/csv';
import type { Finding, LogEntry } from '../../shared/model';

const anyText = fc.string({
  unit: fc.constantFrom('a', 'Z', 'ë', 'Ł', ' ', ',', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', '\t', "'", '1', ';'),
});

describe('writing', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(
      toCsv([
        ['a', 1],
        ['b', null],
      ]),
    ).toBe('a,1\r\nb,\r\n');
  });

  it('escapes text that a spreadsheet would run, but not numbers', () => {
    for (const s of ['=1+1', '+44 7700', '-3 today', '@SUM(A1)', '\tx', '\rx'])
      expect(csvField(s).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvField(-3)).toBe('-3');
    expect(csvField(2.5)).toBe('2.5');
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
  });

  it('escaping is reversible, including text that already starts with an apostrophe', () => {
    fc.assert(fc.property(anyText, (s) => unescapeFormula(escapeFormula(s)) === s));
    fc.assert(fc.property(anyText, (s) => !/^[=+\-@\t\r]/.test(escapeFormula(s))));
  });
});

describe('parsing', () => {
  it('round-trips any table of text through write then parse (property)', () => {
    const table = fc.array(fc.array(anyText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.boolean(), (rows, bom) => {
        // A record of one empty field is written as an empty line, which reads back as one empty field too.
        const parsed = parseCsv(toCsv(rows, { bom }));
        expect(parsed.errors).toEqual([]);
        expect(parsed.records.map((r) => r.fields.map(unescapeFormula))).toEqual(rows);
      }),
    );
  });

  it('reads CRLF, LF, a BOM, embedded newlines, and gives each record its starting line', () => {
    const { records, errors } = parseCsv('\uFEFFa,b\r\n"multi\nline",x\nlast,"q""uote"');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['multi\nline', 'x'] },
      { line: 4, fields: ['last', 'q"uote'] },
    ]);
  });

  it('reports an unclosed quote at the line it opened on', () => {
    const { errors } = parseCsv('a,b\nc,"never closed\nmore');
    expect(errors).toEqual([{ line: 2, message: expect.stringContaining('Line 2') }]);
  });
});

describe('exports', () => {
  it('logsToCsv writes the Log columns with a BOM and escapes notes', () => {
    const log: LogEntry = { id: 'L1', time: '2026-11-23T10:15:00+00:00', pupilId: 'P1', kind: 'Note', minutes: 20, note: '=cmd|calc' };
    const csv = logsToCsv([log]);
    expect(csv.startsWith('\uFEFFLog ID,Time,Pupil ID,Target ID,Kind')).toBe(true);
    const rows = parseCsv(csv).records.map((r) => r.fields);
    expect(rows[1]).toEqual(['L1', '2026-11-23T10:15:00+00:00', 'P1', '', 'Note', '', '', '20', '', "'=cmd|calc", '', '', '', '', '', '']);
    // The Corrects, Correction, Session, Outcome and Missed reason columns follow Source.
    expect(rows[0]!.slice(10)).toEqual(['Source', 'Corrects', 'Correction', 'Session', 'Outcome', 'Missed reason']);
  });

  it('findingsToCsv has one row per finding', () => {
    const f: Finding = {
      severity: 'error',
      code: 'ROTA_DOUBLE_BOOKED',
      message: 'Two places, at once',
      tab: 'Rota',
      cell: 'Rota!B7',
      staffId: 'CMA',
    };
    const rows = parseCsv(findingsToCsv([f])).records.map((r) => r.fields);
    expect(rows).toEqual([
      ['Severity', 'Code', 'Message', 'Tab', 'Cell', 'Pupil ID', 'Staff ID'],
      ['error', 'ROTA_DOUBLE_BOOKED', 'Two places, at once', 'Rota', 'Rota!B7', '', 'CMA'],
    ]);
  });
});

describe('parseCaseloadCsv', () => {
  it('reads pupils with MIS-style headings and values', () => {
    const r = parseCaseloadCsv(
      '\uFEFFStudent ID,Forename,Surname,Year group,Area of need,EHCP\r\nP1,Zoë,Okonkwo,Year 4,SEMH,Y\r\n\r\nP2,Łukasz,Nowak,R,C&I; S&P,N\r\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.pupils).toEqual([
      { id: 'P1', firstName: 'Zoë', lastName: 'Okonkwo', year: '4', areasOfNeed: ['SEMH'], senStatus: 'E', phaseTransfer: false },
      { id: 'P2', firstName: 'Łukasz', lastName: 'Nowak', year: 'R', areasOfNeed: ['C&I', 'S&P'], senStatus: 'K', phaseTransfer: false },
    ]);
  });

  it('names the line (and column) of each problem and leaves those rows out', () => {
    const r = parseCaseloadCsv('Pupil ID,First name,Last name,Year\nP1,Ann,Lee,15\nP2,Bo,,2\nP3,Cy,Ng,3\nP3,Di,Ox,3\n');
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 5]);
    expect(r.errors[0]!.message).toMatch(/^Line 2 \(Year\): /);
    expect(r.errors[1]!.message).toMatch(/^Line 3 \(Last name\): /);
    expect(r.errors[2]!.message).toContain('already used on line 4');
    expect(r.pupils.map((p) => p.id)).toEqual(['P3']);
  });

  it('says which required column is missing, at line 1', () => {
    const r = parseCaseloadCsv('Pupil ID,First name\nP1,Ann\n');
    expect(r.errors).toEqual([{ line: 1, message: expect.stringContaining('"Last name"') }]);
    expect(r.pupils).toEqual([]);
  });

  it('reads a targets list and undoes formula escaping from our own exports', () => {
    const r = parseCaseloadCsv("Target ID,Pupil ID,Target,Status\nT1,P1,'=Count to 10,Emerging\n");
    expect(r.errors).toEqual([]);
    expect(r.targets).toEqual([{ id: 'T1', pupilId: 'P1', text: '=Count to 10', status: 'Emerging' }]);
  });
});
