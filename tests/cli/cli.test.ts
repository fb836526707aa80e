// The caseload CLI end to end: the esbuild bundle run as a child process on real .xlsx files written and read by
// exceljs. Each test works in its own temporary folder.
import { parseCsv } from '../../shared/csv';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { root, runCli, tempDir } from './run-cli';

interface JsonFinding {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  tab: string;
  cell: string;
  pupilId?: string;
  staffId?: string;
}
interface CheckJson {
  findings: JsonFinding[];
  summary: { error: number; warning: number; info: number };
}

/** The timestamped backups of `stem`.xlsx in `dir` (cli/file-safety.ts names them `stem.<stamp>[.n].bak.xlsx`). */
function backupsOf(dir: string, stem: string): string[] {
  const re = new RegExp(`^${stem}\\.\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d(\\.\\d+)?\\.bak\\.xlsx$`);
  return readdirSync(dir)
    .filter((f) => re.test(f))
    .sort();
}

beforeAll(() => {
  // Build the bundle the bin runs, exactly as `npm run build:cli` / `prepare` does.
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'pipe' });
}, 60_000);

describe('caseload init --demo, then check', () => {
  it('finds every deliberate problem of the demo school at its cell, and exits 1', async () => {
    const dir = tempDir();
    const made = await runCli(['init', 'demo.xlsx', '--demo'], dir);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('Created demo.xlsx');

    const res = await runCli(['check', 'demo.xlsx', '--today', '2026-11-23', '--json'], dir);
    expect(res.code, res.stderr).toBe(1);
    const out = JSON.parse(res.stdout) as CheckJson;
    expect(Object.keys(out)).toEqual(['findings', 'summary']);
    for (const f of out.findings) {
      expect(Object.keys(f).every((k) => ['severity', 'code', 'message', 'tab', 'cell', 'pupilId', 'staffId'].includes(k))).toBe(true);
    }
    const by = (code: string) => out.findings.filter((f) => f.code === code);

    // Where each problem lives in the file, found independently of the CLI by reading the workbook with exceljs.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'demo.xlsx'));
    const rowWhere = (sheet: string, match: (values: unknown[]) => boolean): number => {
      let found = -1;
      wb.getWorksheet(sheet)!.eachRow((row, n) => {
        if (found < 0 && match(row.values as unknown[])) found = n;
      });
      return found;
    };
    const text = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''));

    // 1. Double-booking: the Wednesday 13:30 group of CMA (Rota: Day A, Start B, Staff ID D).
    const groupRow = rowWhere('Rota', (v) => text(v[1]) === 'Wed' && text(v[2]) === '13:30' && text(v[4]) === 'CMA');
    expect(by('ROTA_DOUBLE_BOOKED')).toEqual([expect.objectContaining({ severity: 'error', cell: `Rota!B${groupRow}`, staffId: 'CMA' })]);
    // 2. Expired medication training on a block that needs it (Needs is column H).
    const medRow = rowWhere('Rota', (v) => text(v[1]) === 'Wed' && text(v[4]) === 'CRE' && text(v[8]) === 'Medication');
    expect(by('ROTA_UNTRAINED')).toEqual([expect.objectContaining({ cell: `Rota!H${medRow}`, staffId: 'CRE', pupilId: 'P010' })]);
    const certRow = rowWhere('Training', (v) => text(v[1]) === 'CRE' && text(v[2]) === 'Medication');
    expect(by('TRAINING_EXPIRED')).toEqual([expect.objectContaining({ cell: `Training!D${certRow}`, staffId: 'CRE' })]);
    // 3. Funded-hours shortfall (Funded 1:1 hours/week is column L).
    const amara = rowWhere('Pupils', (v) => text(v[1]) === 'P012');
    expect(by('ROTA_EHCP_HOURS_SHORT')).toEqual([expect.objectContaining({ cell: `Pupils!M${amara}`, pupilId: 'P012' })]);
    // 4. Overdue annual review (Last annual review is column K).
    const fatima = rowWhere('Pupils', (v) => text(v[1]) === 'P019');
    expect(by('REVIEW_OVERDUE')).toEqual([expect.objectContaining({ severity: 'error', cell: `Pupils!L${fatima}`, pupilId: 'P019' })]);
    // 5. A target with no evidence, and 6. a missing baseline (Baseline is column F).
    const harvey = rowWhere('Targets', (v) => text(v[1]) === 'P014-T1');
    expect(by('TARGET_NO_EVIDENCE')).toEqual([expect.objectContaining({ cell: `Targets!A${harvey}`, pupilId: 'P014' })]);
    const darius = rowWhere('Targets', (v) => text(v[1]) === 'P029-T1');
    expect(by('TARGET_NOT_SMART')).toEqual([expect.objectContaining({ cell: `Targets!F${darius}`, pupilId: 'P029' })]);

    // Maisie-Rose's recorded week was short because her LSA was redeployed to cover (the demo's provision story).
    expect(by('PROVISION_UNDER_DELIVERED')).toEqual([expect.objectContaining({ severity: 'warning', pupilId: 'P004' })]);

    // Nothing else: the rest of the demo school is clean, so every finding above is a real signal.
    expect(out.findings).toHaveLength(8);
    expect(out.summary).toEqual({ error: 4, warning: 3, info: 1 });
  });

  it('prints findings grouped by severity with a summary line', async () => {
    const dir = tempDir();
    await runCli(['init', 'demo.xlsx', '--demo'], dir);
    const res = await runCli(['check', 'demo.xlsx', '--today', '2026-11-23'], dir);
    expect(res.code).toBe(1);
    const errors = res.stdout.search(/Errors \(\d+\)/);
    const warnings = res.stdout.search(/Warnings \(\d+\)/);
    const info = res.stdout.search(/Information \(\d+\)/);
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(errors);
    expect(info).toBeGreaterThan(warnings);
    expect(res.stdout).toContain('Checked demo.xlsx as of Mon 23/11/2026.');
    expect(res.stdout.trim().split('\n').pop()).toBe('4 errors, 3 warnings, 1 for information.');
  });
});

