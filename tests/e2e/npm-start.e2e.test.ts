// `npm start` as README promises it, headless (no display, as on this machine and in CI): the demo build with its
// closed shadow roots, every demo page badged and a panel opened on each, one log from the overlay reaching the
// local Sheet, the popup saying "Synced", and Ctrl-C saving the Sheet to demo-out/. Runs scripts/start.mjs itself
// (npm start is `setup.mjs --browser && start.mjs`; set-up has already run for the tests), so a change that breaks
// the demo tour fails here instead of on someone's first run.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** Run start.mjs until `done` matches a line of its output (or it exits); resolves with everything it printed. */
function runStart(done: RegExp, timeoutMs: number): Promise<{ out: string; exited: boolean }> {
  const env = { ...process.env };
  // start.mjs refuses to run under CI (it stays up until Ctrl-C), and opens a window when DISPLAY is set.
  delete env.CI;
  delete env.DISPLAY;
  const proc = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let out = '';
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ out, exited: false }), timeoutMs);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (done.test(out)) {
        clearTimeout(timer);
        resolve({ out, exited: false });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', () => {
      clearTimeout(timer);
      resolve({ out, exited: true });
    });
  });
}

describe('npm start, headless', { timeout: 300_000 }, () => {
  it('badges every demo page, opens a panel on each through the closed roots, logs once to the Sheet, and saves it on Ctrl-C', async () => {
    const { out, exited } = await runStart(/headless demo ready/, 240_000);
    expect(exited, out).toBe(false);
    expect(out).toContain('headless demo ready');

    const pages = out.split('\n').filter((l) => / badge\(s\) → /.test(l));
    expect(pages.length, out).toBeGreaterThanOrEqual(15);
    for (const line of pages) {
      expect(line, line).not.toMatch(/: 0 badge\(s\)/);
      // The panel screenshot is taken only when a badge opened a panel that showed targets or "Which pupil?".
      expect(line, line).toMatch(/-panel\.png$/);
    }
    // The register is counted once its whole first scan is done: every caseload pupil on it.
    expect(out).toMatch(/\/register: 30 badge\(s\)/);
    expect(out).toMatch(/logged on demo\.uk\.arbor\.sc: the row was in the Sheet's Log tab \d+ ms after the tap/);
    expect(out).toContain('(tracker: "Synced")');

    // Ctrl-C: the Sheet, with the Log row the overlay wrote, is saved back to demo-out/.
    const proc = child!;
    const stopped = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    let tail = '';
    proc.stdout!.on('data', (b: Buffer) => {
      tail += b.toString();
    });
    proc.kill('SIGINT');
    expect(await stopped).toBe(0);
    expect(tail).toContain('saved the Sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(ROOT, 'demo-out', 'demo-tracker.xlsx'));
    const log = wb.getWorksheet('Log')!;
    const header = (log.getRow(1).values as unknown[]).map(String);
    const rating = header.indexOf('Rating');
    expect(rating, header.join(', ')).toBeGreaterThan(0);
    expect(String(log.getRow(log.rowCount).getCell(rating).value)).toBe('Secure');
  });
});
