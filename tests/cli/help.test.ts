// Every command answers --help with its own usage and exit 0, and the overview lists every command. The list
// comes from the CLI's registry, so a new command gets this test without anyone adding a row.
import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../cli/index';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('caseload --help', () => {
  it('lists every registered command in the overview', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    for (const cmd of COMMANDS)
      expect(c.out.join('\n')).toMatch(
        new RegExp(`^  ${cmd.name}\\s+${cmd.summary.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'),
      );
  });

  for (const cmd of COMMANDS) {
    it(`${cmd.name} --help prints its usage and exits 0`, async () => {
      const c = capture();
      expect(await main([cmd.name, '--help'], c.io)).toBe(0);
      expect(c.out.join('\n')).toContain(`Usage: caseload ${cmd.name}`);
      expect(c.err).toEqual([]);
    });
  }
});
