// `caseload export-logs` on a tracker whose text was typed (or pasted) to be run by whoever opens the CSV: fullwidth
// ＝ ＋ － ＠ that some spreadsheets fold to ASCII, and ASCII starters hidden behind a zero-width space, word joiner
// or byte-order mark. Each reaches the CSV through a different column: the note, and the readable pupil, target
// and staff names written beside the ids. Every such field must come out with the leading ' that keeps it text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../cli/xlsx';
import { parseCsv } from '../../shared/csv';
import { trackerToGrids } from '../../shared/schema/serialise';
import { validTracker } from '../core/fixtures';
import { tempDir } from './run-cli';
import { runMain } from './run-main';

const HOSTILE = {
  firstName: '＝HYPERLINK("http://evil.example","Open")',
  lastName: '\u200B+SUM(1)',
  target: '＠IMPORTXML("http://evil.example","//a")',
  staff: '－2+3+cmd|" /C calc"!A0',
  note: '\u2060=WEBSERVICE("http://evil.example")',
  noteBom: '\uFEFF＋44 7700 900123',
};

// What a spreadsheet may treat as the start of a formula once it skips invisible characters and folds fullwidth
// forms: written independently of shared/csv.ts, so this test does not just repeat its rule.
const LOOKS_LIKE_FORMULA = /^[\s\u200B-\u200F\u2060\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

describe('export-logs neutralises look-alike and hidden formula starts in every column', () => {
  it('writes each hostile text with a leading quote, and no field that still looks like a formula', async () => {
    const t = validTracker();
    const pupil = t.pupils.find((p) => p.id === 'P01')!;
    pupil.firstName = HOSTILE.firstName;
    pupil.lastName = HOSTILE.lastName;
    t.targets.find((x) => x.id === 'T01')!.text = HOSTILE.target;
    t.staff.find((s) => s.id === 'S01')!.name = HOSTILE.staff;
    const logs = t.logs.filter((l) => l.pupilId === 'P01' && l.targetId === 'T01' && l.staffId === 'S01');
    expect(logs.length).toBeGreaterThan(1);
    logs[0]!.note = HOSTILE.note;
    logs[1]!.note = HOSTILE.noteBom;

    const dir = tempDir();
    const xlsx = join(dir, 't.xlsx');
    await writeWorkbook(xlsx, { sheets: Object.entries(trackerToGrids(t)).map(([name, values]) => ({ name, values })) });
    const out = join(dir, 'logs.csv');
    const res = await runMain(['export-logs', xlsx, '--out', out]);
    expect(res.code, res.stderr).toBe(0);

    const { records } = parseCsv(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''));
    const fields = records.slice(1).flatMap((r) => r.fields);
    const fullName = `${HOSTILE.firstName} ${HOSTILE.lastName}`;
    for (const text of [fullName, HOSTILE.target, HOSTILE.staff, HOSTILE.note, HOSTILE.noteBom]) {
      // Reading the .xlsx may drop a byte-order mark from a cell; what is left must still be quoted.
      const visible = text.replace(/^\uFEFF/, '');
      const carrying = fields.filter((f) => f.includes(visible));
      expect(carrying.length, text).toBeGreaterThan(0);
      for (const f of carrying) expect(f, text).toMatch(/^'/);
    }
    // Numbers written as numbers (a negative minutes value) are not text and may start with '-'.
    const unsafe = fields.filter((f) => LOOKS_LIKE_FORMULA.test(f) && !/^-?\d+(\.\d+)?$/.test(f));
    expect(unsafe).toEqual([]);
  });
});
