// export-logs on a local .xlsx file with the Log streamed, so memory hardly grows with the Log: no Log row, parsed
// log or line of CSV is kept once it has been written. What is kept is each Log ID's first row number and the
// correction rows (below); the file's shared-strings table is held by the reader (cli/xlsx-stream.ts) in any case.
//
// The logs as they now stand (shared/corrections.ts) depend on rows further down: a Correction row voids or edits a
// log above it, and a Log ID's first row wins over a later copy. So the Log is read twice, each row parsed by the
// core exactly as parseTracker parses it (logRowReader):
//  1. keep only each Log ID's first row number and the correction rows (a few a week), and work out the latest
//     correction of each log (latestCorrections);
//  2. write each log's CSV line as it arrives, skipping correction rows and later copies, dropping voided logs and
//     applying edits (correctedLog).
// --audit writes every row as it is, so it needs only the second pass.
//
// A merged range fills cells the parser reads (parseTracker copies the top-left value across), and the file lists
// merges after the rows, so they are looked for before anything is written; a Log with any merged cells (typed by
// hand; the app never merges) is exported from the whole tracker in memory instead, exactly as before.
import {
  correctedLog,
  isCorrection,
  latestCorrections,
  logRowReader,
  readableLogCsv,
  type CellValue,
  type Finding,
  type LogEntry,
  type LogNames,
} from '../shared/index';
import type { OpenedTrackerFile } from './xlsx';

/** The Log's rows parsed one at a time, with the errors their parsing found counted rather than kept. */
interface LogRows {
  /** Every usable log, in row order, with its 0-based row index. */
  each(visit: (log: LogEntry, rowIndex: number) => void): Promise<{ merges: string[]; errors: number }>;
}

function logRows(file: OpenedTrackerFile, sheetName: string, onRows?: (rows: number) => void): LogRows {
  return {
    async each(visit) {
      const findings: Finding[] = [];
      let errors = 0;
      const countErrors = () => {
        for (const f of findings) if (f.severity === 'error') errors++;
        findings.length = 0;
      };
      let read: ReturnType<typeof logRowReader> | null = null;
      const reader = (header: readonly CellValue[]) => {
        read = logRowReader(sheetName, header, findings);
        countErrors();
      };
      const { merges } = await file.streamTab(
        'log',
        (rowIndex, cells) => {
          if (rowIndex === 0) return reader(cells);
          if (read === null) reader([]); // no header row at all: every row is unusable, as in parseTracker
          const log = read?.(cells, rowIndex);
          countErrors();
          if (log) visit(log, rowIndex);
        },
        onRows,
      );
      if (read === null) reader([]);
      return { merges, errors };
    },
  };
}

/** Pass 1: each Log ID's first row, and the latest correction of each corrected log. */
async function correctionsOf(rows: LogRows): Promise<{ firstRow: Map<string, number>; latest: Map<string, LogEntry>; merges: string[] }> {
  const firstRow = new Map<string, number>();
  const firstCorrection = new Map<string, LogEntry>();
  const corrections: LogEntry[] = [];
  const { merges } = await rows.each((log, rowIndex) => {
    if (log.id !== '') {
      if (firstRow.has(log.id)) return; // a later copy: first row wins
      // The id is the reader's own string or a shared string (cli/xlsx-stream.ts detached): no chunk of XML is kept.
      firstRow.set(log.id, rowIndex);
    }
    if (!isCorrection(log)) return;
    corrections.push(log);
    if (log.id !== '') firstCorrection.set(log.id, log);
  });
  const { latest } = latestCorrections(corrections, (id) => firstCorrection.get(id) ?? (firstRow.has(id) ? 'log' : undefined));
  return { firstRow, latest, merges };
}

/** What the first look at the Log found: how to write it, or that it has merged cells (see the header). */
export type LogExportPlan = { merged: true } | { merged: false; keep: (log: LogEntry, rowIndex: number) => LogEntry | undefined };

/** Look at the Log before writing: pass 1 for the logs as they now stand, or (for --audit) only its merges, which
 * skips parsing the rows. */
export async function planLogExport(file: OpenedTrackerFile, audit: boolean, onRows?: (rows: number) => void): Promise<LogExportPlan> {
  const sheetName = file.sheetOf('log')!;
  if (audit) {
    const { merges } = await file.streamTab('log', undefined);
    return merges.length > 0 ? { merged: true } : { merged: false, keep: (log) => log };
  }
  const { firstRow, latest, merges } = await correctionsOf(logRows(file, sheetName, onRows));
  if (merges.length > 0) return { merged: true };
  return {
    merged: false,
    keep: (log, rowIndex) => {
      if (log.id !== '' && firstRow.get(log.id) !== rowIndex) return undefined;
      if (isCorrection(log)) return undefined;
      return correctedLog(log, latest);
    },
  };
}

/** CSV text is handed to `write` in pieces of about this many characters, each ending at a record's end. */
const PIECE = 64 * 1024;

/** Pass 2: the CSV (header, then each kept log), written in pieces as the Log streams. */
export async function writeLogExport(
  file: OpenedTrackerFile,
  plan: Extract<LogExportPlan, { merged: false }>,
  names: LogNames,
  opts: { bom: boolean; write: (text: string) => void; onRows?: (rows: number) => void },
): Promise<{ written: number; errors: number }> {
  const csv = readableLogCsv(names);
  let piece = (opts.bom ? '\uFEFF' : '') + csv.header;
  let written = 0;
  const { errors } = await logRows(file, file.sheetOf('log')!, opts.onRows).each((log, rowIndex) => {
    const kept = plan.keep(log, rowIndex);
    if (!kept) return;
    piece += csv.line(kept);
    written++;
    if (piece.length >= PIECE) {
      opts.write(piece);
      piece = '';
    }
  });
  if (piece !== '') opts.write(piece);
  return { written, errors };
}