describe('caseload init (empty) and check', () => {
  it('makes every tab with its header and default settings; check exits 0 with no errors', async () => {
    const dir = tempDir();
    const made = await runCli(['init', 'tracker.xlsx'], dir);
    expect(made.code, made.stderr).toBe(0);
    const res = await runCli(['check', 'tracker.xlsx', '--json', '--today', '2026-11-23'], dir);
    expect(res.code, res.stderr).toBe(0);
    expect((JSON.parse(res.stdout) as CheckJson).summary.error).toBe(0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'tracker.xlsx'));
    const names = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(names).toEqual(['Pupils', 'Targets', 'Staff', 'Training', 'Rota', 'Absence', 'Log', 'Reviews', 'Settings']);
    const pupils = wb.getWorksheet('Pupils')!;
    expect(pupils.getCell('A1').value).toBe('Pupil ID');
    expect(pupils.getRow(1).font?.bold).toBe(true);
    expect(pupils.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const settings = wb.getWorksheet('Settings')!;
    expect(settings.getCell('A3').value).toBe('Evidence window days');
    expect(settings.getCell('B3').value).toBe(14);
  });

  it('on an existing complete tracker adds nothing and changes nothing', async () => {
    const dir = tempDir();
    await runCli(['init', 'tracker.xlsx'], dir);
    const before = readFileSync(join(dir, 'tracker.xlsx'));
    const again = await runCli(['init', 'tracker.xlsx'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to add');
    expect(readFileSync(join(dir, 'tracker.xlsx')).equals(before)).toBe(true);
    expect(backupsOf(dir, 'tracker')).toEqual([]);
  });

  it('refuses --demo over an existing file, and --force keeps the old file as .bak', async () => {
    const dir = tempDir();
    await runCli(['init', 'tracker.xlsx'], dir);
    const before = readFileSync(join(dir, 'tracker.xlsx'));
    const refused = await runCli(['init', 'tracker.xlsx', '--demo'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('tracker.xlsx already exists');
    expect(readFileSync(join(dir, 'tracker.xlsx')).equals(before)).toBe(true);

    const forced = await runCli(['init', 'tracker.xlsx', '--demo', '--force'], dir);
    expect(forced.code, forced.stderr).toBe(0);
    const [backup] = backupsOf(dir, 'tracker');
    expect(readFileSync(join(dir, backup!)).equals(before)).toBe(true);
    expect(readFileSync(join(dir, 'tracker.xlsx')).equals(before)).toBe(false);
  });
});

/** A tracker as people really keep them: renamed headers, merges, broken formulas, blank rows, stray columns. */
async function writeMessyTracker(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const pupils = wb.addWorksheet('Caseload'); // an alias of Pupils
  pupils.addRow(['Pupil ID', 'Forename', 'Surname', 'Year group', 'Form', 'EHCP', 'Last review', 'SENCo notes', 'Surname']);
  pupils.addRow(['P1', 'Zoë', 'Nowak', 'Year 4', '4H', 'Y', '13/10/2025', 'Mum prefers email', 'dup']); // 2: UK text date
  pupils.addRow(['P2', 'Łukasz', 'Kowalski', 'Y4', '4H', 'yes', '2025-10-13', '', '']); // 3: ISO text, merged form below
  pupils.addRow([]); // 4: blank row
  pupils.addRow(['P3', 'Amara', 'Nwosu', '6', '6M', 'Y', new Date(Date.UTC(2025, 9, 13)), '', '']); // 5: real date
  pupils.addRow(['P4', 'Kai', 'Thompson', '5', '5K', 'N', 45943, '', '']); // 6: serial number (13/10/2025)
  pupils.addRow(['P5', 'Ruby', 'Shaw', '3', '3B', 'Y', '31/02/2025', '', '']); // 7: not a real date
  pupils.getCell('E8').value = { formula: 'VLOOKUP(A8,Classes!A:B,2,FALSE)', result: { error: '#REF!' } };
  pupils.getCell('A8').value = 'P6';
  pupils.getCell('B8').value = 'Noah';
  pupils.getCell('C8').value = 'Pritchard';
  pupils.mergeCells('E3:E4'); // the form of P2 spans the blank row below it
  pupils.getCell('H2').value = { richText: [{ text: 'Mum ' }, { font: { bold: true }, text: 'prefers email' }] };

  const rota = wb.addWorksheet('Rota');
  rota.addRow(['Day', 'Start', 'End', 'Staff ID', 'Activity', 'Pupil IDs', 'Room', 'Colour']);
  rota.addRow(['Monday', '8.45', '10:15', 'GAD', '1:1', 'P1', 'Library', 'green']);
  rota.addRow(['Tue', '25:00', '10:15', 'GAD', 'Juggling', 'P1', '', '']);
  wb.addWorksheet('Notes').addRow(['Anything the SENCo keeps here stays here.']);
  await wb.xlsx.writeFile(path);
}

describe('a messy tracker', () => {
  it('gives located findings, not a crash', async () => {
    const dir = tempDir();
    await writeMessyTracker(join(dir, 'messy.xlsx'));
    const res = await runCli(['check', 'messy.xlsx', '--json', '--today', '2026-11-23'], dir);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);
    const { findings } = JSON.parse(res.stdout) as CheckJson;
    const at = (cell: string) => findings.filter((f) => f.cell === cell).map((f) => f.code);

    expect(at('Caseload!E8')).toContain('DATA_FORMULA_ERROR');
    expect(at('Caseload!I1')).toContain('HEADER_DUPLICATE');
    expect(at('Caseload!G7')).toEqual(['DATA_BAD_DATE']);
    // The four ways of writing 13/10/2025 are all read as that date: for the EHCP pupils, the review is overdue
    // (due 13/10/2026); Kai (no EHCP, serial number) has no finding at all.
    for (const cell of ['Caseload!G2', 'Caseload!G3', 'Caseload!G5']) {
      expect(at(cell)).toEqual(['REVIEW_OVERDUE']);
      expect(findings.find((f) => f.cell === cell)!.message).toContain('the last was on 13/10/2025');
    }
    expect(at('Caseload!G6')).toEqual([]);
    expect(at('Rota!B3')).toContain('DATA_BAD_TIME');
    expect(at('Rota!E3')).toContain('DATA_BAD_CHOICE');
    // Missing tabs are reported, gently, at where they would be.
    expect(findings.some((f) => f.code === 'HEADER_MISSING' && f.tab === 'Staff')).toBe(true);
  });

  it('init adds the missing tabs and columns and keeps every existing cell, formula, merge and unknown column', async () => {
    const dir = tempDir();
    const file = join(dir, 'messy.xlsx');
    await writeMessyTracker(file);
    const original = readFileSync(file);
    const res = await runCli(['init', 'messy.xlsx'], dir);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Added the Staff tab.');
    expect(res.stdout).toMatch(/Added columns .*"UPN".* to Caseload \(J1:/);
    expect(backupsOf(dir, 'messy')).toHaveLength(1);
    expect(readFileSync(join(dir, backupsOf(dir, 'messy')[0]!)).equals(original)).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const visible = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(visible).toEqual(['Caseload', 'Rota', 'Notes', 'Targets', 'Staff', 'Training', 'Absence', 'Log', 'Reviews', 'Settings']);
    const pupils = wb.getWorksheet('Caseload')!;
    expect(pupils.getCell('H1').value).toBe('SENCo notes');
    expect(pupils.getCell('H2').text).toBe('Mum prefers email');
    expect(pupils.getCell('I2').value).toBe('dup');
    expect(pupils.getCell('G2').value).toBe('13/10/2025');
    expect(pupils.getCell('G6').value).toBe(45943);
    expect(pupils.getCell('E8').formula).toBe('VLOOKUP(A8,Classes!A:B,2,FALSE)');
    expect(pupils.getCell('E4').isMerged).toBe(true);
    expect(pupils.getCell('J1').value).toBe('UPN');
    expect(wb.getWorksheet('Rota')!.getCell('H2').value).toBe('green');
    expect(wb.getWorksheet('Notes')!.getCell('A1').value).toBe('Anything the SENCo keeps here stays here.');

    // The file still checks the same way, now with the Staff tab present.
    const after = await runCli(['check', 'messy.xlsx', '--json', '--today', '2026-11-23'], dir);
    const { findings } = JSON.parse(after.stdout) as CheckJson;
    expect(findings.some((f) => f.cell === 'Caseload!E8' && f.code === 'DATA_FORMULA_ERROR')).toBe(true);
    expect(findings.some((f) => f.code === 'HEADER_MISSING' && f.tab === 'Staff')).toBe(false);
  });
});

describe('input that cannot be used', () => {
  it('a missing file: exit 2 naming the file', async () => {
    const dir = tempDir();
    const res = await runCli(['check', 'nowhere.xlsx'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('nowhere.xlsx');
    expect(res.stdout).toBe('');
  });

  it('a text file renamed .xlsx: exit 2 naming the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.xlsx'), 'Pupil ID,First name\nP1,Zoë\n');
    const res = await runCli(['check', 'notes.xlsx', '--json'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('notes.xlsx is not an .xlsx spreadsheet');
    expect(res.stdout).toBe('');
  });

  it('a spreadsheet with no tab Caseload recognises: exit 2 naming the file and its tabs', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Budget 2026').addRow(['Item', 'Cost']);
    await wb.xlsx.writeFile(join(dir, 'budget.xlsx'));
    const res = await runCli(['check', 'budget.xlsx'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('budget.xlsx has no tab Caseload recognises');
    expect(res.stderr).toContain('"Budget 2026"');
  });

  it('bad arguments: exit 2 with the usage', async () => {
    const dir = tempDir();
    const bad = await runCli(['check', 'x.xlsx', '--today', '23/11/2026'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--today must be a date written YYYY-MM-DD');
    const unknown = await runCli(['check', 'x.xlsx', '--colour'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage: caseload check');
    const help = await runCli(['init', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: caseload init <file.xlsx>');
  });
});

describe('export-logs and import-caseload', () => {
  it('--progress writes only to standard error: --json on standard output still parses', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--demo', 'demo.xlsx'], dir)).code).toBe(0);
    const res = await runCli(['check', 'demo.xlsx', '--json', '--progress', '--today', '2026-11-24'], dir);
    expect(res.code).toBe(1);
    const parsed = JSON.parse(res.stdout) as { findings: unknown[] };
    expect(parsed.findings.length).toBeGreaterThan(0);
    // The demo is read in well under a second on a quiet machine; any progress line is on stderr only.
    expect(res.stdout).not.toMatch(/rows read/);
  });

  it('exports the Log tab as CSV with names beside codes, a UK local time, and formula-looking notes escaped', async () => {
    const dir = tempDir();
    await runCli(['init', 'demo.xlsx', '--demo'], dir);
    const res = await runCli(['export-logs', 'demo.xlsx', '--out', 'logs.csv'], dir);
    expect(res.code, res.stderr).toBe(0);
    const csv = readFileSync(join(dir, 'logs.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFLog ID,Time,Local time (dd/mm/yyyy HH:MM),Pupil ID,Pupil name,Target ID,Target,')).toBe(true);
    const lines = csv.split('\r\n');
    const { records } = parseCsv(csv.slice(1));
    const header = records[0]!.fields;
    const col = (name: string) => header.indexOf(name);
    const progress = records
      .slice(1)
      .map((r) => r.fields)
      .find((f) => f[col('Kind')] === 'Progress' && f[col('Staff ID')])!;
    expect(progress[col('Pupil name')]).toMatch(/^\p{L}[\p{L}'’ -]+ \p{L}/u);
    expect(progress[col('Target')]!.length).toBeGreaterThan(10);
    expect(progress[col('Staff name')]).toMatch(/\p{L}+ \p{L}+/u);
    // The local time is the ISO stamp read in the tracker's zone (Europe/London): same wall clock as its offset.
    const iso = progress[col('Time')]!;
    const [, y, mo, d, hh, mm] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso)!;
    expect(progress[col('Local time (dd/mm/yyyy HH:MM)')]).toBe(`${d}/${mo}/${y} ${hh}:${mm}`);
    // The demo's LSAs wrote "+2 house points …": exported, it must not start with "+".
    expect(lines.some((l) => l.includes(",'+2 house points"))).toBe(true);
    expect(lines.some((l) => /,\+\d/.test(l))).toBe(false);
    // Refuses to overwrite without --force.
    const again = await runCli(['export-logs', 'demo.xlsx', '--out', 'logs.csv'], dir);
    expect(again.code).toBe(2);
  });

  it('exports the logs as they now stand (corrections applied) by default, and every row with --audit', async () => {
    const dir = tempDir();
    await runCli(['init', 'demo.xlsx', '--demo'], dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'demo.xlsx'));
    const sheet = wb.getWorksheet('Log')!;
    const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const col = (h: string) => header.indexOf(h); // ExcelJS rows are 1-based: values[0] is empty
    const cell = (r: number, h: string) => String(sheet.getRow(r).getCell(col(h)).value ?? '');
    const voidId = cell(2, 'Log ID');
    const editId = cell(3, 'Log ID');
    const correction = (id: string, kind: 'Void' | 'Edit', fromRow: number, rating: string) => {
      const row: Record<string, string> = {
        'Log ID': id,
        Time: '2026-11-23T12:00:00+00:00',
        'Pupil ID': cell(fromRow, 'Pupil ID'),
        'Target ID': cell(fromRow, 'Target ID'),
        Kind: 'Correction',
        Rating: rating,
        'Staff ID': cell(fromRow, 'Staff ID'),
        Corrects: cell(fromRow, 'Log ID'),
        Correction: kind,
      };
      const values: string[] = [];
      for (const [h, v] of Object.entries(row)) values[col(h)] = v;
      sheet.addRow(values.slice(1));
    };
    correction('c0000000-0000-4000-8000-000000000001', 'Void', 2, '');
    correction('c0000000-0000-4000-8000-000000000002', 'Edit', 3, 'Achieved');
    const rows = sheet.rowCount - 1;
    await wb.xlsx.writeFile(join(dir, 'demo.xlsx'));

    const effective = parseCsv((await runCli(['export-logs', 'demo.xlsx'], dir)).stdout).records.map((r) => r.fields);
    const h = effective[0]!;
    const body = effective.slice(1);
    expect(body).toHaveLength(rows - 3); // the voided log and both correction rows left out
    expect(body.some((f) => f[h.indexOf('Log ID')] === voidId)).toBe(false);
    expect(body.filter((f) => f[h.indexOf('Log ID')] === editId).map((f) => f[h.indexOf('Rating')])).toEqual(['Achieved']);
    expect(body.some((f) => f[h.indexOf('Kind')] === 'Correction')).toBe(false);

    const audit = parseCsv((await runCli(['export-logs', 'demo.xlsx', '--audit'], dir)).stdout)
      .records.slice(1)
      .map((r) => r.fields);
    expect(audit).toHaveLength(rows);
    expect(
      audit.filter((f) => f[h.indexOf('Kind')] === 'Correction').map((f) => [f[h.indexOf('Corrects')], f[h.indexOf('Correction')]]),
    ).toEqual([
      [voidId, 'Void'],
      [editId, 'Edit'],
    ]);
  });

  it('imports pupils from a CSV, skips ones already there, and rejects a bad CSV with line numbers', async () => {
    const dir = tempDir();
    await runCli(['init', 'tracker.xlsx'], dir);
    writeFileSync(
      join(dir, 'pupils.csv'),
      'Pupil ID,Forename,Surname,Year group\r\nP1,Zoë,"Okonkwo, Hart",Year 4\r\nP2,=HYPERLINK("http://x"),Nowak,5\r\n',
    );
    const first = await runCli(['import-caseload', 'tracker.xlsx', 'pupils.csv'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Added 2 pupils to Pupils.');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'tracker.xlsx'));
    const sheet = wb.getWorksheet('Pupils')!;
    expect(sheet.getCell('C2').value).toBe('Okonkwo, Hart');
    // Hostile text is stored as text, never as a formula.
    expect(sheet.getCell('B3').value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getCell('B3').formula).toBeUndefined();

    const second = await runCli(['import-caseload', 'tracker.xlsx', 'pupils.csv'], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing new to import.');

    writeFileSync(join(dir, 'bad.csv'), 'Pupil ID,Forename,Surname,Year group\nP9,Ann,Lee,Year 15\nP10,Bo,,2\n');
    const bad = await runCli(['import-caseload', 'tracker.xlsx', 'bad.csv'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.csv line 2 (Year group)');
    expect(bad.stderr).toContain('bad.csv line 3 (Surname)');
    expect(bad.stderr).toContain('Nothing was imported');
  });

  it('imports an MIS export through the same pipeline: IDs from UPN, unused columns listed, duplicates refused until one is kept', async () => {
    const dir = tempDir();
    await runCli(['init', 'tracker.xlsx'], dir);
    const sims = join(import.meta.dirname, '..', 'fixtures', 'mis-exports', 'sims-student-list.csv');
    const res = await runCli(['import-caseload', 'tracker.xlsx', sims], dir);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('6 pupils were given IDs made from the UPN');
    expect(res.stdout).toMatch(/Column not used: \S*sims-student-list\.csv \(Legal Forename\) "Legal Forename"/);
    expect(res.stdout).toContain('Added 6 pupils to Pupils.');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'tracker.xlsx'));
    const rows = wb.getWorksheet('Pupils')!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r[2])).toContain('Mia'); // the preferred forename

    writeFileSync(join(dir, 'dup.csv'), 'Pupil ID,First name,Last name\nX1,Ann,Lee\nX1,Ann,Lee\n');
    const dup = await runCli(['import-caseload', 'tracker.xlsx', 'dup.csv'], dir);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('dup.csv line 2 (Pupil ID) and dup.csv line 3 (Pupil ID)');
    const kept = await runCli(['import-caseload', 'tracker.xlsx', 'dup.csv', '--keep', 'X1=3'], dir);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('Added 1 pupil to Pupils.');
  });
});
