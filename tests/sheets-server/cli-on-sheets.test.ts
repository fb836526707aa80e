// The real `caseload` CLI (the built bundle, as a child process) on a Google Sheet served by the local Sheets
// API server: googleapis over HTTP on 127.0.0.1, with a token or a service-account key file.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadXlsxInto, startSheetsServer, type SheetsServer } from '../../sheets-server';
import { root, runCli, tempDir } from '../cli/run-cli';

let server: SheetsServer;
afterEach(async () => server?.close());

/** One demo tracker file for the whole file: each test loads it into a fresh server. */
let demoDir: string;
beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'pipe' });
  demoDir = tempDir('caseload-cli-sheets-');
  const made = await runCli(['init', 'demo.xlsx', '--demo'], demoDir);
  expect(made.code, made.stderr).toBe(0);
}, 120_000);

const ID = 'demo-sheet';
const on = (extra: string[] = []) => ['--sheet', ID, '--token', 'test-token', '--root-url', `${server.url}/`, ...extra];

async function demoOnServer(options: { readOnly?: boolean } = {}) {
  const dir = tempDir('caseload-cli-sheets-');
  copyFileSync(join(demoDir, 'demo.xlsx'), join(dir, 'demo.xlsx'));
  server = await startSheetsServer();
  await loadXlsxInto(server, ID, join(dir, 'demo.xlsx'), options);
  return dir;
}

