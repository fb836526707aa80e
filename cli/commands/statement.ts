// caseload statement <file.xlsx|--sheet …> --pupil <id> --from <date> --to <date> [--out statement.html]
import { stat, writeFile } from 'node:fs/promises';
import { buildStatement, renderStatementHtml } from '../../shared/index';
import { formatUkDate, isIsoDate } from '../../shared/index';
import { parseCommandArgs, UsageError } from '../args';
import { EXIT, type Command } from '../io';
import { openSource } from '../source-for-target';
import { resolveToday } from '../today';
import { loadTracker } from './load';

/** `--from`/`--to` as YYYY-MM-DD or dd/mm/yyyy (how a SENCo writes dates). */
function dateOption(name: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`--${name} is required (a date, e.g. 2026-11-16 or 16/11/2026).`);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : value.trim();
  if (!isIsoDate(iso)) throw new UsageError(`--${name} must be a date written YYYY-MM-DD or dd/mm/yyyy (got "${value}").`);
  return iso;
}

export const statement: Command = {
  name: 'statement',
  summary: 'write a printable provision and progress statement for one pupil (for the review meeting)',
  usage: `Usage: caseload statement <file.xlsx> --pupil <Pupil ID> --from <date> --to <date> [--out statement.html] [--force] [--today YYYY-MM-DD]

Writes one pupil's statement for a date range as a single HTML page that prints on A4: funded, rostered and
delivered 1:1 hours by week, each missed session with its reason, and progress against each target (ratings
and prompt levels over time) in plain English. Print it, or save it as PDF, from any browser.

Options:
  --pupil ID          the pupil's ID on the Pupils tab
  --from DATE         first day of the period (YYYY-MM-DD or dd/mm/yyyy)
  --to DATE           last day of the period
  --out FILE          write to FILE instead of standard output (an existing FILE is kept unless --force)
  --force             replace FILE if it exists
  --today YYYY-MM-DD  judge "not recorded" as of this date (default: today in Europe/London)

Exit status: 0 written, 2 the input could not be used.`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { positionals: ['file.xlsx'], values: ['pupil', 'from', 'to', 'out', 'today'], flags: ['force'] });
    const pupilId = args.values.pupil?.trim();
    if (!pupilId) throw new UsageError('--pupil is required (the Pupil ID from the Pupils tab).');
    const from = dateOption('from', args.values.from);
    const to = dateOption('to', args.values.to);
    if (to < from) throw new UsageError(`--to (${formatUkDate(to)}) is before --from (${formatUkDate(from)}).`);
    const today = resolveToday(args.values.today);
    const out = args.values.out;
    if (
      out !== undefined &&
      !args.flags.force &&
      (await stat(out).then(
        () => true,
        () => false,
      ))
    ) {
      io.err(`caseload: ${out} already exists; add --force to replace it.`);
      return EXIT.unusable;
    }
    const source = openSource(args.positionals[0]!);
    const loaded = await loadTracker(source, io);
    if (!loaded) return EXIT.unusable;
    const pupils = loaded.tracker.pupils;
    if (!pupils.some((p) => p.id === pupilId)) {
      const known = pupils
        .slice(0, 8)
        .map((p) => p.id)
        .join(', ');
      io.err(
        `caseload: ${source.label} has no pupil with ID "${pupilId}" on its ${loaded.tracker.layout.pupils?.name ?? 'Pupils'} tab${known ? ` (IDs there include ${known})` : ''}.`,
      );
      return EXIT.unusable;
    }
    const html = renderStatementHtml(buildStatement(loaded.tracker, { pupilId, from, to, today }));
    if (out === undefined) io.out(html);
    else {
      await writeFile(out, html, 'utf8');
      io.err(`Wrote the statement for ${pupilId}, ${formatUkDate(from)} to ${formatUkDate(to)}, to ${out}.`);
    }
    return EXIT.ok;
  },
};
