// `caseload import-caseload --sheet`: the same merge as on a file, written to a Google Sheet (the local Sheets API
// server) in one batchUpdate — matched pupils' changed cells updated, a new pupil appended, leavers listed and kept,
// and the Targets and Log tabs exactly as they were.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadXlsxInto, startSheetsServer, type SheetsServer } from '../../sheets-server';
import { runMain } from '../cli/run-main';
import { tempDir } from '../cli/run-cli';

let server: SheetsServer;
afterEach(async () => server?.close());

let demo: string;
beforeAll(async () => {
  demo = join(tempDir('caseload-import-sheets-'), 'demo.xlsx');
  const made = await runMain(['init', demo, '--demo']);
  expect(made.code, made.stderr).toBe(0);
}, 120_000);

const ID = 'demo-sheet';
const BROMCOM = join(import.meta.dirname, '..', 'fixtures', 'mis-exports', 'bromcom-students.csv');

describe('caseload import-caseload --sheet', { timeout: 120_000 }, () => {
  it('updates matched pupils in place, appends the new one, keeps leavers, touches no target or log', async () => {
    const dir = tempDir('caseload-import-sheets-');
    copyFileSync(demo, join(dir, 'demo.xlsx'));
    server = await startSheetsServer();
    await loadXlsxInto(server, ID, join(dir, 'demo.xlsx'));
    const before = server.workbook(ID);
    const tab = (wb: typeof before, name: string) => wb.sheets.find((s) => s.name === name)!.values;

    const res = await runMain([
      'import-caseload',
      '--sheet',
      ID,
      '--token',
      'test-token',
      '--root-url',
      `${server.url}/`,
      BROMCOM,
      '--today',
      '2026-11-23',
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Updated Mo Iqbal (P013, matched by UPN)');
    expect(res.stdout).toMatch(/Not in this file, so possibly left: .*\(P001\)/);
    expect(server.requests.filter((r) => r.operation === 'spreadsheets.batchUpdate')).toHaveLength(1);

    const after = server.workbook(ID);
    const [header, ...rows] = tab(after, 'Pupils');
    const col = (h: string) => header!.indexOf(h);
    const mo = rows.find((r) => r[0] === 'P013')!;
    expect([mo[col('First name')], mo[col('Last name')], mo[col('Class')], String(mo[col('Year')])]).toEqual(['Mo', 'Iqbal', '7M', '7']);
    expect(rows.map((r) => r[0])).toEqual([
      ...tab(before, 'Pupils')
        .slice(1)
        .map((r) => r[0]),
      'ADNO-4325',
    ]);
    expect(rows.find((r) => r[0] === 'P001')).toEqual(tab(before, 'Pupils').find((r) => r[0] === 'P001'));
    for (const name of ['Targets', 'Log', 'Reviews']) expect(tab(after, name), name).toEqual(tab(before, name));
  });
});