describe('caseload check --sheet', { timeout: 60_000 }, () => {
  it('finds exactly what it finds in the same tracker as a file, in two reads', async () => {
    const dir = await demoOnServer();
    const fromFile = await runCli(['check', 'demo.xlsx', '--today', '2026-11-23', '--json'], dir);
    const fromSheet = await runCli(['check', ...on(['--today', '2026-11-23', '--json'])], dir);
    expect(fromSheet.code, fromSheet.stderr).toBe(1);
    expect(JSON.parse(fromSheet.stdout)).toEqual(JSON.parse(fromFile.stdout));
    expect(server.requests.map((r) => r.operation)).toEqual(['spreadsheets.get', 'values.batchGet']);
    expect(server.requests[1]!.query['valueRenderOption']).toEqual(['UNFORMATTED_VALUE']);
  });

  it('takes a Sheets URL as the target too', async () => {
    const dir = await demoOnServer();
    const res = await runCli(
      [
        'check',
        `https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0`,
        '--token',
        'test-token',
        '--root-url',
        server.url,
        '--today',
        '2026-11-23',
      ],
      dir,
    );
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain(`Google Sheet ${ID}`);
  });

  it('signs in with a service account key file (self-signed JWT, no token exchange)', async () => {
    const dir = await demoOnServer();
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const email = 'caseload-cli@school.iam.gserviceaccount.com';
    await server.close();
    server = await startSheetsServer({
      tokens: [],
      serviceAccounts: [{ email, publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString() }],
    });
    await loadXlsxInto(server, ID, join(dir, 'demo.xlsx'));
    const key = join(dir, 'key.json');
    writeFileSync(
      key,
      JSON.stringify({
        type: 'service_account',
        client_email: email,
        private_key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        private_key_id: 'k1',
      }),
    );
    const res = await runCli(['check', '--sheet', ID, '--key-file', key, '--root-url', server.url, '--today', '2026-11-23', '--json'], dir);
    expect(res.code, res.stderr).toBe(1);
    expect(JSON.parse(res.stdout).summary.error).toBeGreaterThan(0);
  });

  it('says what went wrong when Google refuses, and exits 2', async () => {
    const dir = await demoOnServer();
    const badToken = await runCli(['check', '--sheet', ID, '--token', 'stale', '--root-url', server.url], dir);
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toContain('(HTTP 401)');
    expect(badToken.stderr).toContain('get a fresh token');
    const missing = await runCli(['check', '--sheet', 'nope', '--token', 'test-token', '--root-url', server.url], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('(HTTP 404)');
    const noCredentials = await runCli(['check', '--sheet', ID, '--root-url', server.url], dir);
    expect(noCredentials.code).toBe(2);
    expect(noCredentials.stderr).toContain('no Google credentials');
  });
});

describe('caseload init --sheet', { timeout: 60_000 }, () => {
  it('adds the missing tabs, headers, validation, protection and metadata in one batchUpdate, touching no data', async () => {
    const dir = tempDir('caseload-cli-sheets-');
    server = await startSheetsServer({
      workbooks: {
        [ID]: {
          sheets: [
            {
              name: 'Pupils',
              values: [
                ['Pupil ID', 'First name', 'Last name'],
                ['P1', 'Amara', 'Okafor'],
              ],
            },
            { name: 'Notes', values: [['Anything', '=keep me']] },
          ],
        },
      },
    });
    const res = await runCli(['init', ...on()], dir);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Added the Log tab.');
    const writes = server.requests.filter((r) => r.operation === 'spreadsheets.batchUpdate');
    expect(writes).toHaveLength(1);
    const wb = server.workbook(ID);
    expect(wb.sheets.map((s) => s.name)).toEqual([
      'Pupils',
      'Notes',
      'Targets',
      'Staff',
      'Training',
      'Rota',
      'Absence',
      'Log',
      'Reviews',
      'Settings',
    ]);
    const pupils = wb.sheets[0]!;
    expect(pupils.values[1]).toEqual(['P1', 'Amara', 'Okafor']);
    expect(pupils.values[0]!.slice(0, 4)).toEqual(['Pupil ID', 'First name', 'Last name', 'UPN']);
    expect(pupils.metadata).toEqual({ 'caseload:tab': 'pupils' });
    expect(wb.sheets[1]).toEqual({ name: 'Notes', values: [['Anything', '=keep me']] });
    expect(wb.sheets.find((s) => s.name === 'Log')!.values[0]![0]).toBe('Log ID');
    expect(wb.sheets.find((s) => s.name === 'Settings')!.values).toContainEqual(['Timezone', 'Europe/London']);
    const state = server.state.spreadsheets.get(ID)!;
    const log = state.sheets.find((s) => s.title === 'Log')!;
    expect(log.frozenRowCount).toBe(1);
    expect(log.protectedRanges).toHaveLength(1);
    expect(log.protectedRanges[0]).toMatchObject({ warningOnly: true });
    const kind = log.dataValidations.find((v) => v.range.startColumnIndex === 4);
    expect(JSON.stringify(kind?.rule)).toContain('Medication');
    // The new Pupils columns got the core's validation policy too (drop-downs for Year, EHCP, Phase transfer; date
    // and number rules for EHCP issued, Last annual review, Funded hours), all warning-only; the old ones were left alone.
    const pupilsSheet = state.sheets.find((s) => s.title === 'Pupils')!;
    expect(pupilsSheet.dataValidations.map((v) => v.range.startColumnIndex).sort((a, b) => a! - b!)).toEqual([5, 8, 9, 10, 11, 12, 14]);
    expect(pupilsSheet.dataValidations.every((v) => (v.rule as { strict?: boolean }).strict === false)).toBe(true);
    expect(JSON.stringify(pupilsSheet.dataValidations.find((v) => v.range.startColumnIndex === 10)?.rule)).toContain('DATE_IS_VALID');

    const again = await runCli(['init', ...on()], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing to add');
    expect(server.requests.filter((r) => r.operation === 'spreadsheets.batchUpdate')).toHaveLength(1);
    // And the result reads as a tracker.
    const check = await runCli(['check', ...on(['--json'])], dir);
    expect(JSON.parse(check.stdout).findings.filter((f: { code: string }) => f.code === 'HEADER_MISSING')).toEqual([]);
  });

  it('a read-only sheet: Google refuses the change and nothing is applied', async () => {
    const dir = tempDir('caseload-cli-sheets-');
    server = await startSheetsServer({ workbooks: { [ID]: { sheets: [{ name: 'Pupils', values: [['Pupil ID']] }] } }, readOnly: [ID] });
    const res = await runCli(['init', ...on()], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('(HTTP 403)');
    expect(server.workbook(ID).sheets.map((s) => s.name)).toEqual(['Pupils']);
  });
});

describe('caseload export-logs --sheet', { timeout: 60_000 }, () => {
  it('writes the same CSV as from the file', async () => {
    const dir = await demoOnServer();
    const a = await runCli(['export-logs', 'demo.xlsx', '--out', 'from-file.csv'], dir);
    const b = await runCli(['export-logs', ...on(['--out', 'from-sheet.csv'])], dir);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const csv = readFileSync(join(dir, 'from-sheet.csv'), 'utf8');
    expect(csv).toBe(readFileSync(join(dir, 'from-file.csv'), 'utf8'));
    expect(csv.split('\n').length).toBeGreaterThan(50);
  });
});

describe('caseload on a Sheet owned by someone else (Google’s sharing model)', { timeout: 60_000 }, () => {
  const SENCO = 'p.raman@kestrellane.example';
  const LSA = 'g.adeyemi@kestrellane.example';
  const asLsa = (extra: string[] = []) => ['--sheet', ID, '--token', 'lsa-token', '--root-url', `${server.url}/`, ...extra];

  async function sharedDemo() {
    const dir = tempDir('caseload-cli-sheets-');
    copyFileSync(join(demoDir, 'demo.xlsx'), join(dir, 'demo.xlsx'));
    server = await startSheetsServer({
      tokens: [{ token: 'lsa-token', email: LSA, scopes: ['https://www.googleapis.com/auth/spreadsheets'] }],
    });
    await loadXlsxInto(server, ID, join(dir, 'demo.xlsx'), { owner: SENCO });
    return dir;
  }

  it('not shared: Google’s 403, and what to ask for', async () => {
    const dir = await sharedDemo();
    const res = await runCli(['check', ...asLsa()], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('The caller does not have permission (HTTP 403)');
    expect(res.stderr).toContain('This account cannot open the Sheet: ask the Sheet’s owner to share it with this account');
  });

  it('shared as a viewer: check reads it; set-up is refused as a viewer’s change and nothing is written', async () => {
    const dir = await sharedDemo();
    server.sharing.share(ID, LSA, 'reader');
    const check = await runCli(['check', ...asLsa(['--today', '2026-11-23'])], dir);
    expect(check.code, check.stderr).toBe(1); // the demo tracker's deliberate problems
    // Remove a tab, so init has something to add.
    const state = server.state.spreadsheets.get(ID)!;
    const gone = state.sheets.pop()!;
    state.developerMetadata = state.developerMetadata.filter(
      (m) => !(m.location.locationType === 'SHEET' && m.location.sheetId === gone.sheetId),
    );
    const before = JSON.stringify(server.workbook(ID));
    const init = await runCli(['init', ...asLsa()], dir);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('This account can view the Sheet but not change it: ask the Sheet’s owner to make it an editor');
    expect(JSON.stringify(server.workbook(ID))).toBe(before);
  });

  it('shared as an editor: the CLI works on it', async () => {
    const dir = await sharedDemo();
    server.sharing.share(ID, LSA, 'writer');
    const res = await runCli(['check', ...asLsa(['--today', '2026-11-23', '--json'])], dir);
    expect(res.code, res.stderr).toBe(1);
    expect(JSON.parse(res.stdout).summary.error).toBeGreaterThan(0);
  });
});
