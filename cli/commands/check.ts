// caseload check <file.xlsx> [--today YYYY-MM-DD] [--json]
import { checkWorkbook, gridsOf } from '../../shared/index';
import { parseCommandArgs } from '../args';
import { EXIT, type Command } from '../io';
import { findingsJson, formatFindings } from '../report';
import { openSource } from '../source-for-target';
import { resolveToday } from '../today';
import { parseOptionsOf } from '../tracker';
import { readSource, sayNotATracker } from './load';

export const check: Command = {
  name: 'check',
  summary: 'check a tracker: data, rota, progress, statutory deadlines and training',
  usage: `Usage: caseload check <file.xlsx> [--today YYYY-MM-DD] [--json]

Reads every tab of the tracker and lists what needs attention, grouped into errors, warnings and information,
each with the cell it is about (e.g. Rota!C7).

Options:
  --today YYYY-MM-DD  check as of this date (default: today in Europe/London)
  --json              print {"findings":[…],"summary":{"error":n,"warning":n,"info":n}} instead

Exit status: 0 no errors, 1 errors found, 2 the file could not be used.`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { positionals: ['file.xlsx'], values: ['today'], flags: ['json'] });
    const today = resolveToday(args.values.today);
    const source = openSource(args.positionals[0]!);
    const workbook = await readSource(source, io);
    if (!workbook) return EXIT.unusable;
    const checked = checkWorkbook(gridsOf(workbook), today, parseOptionsOf(workbook));
    if (checked.tabs.length === 0) {
      sayNotATracker(source, workbook, io);
      return EXIT.unusable;
    }
    io.out(args.flags.json ? findingsJson(checked.findings) : formatFindings(source.label, today, checked.findings));
    return checked.summary.error > 0 ? EXIT.findings : EXIT.ok;
  },
};
