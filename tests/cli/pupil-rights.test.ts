// Subject access and erasure for one pupil through the CLI, on the demo school's tracker (a real .xlsx).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from './run-cli';
import { runMain } from './run-main';

const T = { timeout: 180_000 };

async function rowsWith(file: string, id: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const hits: string[] = [];
  wb.eachSheet((ws) => {
    if (ws.state === 'veryHidden') return;
    ws.eachRow((row, n) => {
      const cells = (row.values as unknown[]).map((v) => String(v ?? ''));
      if (cells.some((c) => c === id || c.split(/\s*[,;]\s*/).includes(id))) hits.push(`${ws.name}!${n}`);
    });
  });
  return hits;
}

describe('caseload pupil-export and pupil-erase', T, () => {
  it('exports every tab’s rows about one pupil, then erases them all (dry run first), keeping a backup', async () => {
    const dir = tempDir();
    const file = join(dir, 't.xlsx');
    expect((await runMain(['init', file, '--demo'])).code).toBe(0);
    const before = await rowsWith(file, 'P012');
    expect(before.some((r) => r.startsWith('Pupils!'))).toBe(true);
    expect(before.some((r) => r.startsWith('Targets!'))).toBe(true);
    expect(before.some((r) => r.startsWith('Log!'))).toBe(true);
    expect(before.some((r) => r.startsWith('Rota!'))).toBe(true);

    const exported = await runMain(['pupil-export', file, 'P012']);
    expect(exported.code, exported.stderr).toBe(0);
    const json = JSON.parse(exported.stdout) as { pupilId: string; tabs: Record<string, { Row: number }[]> };
    expect(json.pupilId).toBe('P012');
    const exportedRows = Object.entries(json.tabs).flatMap(([tab, rows]) => rows.map((r) => `${tab}!${r.Row}`));
    expect(exportedRows.sort()).toEqual([...before].sort());

    const original = readFileSync(file);
    const dry = await runMain(['pupil-erase', file, 'P012', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Log: delete rows \d+/);
    expect(readFileSync(file).equals(original)).toBe(true);

    const erased = await runMain(['pupil-erase', file, 'P012']);
    expect(erased.code, erased.stderr).toBe(0);
    expect(await rowsWith(file, 'P012')).toEqual([]);
    // Other pupils are untouched, and the tracker still checks.
    expect((await rowsWith(file, 'P019')).length).toBeGreaterThan(0);
    expect([0, 1]).toContain((await runMain(['check', file, '--today', '2026-11-23'])).code);
    const backups = readdirSync(dir).filter((f) => /^t\..*\.bak\.xlsx$/.test(f));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!)).equals(original)).toBe(true);
    expect((await runMain(['pupil-export', file, 'P012'])).code).toBe(1);
  });

  it('never writes an export over the tracker', async () => {
    const dir = tempDir();
    const file = join(dir, 't.xlsx');
    await runMain(['init', file, '--demo']);
    const original = readFileSync(file);
    const res = await runMain(['pupil-export', file, 'P012', '--out', file, '--force']);
    expect(res.code).toBe(2);
    expect(readFileSync(file).equals(original)).toBe(true);
  });
});
