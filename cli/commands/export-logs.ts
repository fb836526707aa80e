// caseload export-logs <file.xlsx> [--out logs.csv] [--force] [--audit] [--progress]
// By default the logs as they now stand (shared/corrections.ts effectiveLogs): each Log ID once, voided logs left
// out, edits applied. --audit writes every row of the Log tab as it is, Correction rows included.
import { stat } from 'node:fs/promises';
import { exportTargetProblem, writeTextSafely } from '../file-safety';
import { effectiveLogs, readableLogsToCsv } from '../../shared/index';
import { parseCommandArgs } from '../args';
import { EXIT, type Command } from '../io';
import { openSource } from '../source-for-target';
import { loadTracker } from './load';
import { progress } from '../progress';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export const exportLogs: Command = {
  name: 'export-logs',
  summary: 'write the Log tab as a CSV that is safe to open in a spreadsheet',
  usage: `Usage: caseload export-logs <file.xlsx> [--out logs.csv] [--force] [--audit] [--progress]

Writes the logs as CSV (UTF-8, RFC 4180), as they now stand: corrections applied (a voided log is left out, an
edited one appears once with its new values, a Log ID written twice appears once). With --audit, every row of the
Log tab instead, Correction rows included: the full audit trail. Beside the ids stand the pupil's name, the
target's text and the staff member's name, and beside the ISO time stamp the local date and time (dd/mm/yyyy
HH:MM, in the tracker's time zone). Text that a spreadsheet would run as a formula (starting with
=, +, -, @, a tab or a carriage return) is written with a leading ' so it stays text.

Options:
  --out FILE  write to FILE instead of standard output (an existing FILE is kept unless --force)
  --force     replace FILE if it is an earlier CSV export (never the tracker, nor any .xlsx/.xlsm file)
  --audit     every row of the Log tab as it is, Correction rows included
  --progress  report rows read on standard error after a second (always on a terminal)

Reads the Log, and the Pupils, Targets, Staff and Settings tabs for the names and time zone; the rota, absences
and reviews are not even decompressed.`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { positionals: ['file.xlsx'], values: ['out'], flags: ['force', 'audit', 'progress'] });
    const source = openSource(args.positionals[0]!);
    const out = args.values.out;
    if (out !== undefined) {
      const problem = await exportTargetProblem(out, [args.positionals[0]!]);
      if (problem) {
        io.err(`caseload: ${problem}`);
        return EXIT.unusable;
      }
    }
    if (out !== undefined && !args.flags.force && (await exists(out))) {
      io.err(`caseload: ${out} already exists; add --force to replace it.`);
      return EXIT.unusable;
    }
    const shown = progress(io, `Reading ${source.label}`, { asked: args.flags.progress === true });
    // The Log, and what names its codes; the other tabs are not even decompressed.
    const loaded = await loadTracker(source, io, { tabs: ['log', 'pupils', 'targets', 'staff', 'settings'], onRows: (n) => shown.rows(n) });
    shown.done();
    if (!loaded) return EXIT.unusable;
    if (!loaded.tabs.includes('log')) {
      io.err(`caseload: ${source.label} has no Log tab to export.`);
      return EXIT.unusable;
    }
    const problems = loaded.findings.filter((f) => f.tab === loaded.tracker.layout.log?.name && f.severity === 'error').length;
    const { tracker } = loaded;
    const names = { pupils: tracker.pupils, targets: tracker.targets, staff: tracker.staff, timeZone: tracker.settings.timezone };
    const logs = args.flags.audit ? tracker.logs : effectiveLogs(tracker.logs);
    if (out === undefined) {
      io.out(readableLogsToCsv(logs, names, { bom: false }));
    } else {
      await writeTextSafely(out, readableLogsToCsv(logs, names));
      io.err(
        `Wrote ${logs.length} ${args.flags.audit ? 'Log row' : 'log entr'}${args.flags.audit ? (logs.length === 1 ? '' : 's') : logs.length === 1 ? 'y' : 'ies'} to ${out}.`,
      );
    }
    if (problems > 0)
      io.err(
        `${problems} Log row problem${problems === 1 ? '' : 's'} left some rows out: run "caseload check ${source.label}" to see where.`,
      );
    return EXIT.ok;
  },
};
