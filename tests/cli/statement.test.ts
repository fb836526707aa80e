// `caseload statement` on the demo tracker (a real .xlsx written by `caseload init --demo`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli';

// Spawning the CLI on a busy shared machine can take tens of seconds: generous limits, one demo file for both.
const SLOW = 180_000;
let dir = '';
beforeAll(async () => {
  dir = tempDir();
  expect((await runCli(['init', 'demo.xlsx', '--demo'], dir)).code).toBe(0);
}, SLOW);

describe('caseload statement', () => {
  it(
    'writes a printable statement showing funded vs delivered with the reason for the shortfall',
    async () => {
      const res = await runCli(
        [
          'statement',
          'demo.xlsx',
          '--pupil',
          'P004',
          '--from',
          '16/11/2026',
          '--to',
          '2026-11-20',
          '--today',
          '2026-11-23',
          '--out',
          'statement.html',
        ],
        dir,
      );
      expect(res.code, res.stderr).toBe(0);
      expect(res.stderr).toContain('Wrote the statement for P004, 16/11/2026 to 20/11/2026, to statement.html.');
      const html = readFileSync(join(dir, 'statement.html'), 'utf8');
      expect(html).toContain('Maisie-Rose Clarke');
      expect(html).toContain('received 6 h of the 7 h 30 min of 1:1 support funded (80%)');
      expect(html).toContain('<td>18/11/2026</td><td>08:45–10:15</td><td>1:1</td>');
      expect(html).toContain('Redeployed to cover');
      expect(html).toContain('@page { size: A4');
      expect(html).not.toMatch(/<script/i);
    },
    SLOW,
  );

  it(
    'has --help, and says clearly what is wrong with the input',
    async () => {
      const help = await runCli(['statement', '--help'], dir);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: caseload statement <file.xlsx> --pupil <Pupil ID> --from <date> --to <date>');
      const unknown = await runCli(['statement', 'demo.xlsx', '--pupil', 'P999', '--from', '2026-11-16', '--to', '2026-11-20'], dir);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('has no pupil with ID "P999" on its Pupils tab');
      const badDate = await runCli(['statement', 'demo.xlsx', '--pupil', 'P004', '--from', '31/02/2026', '--to', '2026-11-20'], dir);
      expect(badDate.code).toBe(2);
      expect(badDate.stderr).toContain('--from must be a date written YYYY-MM-DD or dd/mm/yyyy (got "31/02/2026")');
    },
    SLOW,
  );
});
