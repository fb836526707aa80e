// The `caseload` bin runs a bundle in dist/cli. After a pull it must not run the previous version: when any source
// the bundle was built from is newer than it, the bin rebuilds first. Run on a copy of the project's CLI, core and
// build script in a temp folder, so the real dist/ that other CLI tests use is never rebuilt under them.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, tempDir } from './run-cli';

let copy: string;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(copy, 'cli', 'bin', 'caseload.mjs'), ...args],
      { cwd: copy, encoding: 'utf8' },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

const bundle = () => join(copy, 'dist', 'cli', 'caseload.mjs');
const HOUR_AGO = new Date(Date.now() - 3_600_000);

beforeAll(() => {
  copy = tempDir('caseload-bin-');
  for (const dir of ['cli', 'shared', 'demo']) cpSync(join(root, dir), join(copy, dir), { recursive: true });
  mkdirSync(join(copy, 'scripts'));
  cpSync(join(root, 'scripts', 'build-cli.mjs'), join(copy, 'scripts', 'build-cli.mjs'));
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('the caseload bin rebuilds a stale bundle', () => {
  it('builds the bundle when it is missing and records its sources', async () => {
    const r = await run(['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\s+check\s+check a tracker/m);
    const inputs = JSON.parse(readFileSync(join(copy, 'dist', 'cli', 'inputs.json'), 'utf8')) as string[];
    expect(inputs).toContain('cli/main.ts');
    expect(inputs).toContain('shared/index.ts');
  }, 180_000);

  it('runs the existing bundle untouched when no source is newer', async () => {
    utimesSync(bundle(), HOUR_AGO, HOUR_AGO);
    // Every recorded input older than the bundle: no rebuild, so the bundle keeps its old time.
    const inputs = JSON.parse(readFileSync(join(copy, 'dist', 'cli', 'inputs.json'), 'utf8')) as string[];
    for (const f of inputs)
      if (!f.includes('node_modules')) utimesSync(join(copy, f), new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    const r = await run(['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(Math.abs(statSync(bundle()).mtimeMs - HOUR_AGO.getTime())).toBeLessThan(1000);
  }, 180_000);

  it('rebuilds after a source changed (as after a pull) and runs the new code', async () => {
    const file = join(copy, 'cli', 'commands', 'check.ts');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('check a tracker:');
    writeFileSync(file, text.replace('check a tracker:', 'check a freshly pulled tracker:'));
    const r = await run(['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('check a freshly pulled tracker:');
    expect(statSync(bundle()).mtimeMs).toBeGreaterThan(HOUR_AGO.getTime() + 60_000);
  }, 180_000);
});
