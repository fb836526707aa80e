// caseload import-caseload <file.xlsx> <pupils.csv> [--keep ID=ROW]… [--today YYYY-MM-DD]
// The core's one import pipeline (previewImport: parse, the same checks as `check`, a preview, the merge with the
// tracker's caseload), then planTrackerImport writes what the preview promised: new pupils or targets appended,
// pupils matched by Pupil ID, UPN or admission number updated in place (only the cells that changed), leavers listed
// and never removed. The preview is printed first, so nothing is left out without being named; the file's original
// is kept as a timestamped backup (cli/file-safety.ts).
import { InputFileError, readCsvText } from '../input-guard';
import { describePreview, planTrackerImport, previewImport } from '../../shared/index';
import { parseCommandArgs, UsageError } from '../args';
import { EXIT, type Command } from '../io';
import { openSource } from '../source-for-target';
import { parseWorkbook } from '../tracker';
import { resolveToday } from '../today';
import { readSource } from './load';

function keepChoices(values: readonly string[], tab: 'pupils' | 'targets'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) {
    const m = /^(.+)=(\d+)$/.exec(v);
    if (!m) throw new UsageError(`--keep takes ID=LINE, e.g. --keep P001=7 (got "${v}").`);
    out[`${tab}:${m[1]}`] = Number(m[2]);
  }
  return out;
}

export const importCaseload: Command = {
  name: 'import-caseload',
  summary: 'add pupils (or targets) from a CSV or an MIS export to a tracker',
  usage: `Usage: caseload import-caseload <file.xlsx> <pupils.csv> [--keep ID=LINE] [--today YYYY-MM-DD]

Reads a CSV of pupils (Pupil ID, First name, Last name, and any other Pupils columns) or an MIS pupil-list export
(SIMS, Arbor, Bromcom, ScholarPack, Provision Map: Forename, Surname, Reg Group, Year Group, UPN, Adno, SEN Status…;
without a Pupil ID column, IDs are made from the UPN or admission number), or a CSV of targets (with a Target
column), runs the same checks as "caseload check", prints what will be stored, every row left out with its line
and reason, and every column not used, then merges it into the tracker: new pupils or targets are added; pupils
already there (matched by Pupil ID, then UPN, then admission number) get the names, class, year group and other
columns the file has updated in their own row; pupils not in the file are listed as possible leavers and never
removed. Targets, logs and notes are never changed. The original file is kept as a timestamped .bak.xlsx beside it.
If any row is left out, nothing is imported: fix the CSV, or for an ID on two lines choose one with --keep ID=LINE.`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { positionals: ['file.xlsx', 'pupils.csv'], values: ['today', 'keep'] });
    const [file, csvPath] = args.positionals as [string, string];
    const today = resolveToday(args.values.today);
    let text: string;
    try {
      text = await readCsvText(csvPath);
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      io.err(`caseload: ${e.message}`);
      return EXIT.unusable;
    }
    const source = openSource(file);
    if (!(await source.exists())) {
      io.err(`caseload: ${file}: no such file. Make one first with "caseload init ${file}".`);
      return EXIT.unusable;
    }
    const wb = await readSource(source, io);
    if (!wb) return EXIT.unusable;
    const { tracker } = parseWorkbook(wb);
    const keepArg = args.values.keep;
    const keeps = keepArg === undefined ? [] : [keepArg];
    const csvSource = { kind: 'csv' as const, name: csvPath, text };
    const first = previewImport(csvSource, tracker, today);
    const tab = first.kind === 'targets' ? 'targets' : 'pupils';
    const preview = keeps.length ? previewImport(csvSource, tracker, today, { keep: keepChoices(keeps, tab) }) : first;
    const lines = describePreview(preview, { into: 'tracker' });
    // A row left out because the person chose the other row of its duplicated ID does not block the import.
    const resolved = new Set(preview.duplicates.filter((d) => d.kept !== undefined).flatMap((d) => d.rows.map((r) => `${d.tab}:${r.row}`)));
    const blocking = preview.refused.filter((r) => !resolved.has(`${r.tab}:${r.row}`));
    if (blocking.length > 0 || preview.fileProblems.length > 0) {
      for (const line of lines.slice(1)) io.err(line.startsWith('Left out: ') ? line.slice('Left out: '.length) : line);
      const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
      if (firstLine.includes(';') && !firstLine.includes(','))
        io.err(`${csvPath} is separated by semicolons; save it again as "CSV (comma delimited)".`);
      io.err(`Nothing was imported: fix ${csvPath} and run this again.`);
      // A file with nothing usable in it (no header Caseload knows, no rows) cannot be used at all: exit 2 as README
      // says; problems on some rows of a usable file are findings (1).
      const headerUnusable = preview.refused.some((r) => r.reasons.some((why) => /has no "[^"]+" column, which is required/.test(why)));
      const nothingUsable =
        headerUnusable || (preview.fileProblems.length > 0 && preview.result.pupils.length === 0 && preview.result.targets.length === 0);
      return nothingUsable ? EXIT.unusable : EXIT.findings;
    }
    for (const line of lines) io.out(line);
    const plan = planTrackerImport(wb, preview);
    const { backup } = await source.apply(plan.changes);
    for (const line of plan.added) io.out(line);
    for (const line of plan.skipped) io.err(`Not changed: ${line}`);
    if (plan.imported === 0 && plan.updated === 0) io.out('Nothing new to import.');
    else if (backup) io.out(`The original is kept as ${backup}.`);
    return EXIT.ok;
  },
};
