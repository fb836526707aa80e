// caseload import-caseload <file.xlsx> <pupils.csv>
import { readFile } from 'node:fs/promises';
import { parseCaseloadCsv } from '../../shared/index';
import { planImport } from '../../shared/index';
import { parseCommandArgs } from '../args';
import { EXIT, type Command } from '../io';
import { openSource } from '../source-for-target';
import { readSource } from './load';

export const importCaseload: Command = {
  name: 'import-caseload',
  summary: 'add pupils (or targets) from a CSV to a tracker',
  usage: `Usage: caseload import-caseload <file.xlsx> <pupils.csv>

Reads a CSV of pupils (Pupil ID, First name, Last name, and any other Pupils columns; MIS headings such as
Forename, Surname and Year group work too) or of targets (with a Target column) and appends them to the tracker.
Pupils or targets already in the tracker are left as they are. If any line of the CSV has a problem, nothing is
imported and every problem is listed with its line number.`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { positionals: ['file.xlsx', 'pupils.csv'] });
    const [file, csvPath] = args.positionals as [string, string];
    let text: string;
    try {
      text = await readFile(csvPath, 'utf8');
    } catch {
      io.err(`caseload: ${csvPath}: no such file.`);
      return EXIT.unusable;
    }
    const parsed = parseCaseloadCsv(text);
    if (parsed.errors.length > 0) {
      for (const e of parsed.errors) io.err(`${csvPath}: ${e.message}`);
      io.err(`Nothing was imported: fix ${csvPath} and run this again.`);
      return EXIT.findings;
    }
    const source = openSource(file);
    if (!(await source.exists())) {
      io.err(`caseload: ${file}: no such file. Make one first with "caseload init ${file}".`);
      return EXIT.unusable;
    }
    const wb = await readSource(source, io);
    if (!wb) return EXIT.unusable;
    const plan = parsed.targets ? planImport(wb, 'targets', parsed.targets) : planImport(wb, 'pupils', parsed.pupils);
    const { backup } = await source.apply(plan.changes);
    for (const line of plan.added) io.out(line);
    for (const line of plan.skipped) io.err(`Not changed: ${line}`);
    if (plan.imported === 0) io.out('Nothing new to import.');
    else if (backup) io.out(`The original is kept as ${backup}.`);
    return EXIT.ok;
  },
};
