// caseload export-logs <file.xlsx> [--out logs.csv] [--force] [--audit] [--progress]
// By default the logs as they now stand (shared/corrections.ts effectiveLogs): each Log ID once, voided logs left
// out, edits applied. --audit writes every row of the Log tab as it is, Correction rows included.
import { stat } from 'node:fs/promises';
import { exportTargetProblem, writeStreamSafely } from '../file-safety';
import { effectiveLogs, readableLogsToCsv, type LogNames, type Tracker, type Workbook } from '../../shared/index';
import { parseCommandArgs } from '../args';
import { EXIT, type Command, type Io } from '../io';
import { planLogExport, writeLogExport } from '../log-export';
import type { TrackerSource } from '../tracker-source';
import { parseWorkbook } from '../tracker';
import { XlsxSource, type OpenedTrackerFile } from '../xlsx';
import { openSource } from '../source-for-target';
import { loadTracker, sayNotATracker } from './load';
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
and reviews are not even decompressed. A local file's Log is streamed (read twice, no row kept), so memory
hardly grows with the Log.`,
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
    const audit = args.flags.audit === true;
    const sink = out === undefined ? { bom: false, write: (text: string) => io.out(text) } : undefined;
    const result =
      source instanceof XlsxSource
        ? await streamedExport(source, io, { audit, out, sink, onRows: (n) => shown.rows(n) })
        : await wholeExport(source, io, { audit, out, sink, onRows: (n) => shown.rows(n) });
    shown.done();
    if (typeof result === 'number') return result;
    const { written, problems } = result;
    if (out !== undefined)
      io.err(
        `Wrote ${written} ${audit ? 'Log row' : 'log entr'}${audit ? (written === 1 ? '' : 's') : written === 1 ? 'y' : 'ies'} to ${out}.`,
      );
    if (problems > 0)
      io.err(
        `${problems} Log row problem${problems === 1 ? '' : 's'} left some rows out: run "caseload check ${source.label}" to see where.`,
      );
    return EXIT.ok;
  },
};

/** The tabs that name the Log's codes: Pupils (pupil names), Targets (target text), Staff (staff names) and
 * Settings (the time zone for the local time). Nothing else is read: the rota, absences, training and reviews say
 * nothing about a log. */
const NAMING_TABS = ['pupils', 'targets', 'staff', 'settings'] as const;

interface ExportOptions {
  audit: boolean;
  out: string | undefined;
  /** Standard output, when there is no --out. */
  sink: { bom: boolean; write: (text: string) => void } | undefined;
  onRows: (rows: number) => void;
}

type ExportResult = number | { written: number; problems: number };

/** Write to --out (through a temporary file and a rename) or to standard output, in pieces. */
function writeTo<T>(opts: ExportOptions, fill: (sink: { bom: boolean; write: (text: string) => void }) => Promise<T>): Promise<T> {
  if (opts.sink) return fill(opts.sink);
  return writeStreamSafely(opts.out!, (write) => fill({ bom: true, write }));
}

/** Rows read so far across reads that each count from 0 (the naming tabs, then each pass over the Log), so the
 * progress line only goes up. */
function runningCount(report: (rows: number) => void): { rows: (n: number) => void; next: () => void } {
  let before = 0;
  let last = 0;
  return {
    rows: (n) => {
      last = n;
      report(before + n);
    },
    next: () => {
      before += last;
      last = 0;
    },
  };
}

/** A local file: the naming tabs read whole, the Log streamed (cli/log-export.ts). */
async function streamedExport(source: XlsxSource, io: Io, opts: ExportOptions): Promise<ExportResult> {
  const count = runningCount(opts.onRows);
  let file: OpenedTrackerFile;
  let named: Workbook;
  try {
    file = await source.open();
    named = await file.read({ tabs: NAMING_TABS, onRows: count.rows });
  } catch (e) {
    io.err(`caseload: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.unusable;
  }
  const parsed = parseWorkbook(named);
  if (file.sheetOf('log') === undefined) return noLog(source, named, parsed.tabs.length, io);
  const names = namesOf(parsed.tracker);
  try {
    count.next();
    const plan = await planLogExport(file, opts.audit, count.rows);
    if (plan.merged) return wholeExport(source, io, opts);
    count.next();
    const { written, errors } = await writeTo(opts, (sink) => writeLogExport(file, plan, names, { ...sink, onRows: count.rows }));
    return { written, problems: errors };
  } catch (e) {
    io.err(`caseload: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.unusable;
  }
}

function noLog(source: TrackerSource, named: Workbook, tabsFound: number, io: Io): number {
  if (tabsFound === 0) sayNotATracker(source, named, io);
  else io.err(`caseload: ${source.label} has no Log tab to export.`);
  return EXIT.unusable;
}

function namesOf(tracker: Tracker): LogNames {
  return { pupils: tracker.pupils, targets: tracker.targets, staff: tracker.staff, timeZone: tracker.settings.timezone };
}

/** A Google Sheet (its values come whole from the Sheets API) or a Log with merged cells: the whole tracker's Log
 * and naming tabs parsed in memory, then written. The same CSV, line for line, as the streamed export. */
async function wholeExport(source: TrackerSource, io: Io, opts: ExportOptions): Promise<ExportResult> {
  // The Log, and what names its codes; the other tabs are not even decompressed.
  const loaded = await loadTracker(source, io, { tabs: ['log', ...NAMING_TABS], onRows: opts.onRows });
  if (!loaded) return EXIT.unusable;
  if (!loaded.tabs.includes('log')) {
    io.err(`caseload: ${source.label} has no Log tab to export.`);
    return EXIT.unusable;
  }
  const problems = loaded.findings.filter((f) => f.tab === loaded.tracker.layout.log?.name && f.severity === 'error').length;
  const { tracker } = loaded;
  const logs = opts.audit ? tracker.logs : effectiveLogs(tracker.logs);
  await writeTo(opts, async (sink) => sink.write(readableLogsToCsv(logs, namesOf(tracker), { bom: sink.bom })));
  return { written: logs.length, problems };
}
