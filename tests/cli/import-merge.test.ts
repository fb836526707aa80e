// `caseload import-caseload` merges, never replaces: on real .xlsx files (written by `caseload init --demo`, read back
// with exceljs) a newer MIS export updates names, classes and year groups of the pupils it matches — by Pupil ID, or
// by UPN when the export has no Pupil ID — adds new pupils, lists leavers without removing them, leaves every
// Targets, Log and Reviews row (and a school's own columns and cell notes) as it was, and keeps the original as a
// timestamped backup.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './run-cli';
import { runMain } from './run-main';

const MIS = join(import.meta.dirname, '..', 'fixtures', 'mis-exports');
const STAMPED = /^t\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(\.\d+)?\.bak\.xlsx$/;
const TODAY = ['--today', '2026-11-23'];

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** Every row of a tab as plain values (row 1 is the header). */
function rowsOf(wb: ExcelJS.Workbook, tab: string): unknown[][] {
  const ws = wb.getWorksheet(tab)!;
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

/** A pupil's row as `{ header: value }`, found by Pupil ID. */
function pupil(wb: ExcelJS.Workbook, id: string): Record<string, unknown> {
  const [header, ...rows] = rowsOf(wb, 'Pupils');
  const row = rows.find((r) => r[0] === id);
  if (!row) throw new Error(`${id} is not on the Pupils tab`);
  return Object.fromEntries(header!.map((h, i) => [String(h), row[i]]));
}

const pupilIds = (wb: ExcelJS.Workbook) =>
  rowsOf(wb, 'Pupils')
    .slice(1)
    .map((r) => r[0]);

let demo: Buffer;
beforeAll(async () => {
  const dir = tempDir();
  const res = await runMain(['init', join(dir, 't.xlsx'), '--demo']);
  expect(res.code, res.stderr).toBe(0);
  demo = readFileSync(join(dir, 't.xlsx'));
}, 120_000);

/** A copy of the demo tracker whose Pupils tab also has a school's own column and a cell note on P013's row. */
async function trackerWithSchoolExtras(): Promise<{ dir: string; path: string }> {
  const dir = tempDir();
  const path = join(dir, 't.xlsx');
  writeFileSync(path, demo);
  const wb = await load(path);
  const ws = wb.getWorksheet('Pupils')!;
  const extra = ws.getRow(1).cellCount + 1;
  ws.getRow(1).getCell(extra).value = 'SENCo notes';
  const row = ws.getColumn(1).values.indexOf('P013');
  ws.getRow(row).getCell(extra).value = 'Prefers to be called Mo';
  ws.getRow(row).getCell(2).note = 'Checked with parent, Sept';
  await wb.xlsx.writeFile(path);
  return { dir, path };
}

describe('import-caseload merges a newer export into a real .xlsx tracker', { timeout: 180_000 }, () => {
  it('by UPN when the export has no Pupil ID (Bromcom): names, classes and years updated, a new pupil added, leavers listed not removed', async () => {
    const { dir, path } = await trackerWithSchoolExtras();
    const before = await load(path);
    const original = readFileSync(path);

    const res = await runMain(['import-caseload', path, join(MIS, 'bromcom-students.csv'), ...TODAY]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Updated Mo Iqbal (P013, matched by UPN): first name Mohammed → Mo; class 6M → 7M; year 6 → 7.');
    expect(res.stdout).toMatch(/New pupils \(1\): Petra Novak \(ADNO-4325\)/);
    expect(res.stdout).toMatch(/Not in this file, so possibly left: .*Alfie Brennan \(P001\).*nothing was removed/);
    expect(res.stdout).toContain('Updated 4 pupils in Pupils (only the cells that changed).');
    expect(res.stderr).not.toContain('Not changed');
    const promised = /After this import the tracker will have (\d+) pupils, (\d+) targets/.exec(res.stdout);
    expect(promised, res.stdout).not.toBeNull();

    const after = await load(path);
    // Updated in place, by UPN: the tracker's own Pupil ID stays, and only the changed cells moved.
    expect(pupil(after, 'P013')).toMatchObject({ 'Pupil ID': 'P013', 'First name': 'Mo', 'Last name': 'Iqbal', Class: '7M', Year: '7' });
    expect(pupil(after, 'P012')).toMatchObject({ Class: '7M', Year: '7', 'Last name': 'Nwosu' });
    expect(pupil(after, 'P010')).toMatchObject({ Class: '6K', Year: '6' });
    // Columns the export has no say over are the tracker's: key worker, and the school's own notes column and cell note.
    const keyWorkerBefore = pupil(before, 'P013')['Key worker'];
    expect(pupil(after, 'P013')['Key worker']).toBe(keyWorkerBefore);
    expect(pupil(after, 'P013')['SENCo notes']).toBe('Prefers to be called Mo');
    const moRow = after.getWorksheet('Pupils')!.getColumn(1).values.indexOf('P013');
    expect(after.getWorksheet('Pupils')!.getRow(moRow).getCell(2).note).toBe('Checked with parent, Sept');
    // Added; and every pupil not in the file (possible leavers) is still there, row for row.
    expect(pupilIds(after)).toEqual([...pupilIds(before), 'ADNO-4325']);
    // The counts the preview printed are what the tracker now holds.
    expect(pupilIds(after)).toHaveLength(Number(promised![1]));
    expect(rowsOf(after, 'Targets').length - 1).toBe(Number(promised![2]));
    expect(pupil(after, 'ADNO-4325')).toMatchObject({ 'First name': 'Petra', 'Last name': 'Novak', Class: '6K', 'MIS ID': '4325' });
    expect(pupil(after, 'P001')).toEqual(pupil(before, 'P001'));
    // Targets, logs (with their notes) and reviews are never touched.
    for (const tab of ['Targets', 'Log', 'Reviews', 'Staff', 'Rota']) expect(rowsOf(after, tab), tab).toEqual(rowsOf(before, tab));

    // The original is kept byte for byte under a timestamped name, and it still has the old values.
    const backups = readdirSync(dir).filter((f) => STAMPED.test(f));
    expect(backups).toHaveLength(1);
    expect(res.stdout).toContain(`The original is kept as ${join(dir, backups[0]!)}.`);
    expect(readFileSync(join(dir, backups[0]!)).equals(original)).toBe(true);
    expect(pupil(await load(join(dir, backups[0]!)), 'P013')).toMatchObject({ 'First name': 'Mohammed', Class: '6M' });

    // The same export again changes nothing and makes no second backup.
    const again = await runMain(['import-caseload', path, join(MIS, 'bromcom-students.csv'), ...TODAY]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing new to import.');
    expect(readdirSync(dir).filter((f) => STAMPED.test(f))).toHaveLength(1);
  });

  it('by Pupil ID: a changed surname, class and year group are written to that pupil row only', async () => {
    const { dir, path } = await trackerWithSchoolExtras();
    const before = await load(path);
    const csv = join(dir, 'update.csv');
    writeFileSync(
      csv,
      'Pupil ID,Forename,Surname,Reg Group,Year Group\r\nP001,Alfie,Brennan-Walsh,1B,Year 1\r\nP002,Oscar,Lindqvist,RB,Reception\r\nP031,Nia,Evans,RB,R\r\n',
    );
    const res = await runMain(['import-caseload', path, csv, ...TODAY]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(
      'Updated Alfie Brennan-Walsh (P001, matched by Pupil ID): last name Brennan → Brennan-Walsh; class RB → 1B; year R → 1.',
    );
    expect(res.stdout).toContain('New pupils (1): Nia Evans (P031).');

    const after = await load(path);
    expect(pupil(after, 'P001')).toEqual({ ...pupil(before, 'P001'), 'Last name': 'Brennan-Walsh', Class: '1B', Year: '1' });
    expect(pupil(after, 'P002')).toEqual(pupil(before, 'P002')); // matched, nothing differs
    expect(pupil(after, 'P031')).toMatchObject({ 'First name': 'Nia', Year: 'R' });
    for (const tab of ['Targets', 'Log', 'Reviews']) expect(rowsOf(after, tab), tab).toEqual(rowsOf(before, tab));
    expect(readdirSync(dir).filter((f) => STAMPED.test(f))).toHaveLength(1);
  });

  it('leaves a pupil whose ID is on two tracker rows alone, and says so', async () => {
    const { dir, path } = await trackerWithSchoolExtras();
    const wb = await load(path);
    const ws = wb.getWorksheet('Pupils')!;
    const src = ws.getRow(ws.getColumn(1).values.indexOf('P003'));
    ws.addRow((src.values as unknown[]).slice(1));
    await wb.xlsx.writeFile(path);
    const before = await load(path);
    const csv = join(dir, 'update.csv');
    writeFileSync(csv, 'Pupil ID,First name,Last name,Class\nP003,Ava,Reyes,4Z\n');
    const res = await runMain(['import-caseload', path, csv, ...TODAY]);
    expect(res.stderr).toMatch(/Not changed: .*\(P003\) is on Pupils!A\d+ and Pupils!A\d+, so neither row was changed/);
    const after = await load(path);
    expect(rowsOf(after, 'Pupils')).toEqual(rowsOf(before, 'Pupils'));
  });
});

describe('import-caseload into an older tracker whose status column is EHCP Y/N', { timeout: 180_000 }, () => {
  it('writes a new plan as Y, and does not report SEN support ↔ no SEN, which that column cannot hold, on every import', async () => {
    const dir = tempDir();
    const path = join(dir, 't.xlsx');
    writeFileSync(path, demo);
    // Trackers made before the SEN status column had `EHCP` with Y or N (shared/schema/tabs.ts, LEGACY_EHCP_HEADERS).
    const wb = await load(path);
    const ws = wb.getWorksheet('Pupils')!;
    const col = (ws.getRow(1).values as unknown[]).indexOf('SEN status');
    expect(col).toBeGreaterThan(0);
    ws.getRow(1).getCell(col).value = 'EHCP';
    for (let r = 2; r <= ws.rowCount; r++) {
      const cell = ws.getRow(r).getCell(col);
      if (cell.value !== null && cell.value !== undefined) cell.value = cell.value === 'E' ? 'Y' : 'N';
    }
    await wb.xlsx.writeFile(path);
    const before = await load(path);
    expect(pupil(before, 'P002').EHCP).toBe('N');
    expect(pupil(before, 'P003').EHCP).toBe('N');

    const csv = join(dir, 'update.csv');
    // P002: the MIS now says EHCP; P003: the MIS says no SEN (N), which the tracker's N already is.
    writeFileSync(csv, 'Pupil ID,First name,Last name,SEN status\r\nP002,Oscar,Lindqvist,E\r\nP003,Leo,Harris,N\r\n');
    const first = await runMain(['import-caseload', path, csv, ...TODAY]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Updated Oscar Lindqvist (P002, matched by Pupil ID): SEN status K → E.');
    expect(first.stdout).not.toMatch(/\(P003[^)]*\):/);
    const after = await load(path);
    expect(pupil(after, 'P002')).toEqual({ ...pupil(before, 'P002'), EHCP: 'Y' });
    expect(pupil(after, 'P003')).toEqual(pupil(before, 'P003'));

    const again = await runMain(['import-caseload', path, csv, ...TODAY]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing new to import.');
    expect(again.stdout).not.toContain('SEN status');
  });
});
