// caseload export-logs <file.xlsx> [--out logs.csv] [--force]
import { writeFile, stat } from 'node:fs/promises';
import { logsToCsv } from '../../shared/index';
import { parseCommandArgs } from '../args';
import { EXIT, type Command } from '../io';
import { openSource } from '../source-for-target';
import { loadTracker } from './load';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export const exportLogs: Command = {
  name: 'export-logs',
  summary: 'write the Log tab as a CSV that is safe to open in a spreadsheet',
  usage: `Usage: caseload export-logs <file.xlsx> [--out logs.csv] [--force]

Writes every log entry as CSV (UTF-8, RFC 4180). Text that a spreadsheet would run as a formula (starting with
=, +, -, @, a tab or a carriage return) is written with a leading ' so it stays text.

Options:
  --out FILE  write to FILE instead of standard output (an existing FILE is kept unless --force)
  --force     replace FILE if it exists`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { positionals: ['file.xlsx'], values: ['out'], flags: ['force'] });
    const source = openSource(args.positionals[0]!);
    const out = args.values.out;
    if (out !== undefined && !args.flags.force && (await exists(out))) {
      io.err(`caseload: ${out} already exists; add --force to replace it.`);
      return EXIT.unusable;
    }
    const loaded = await loadTracker(source, io);
    if (!loaded) return EXIT.unusable;
    if (!loaded.tabs.includes('log')) {
      io.err(`caseload: ${source.label} has no Log tab to export.`);
      return EXIT.unusable;
    }
    const problems = loaded.findings.filter((f) => f.tab === loaded.tracker.layout.log?.name && f.severity === 'error').length;
    if (out === undefined) {
      io.out(logsToCsv(loaded.tracker.logs, { bom: false }));
    } else {
      await writeFile(out, logsToCsv(loaded.tracker.logs), 'utf8');
      io.err(`Wrote ${loaded.tracker.logs.length} log entr${loaded.tracker.logs.length === 1 ? 'y' : 'ies'} to ${out}.`);
    }
    if (problems > 0) io.err(`${problems} Log row problem${problems === 1 ? '' : 's'} left some rows out: run "caseload check ${source.label}" to see where.`);
    return EXIT.ok;
  },
};
