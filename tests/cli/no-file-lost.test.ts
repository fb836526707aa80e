// "No file lost, ever": each way the CLI used to lose a tracker, run through the real built command on real files.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupName, exportTargetProblem, keepBackup, writeTextSafely } from '../../cli/file-safety';
import { tempDir } from './run-cli';
import { runMain } from './run-main';

/** The CLI on files in `dir`: relative names in `args` become paths in `dir`. */
const runCli = (args: readonly string[], dir: string) => runMain(args.map((a, i) => (i === 0 || a.startsWith('-') ? a : `${dir}/${a}`)));

const STAMPED = /^t\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(\.\d+)?\.bak\.xlsx$/;
const backups = (dir: string) =>
  readdirSync(dir)
    .filter((f) => STAMPED.test(f))
    .sort();
const bytes = (path: string) => readFileSync(path);

describe('export-logs never lands on a spreadsheet', { timeout: 180_000 }, () => {
  it('refuses --out the input file itself, even with --force, and leaves it byte for byte', async () => {
    const dir = tempDir();
    expect((await runCli(['init', 't.xlsx', '--demo'], dir)).code).toBe(0);
    const before = bytes(join(dir, 't.xlsx'));
    const res = await runCli(['export-logs', 't.xlsx', '--out', 't.xlsx', '--force'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('t.xlsx is the tracker being exported');
    expect(bytes(join(dir, 't.xlsx')).equals(before)).toBe(true);
  });

  it('refuses the input under another spelling of its path (./t.xlsx)', async () => {
    const dir = tempDir();
    await runCli(['init', 't.xlsx'], dir);
    const res = await runCli(['export-logs', 't.xlsx', '--out', './t.xlsx', '--force'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('tracker being exported');
  });

  it('refuses any other .xlsx or .xlsm, and a spreadsheet renamed to .csv', async () => {
    const dir = tempDir();
    await runCli(['init', 't.xlsx', '--demo'], dir);
    await runCli(['init', 'other.xlsx'], dir);
    const other = bytes(join(dir, 'other.xlsx'));
    const res = await runCli(['export-logs', 't.xlsx', '--out', 'other.xlsx', '--force'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('never written over a spreadsheet');
    expect(bytes(join(dir, 'other.xlsx')).equals(other)).toBe(true);
    expect((await runCli(['export-logs', 't.xlsx', '--out', 'macro.XLSM'], dir)).code).toBe(2);

    writeFileSync(join(dir, 'disguised.csv'), other);
    const disguised = await runCli(['export-logs', 't.xlsx', '--out', 'disguised.csv', '--force'], dir);
    expect(disguised.code).toBe(2);
    expect(disguised.stderr).toContain('holds a spreadsheet');
    expect(bytes(join(dir, 'disguised.csv')).equals(other)).toBe(true);
  });

  it('still replaces an earlier CSV export with --force, through a temporary file that does not linger', async () => {
    const dir = tempDir();
    await runCli(['init', 't.xlsx', '--demo'], dir);
    writeFileSync(join(dir, 'logs.csv'), 'old export\n');
    const res = await runCli(['export-logs', 't.xlsx', '--out', 'logs.csv', '--force'], dir);
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(join(dir, 'logs.csv'), 'utf8')).toContain('Log ID');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('backups are timestamped and never overwritten', { timeout: 180_000 }, () => {
  it('init --force twice keeps the original and the first replacement, each in its own backup', async () => {
    const dir = tempDir();
    await runCli(['init', 't.xlsx', '--demo'], dir);
    const original = bytes(join(dir, 't.xlsx'));
    expect((await runCli(['init', 't.xlsx', '--force'], dir)).code).toBe(0);
    const firstReplacement = bytes(join(dir, 't.xlsx'));
    expect((await runCli(['init', 't.xlsx', '--force'], dir)).code).toBe(0);
    const kept = backups(dir);
    expect(kept).toHaveLength(2);
    const contents = kept.map((f) => bytes(join(dir, f)));
    expect(contents.some((b) => b.equals(original))).toBe(true);
    expect(contents.some((b) => b.equals(firstReplacement))).toBe(true);
  });

  it('additive init and import-caseload each add a backup and keep the earlier ones', async () => {
    const dir = tempDir();
    // A tracker lacking tabs, so init has something to add.
    await runCli(['init', 't.xlsx'], dir);
    await runCli(['init', 'full.xlsx', '--force'], dir);
    const first = bytes(join(dir, 't.xlsx'));
    writeFileSync(join(dir, 'pupils.csv'), 'Pupil ID,First name,Last name,Year\nP900,Test,Pupil,5\n');
    const imported = await runCli(['import-caseload', 't.xlsx', 'pupils.csv'], dir);
    expect(imported.code, imported.stderr).toBe(0);
    const afterImport = bytes(join(dir, 't.xlsx'));
    writeFileSync(join(dir, 'more.csv'), 'Pupil ID,First name,Last name,Year\nP901,Second,Pupil,6\n');
    expect((await runCli(['import-caseload', 't.xlsx', 'more.csv'], dir)).code).toBe(0);
    const kept = backups(dir);
    expect(kept).toHaveLength(2);
    expect(bytes(join(dir, kept[0]!)).equals(first) || bytes(join(dir, kept[1]!)).equals(first)).toBe(true);
    expect(kept.map((f) => bytes(join(dir, f))).some((b) => b.equals(afterImport))).toBe(true);
  });

  it('names backups t.<local time>.bak.xlsx and adds a counter when one second holds two', async () => {
    const dir = tempDir();
    const file = join(dir, 't.xlsx');
    writeFileSync(file, 'one');
    const at = new Date(2026, 10, 30, 9, 14, 2);
    expect(backupName(file, at)).toBe(join(dir, 't.2026-11-30T09-14-02.bak.xlsx'));
    const a = await keepBackup(file, () => at);
    writeFileSync(file, 'two');
    const b = await keepBackup(file, () => at);
    expect(a).toBe(join(dir, 't.2026-11-30T09-14-02.bak.xlsx'));
    expect(b).toBe(join(dir, 't.2026-11-30T09-14-02.2.bak.xlsx'));
    expect(readFileSync(a, 'utf8')).toBe('one');
    expect(readFileSync(b, 'utf8')).toBe('two');
  });
});

describe('writes go through a temporary file in the same folder', { timeout: 180_000 }, () => {
  it('leaves the old file whole when the write fails', async () => {
    const dir = tempDir();
    const file = join(dir, 'logs.csv');
    writeFileSync(file, 'kept');
    // A string that cannot be encoded does not fail in Node; a directory as the target makes the rename fail.
    await expect(writeTextSafely(join(dir), 'x')).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('kept');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('explains a directory given as --out', async () => {
    const dir = tempDir();
    expect(await exportTargetProblem(dir, ['t.xlsx'])).toContain('is a directory');
  });
});
