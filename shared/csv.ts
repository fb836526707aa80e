// Safe CSV: RFC 4180 writing with formula-injection escaping, a forgiving parser, and caseload import.
//
// Escaping: a spreadsheet opening a CSV runs any text cell starting with `=`, `+`, `-`, `@`, tab or carriage
// return as a formula (OWASP "CSV injection"), so such text gets a leading `'`, which spreadsheets show as
// nothing and treat as "this is text". Numbers written from number values are not text and are never escaped
// (-3 minutes stays -3). To keep the escaping reversible, text that already starts with `'` and then a
// dangerous character gets one more `'`; `unescapeFormula` removes exactly one.
import { formatTime, formatUkDate, wallClock, wallClockReader } from './dates';
import type { CellValue, Finding, LogEntry, Pupil, Staff, Target } from './model';
import { columnIndex } from './schema/a1';
import { parseTracker } from './schema/parse';
import { headerRow, recordsToRows, recordToRow } from './schema/serialise';
import { tabSpec } from './schema/tabs';

export type CsvField = string | number | boolean | null | undefined;

// Invisible or blank characters a spreadsheet may skip before deciding a cell is a formula: whitespace, soft
// hyphen, zero-width space/joiners, word joiner, bidi marks, byte-order mark.
const INVISIBLE = '\\s\\u00AD\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\uFEFF';
// ASCII formula starters plus their fullwidth (＝＋－＠) and small/maths look-alikes, which some spreadsheets
// normalise to ASCII on import.
const FORMULA_START = '=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFE62\\uFE63\\uFE66\\u2212';
const DANGEROUS_START = new RegExp(`^'*[${INVISIBLE}]*[${FORMULA_START}]`);

/** Text as it must appear in a CSV so no spreadsheet runs it. */
export function escapeFormula(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/** The inverse of escapeFormula, for reading back CSVs we (or a careful tool) wrote. */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && DANGEROUS_START.test(text.slice(1)) ? text.slice(1) : text;
}

function fieldText(v: CsvField | Date): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  return escapeFormula(v);
}

/** One field, quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvField(v: CsvField | Date): string {
  const s = fieldText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180: CRLF between records and after the last. `bom` adds a UTF-8 byte order mark so Excel reads the
 * file as UTF-8 (names like Zoë and Łukasz would otherwise come out garbled). */
export function toCsv(rows: readonly (readonly (CsvField | Date)[])[], opts: { bom?: boolean } = {}): string {
  const body = rows.map((r) => r.map(csvField).join(',')).join('\r\n');
  return (opts.bom ? '\uFEFF' : '') + (rows.length > 0 ? `${body}\r\n` : '');
}

function cellToCsv(v: CellValue): CsvField | Date {
  return v === undefined ? null : v;
}

/** The Log tab's columns, in canonical order, one row per entry. */
export function logsToCsv(logs: readonly LogEntry[], opts: { bom?: boolean } = { bom: true }): string {
  const rows = recordsToRows('log', logs).map((r) => r.map(cellToCsv));
  return toCsv([headerRow('log'), ...rows], opts);
}

/** What a readable export needs beside the logs: who and what the ids mean, and the tracker's time zone. */
export interface LogNames {
  pupils: readonly Pick<Pupil, 'id' | 'firstName' | 'lastName'>[];
  targets: readonly Pick<Target, 'id' | 'text'>[];
  staff: readonly Pick<Staff, 'id' | 'name'>[];
  timeZone: string;
}

/** Beside each of these Log columns, a readable column: the name or text the id stands for, the local time. */
const READABLE_BESIDE: Record<string, string> = {
  Time: 'Local time (dd/mm/yyyy HH:MM)',
  'Pupil ID': 'Pupil name',
  'Target ID': 'Target',
  'Staff ID': 'Staff name',
};

/** "23/11/2026 10:15" in the tracker's zone, for an ISO stamp with an offset; blank when it cannot be read. `clock`
 * (wallClockReader for the same zone) saves reading the zone's clock afresh for each of many stamps. */
export function ukLocalDateTime(
  iso: string,
  timeZone: string,
  clock: (epochMs: number) => { date: string; minute: number } = (at) => wallClock(at, timeZone),
): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const wall = clock(at);
  return `${formatUkDate(wall.date)} ${formatTime(wall.minute)}`;
}

/** The readable export one log at a time, for a writer that streams (the CLI's export of a year of logs):
 * `header` is the first CSV line and `line(log)` each log's, both ending CRLF; readableLogsToCsv is these joined. */
export interface ReadableLogCsv {
  header: string;
  line(log: LogEntry): string;
}

export function readableLogCsv(names: LogNames): ReadableLogCsv {
  const header = headerRow('log');
  const clock = wallClockReader(names.timeZone);
  const pupil = new Map(names.pupils.map((p) => [p.id, `${p.firstName} ${p.lastName}`.trim()]));
  const target = new Map(names.targets.map((t) => [t.id, t.text]));
  const staff = new Map(names.staff.map((x) => [x.id, x.name]));
  const readable = (column: string, log: LogEntry): string => {
    if (column === 'Time') return ukLocalDateTime(log.time, names.timeZone, clock);
    if (column === 'Pupil ID') return pupil.get(log.pupilId) ?? '';
    if (column === 'Target ID') return log.targetId ? (target.get(log.targetId) ?? '') : '';
    return log.staffId ? (staff.get(log.staffId) ?? '') : '';
  };
  // Which columns have a readable column beside them, worked out once rather than per cell.
  const beside = header.map((h) => (h in READABLE_BESIDE ? h : undefined));
  const csvLine = (row: readonly (CsvField | Date)[], extra: (column: string) => string) => {
    const fields: string[] = [];
    for (let i = 0; i < row.length; i++) {
      fields.push(csvField(row[i]));
      const column = beside[i];
      if (column !== undefined) fields.push(csvField(extra(column)));
    }
    return `${fields.join(',')}\r\n`;
  };
  return {
    header: csvLine(header, (column) => READABLE_BESIDE[column]!),
    line: (log) => csvLine(recordToRow('log', log).map(cellToCsv), (column) => readable(column, log)),
  };
}

/**
 * The Log tab's columns with names beside codes, for people reading the export: pupil name after Pupil ID,
 * target text after Target ID, staff name after Staff ID, and the UK local date and time after the ISO stamp.
 * The same formula-injection escaping as every CSV here (names and target text are typed by people too).
 */
export function readableLogsToCsv(logs: readonly LogEntry[], names: LogNames, opts: { bom?: boolean } = { bom: true }): string {
  const csv = readableLogCsv(names);
  return (opts.bom ? '\uFEFF' : '') + csv.header + logs.map(csv.line).join('');
}

export function findingsToCsv(findings: readonly Finding[], opts: { bom?: boolean } = { bom: true }): string {
  const rows = findings.map((f) => [f.severity, f.code, f.message, f.tab, f.cell, f.pupilId, f.staffId]);
  return toCsv([['Severity', 'Code', 'Message', 'Tab', 'Cell', 'Pupil ID', 'Staff ID'], ...rows], opts);
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

export interface CsvRecord {
  /** 1-based line in the text where the record starts (records with quoted line breaks span several). */
  line: number;
  fields: string[];
}

export interface CsvParse {
  records: CsvRecord[];
  errors: { line: number; message: string }[];
}

/** RFC 4180 plus what real files do: a BOM, LF or CR line ends, blank lines, a missing final line break.
 * A quote that never closes is an error naming the line it opened on; the rest of the text is not guessed at. */
export function parseCsv(text: string): CsvParse {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const errors: CsvParse['errors'] = [];
  let line = 1;
  let i = 0;
  while (i < s.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (s[i] === '"') {
        // Quoted field: runs to the next lone quote; "" is a quote; line breaks inside are data.
        const openedOn = line;
        i++;
        let closed = false;
        while (i < s.length) {
          const ch = s[i]!;
          if (ch === '"') {
            if (s[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === '\r' || ch === '\n') {
            line++;
            if (ch === '\r' && s[i + 1] === '\n') {
              field += '\r\n';
              i += 2;
              continue;
            }
          }
          field += ch;
          i++;
        }
        if (!closed) {
          errors.push({ line: openedOn, message: `Line ${openedOn}: a quoted field starts here but its closing quote (") is missing.` });
          return { records, errors };
        }
        // Text after a closing quote (`"a"b`) is kept, as spreadsheets do.
      }
      while (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') {
        field += s[i];
        i++;
      }
      fields.push(field);
      field = '';
      if (i >= s.length) {
        endOfRecord = true;
      } else if (s[i] === ',') {
        i++;
        if (i >= s.length) fields.push('');
        endOfRecord = i >= s.length;
      } else {
        // CR, LF or CRLF ends the record.
        i += s[i] === '\r' && s[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
      }
    }
    records.push({ line: start, fields });
  }
  return { records, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Caseload import

export interface CaseloadImport {
  pupils: Pupil[];
  /** Present when the CSV is a targets list (it has a Target column) rather than a pupil list. */
  targets?: Target[];
  errors: { line: number; message: string }[];
}

function isBlankRecord(r: CsvRecord): boolean {
  return r.fields.every((f) => f.trim() === '');
}

/**
 * A caseload CSV (as exported from an MIS or typed by hand) read with the tracker's own schema, so the same
 * headers and aliases work ("Forename", "Surname", "Year group") and the same values are accepted. Pupil lists
 * and target lists are told apart by their headers. Every problem names its CSV line; rows with problems are left
 * out, so nothing half-read is imported.
 */
export function parseCaseloadCsv(text: string): CaseloadImport {
  const parsed = parseCsv(text);
  const errors = [...parsed.errors];
  const records = parsed.records.filter((r) => !isBlankRecord(r));
  const header = records[0];
  if (!header)
    return { pupils: [], errors: errors.length ? errors : [{ line: 1, message: 'Line 1: the file is empty; it needs a header row.' }] };

  const lowered = header.fields.map((h) => h.trim().toLowerCase());
  const isTargets = lowered.includes('target') || lowered.includes('target id') || lowered.includes('short-term target');
  const tab = isTargets ? tabSpec('targets') : tabSpec('pupils');
  const grid: CellValue[][] = records.map((r, i) => (i === 0 ? r.fields.map((f) => f.trim()) : r.fields.map(unescapeFormula)));
  const lineOfRow = (row: number) => records[row - 1]?.line ?? 1;

  const result = parseTracker({ [tab.name]: grid });
  for (const f of result.findings) {
    if (f.tab !== tab.name) continue; // "there is no Staff tab" and the like mean nothing for a CSV
    const m = /!([A-Z]+)(\d+)$/.exec(f.cell);
    const row = m ? Number(m[2]) : 1;
    const col = m ? columnIndex(m[1]!) : 0;
    const heading = header.fields[col]?.trim();
    const where = row === 1 ? `Line ${lineOfRow(1)}` : `Line ${lineOfRow(row)}${heading ? ` (${heading})` : ''}`;
    errors.push({ line: lineOfRow(row), message: `${where}: ${f.message.replace(/^The \S+ tab has/, 'The CSV has')}` });
  }

  // Ids must be unique within the file, or one row would silently replace another.
  const seen = new Map<string, number>();
  const keep = <T extends { id: string; row?: number }>(items: T[]): T[] =>
    items.filter((item) => {
      const line = lineOfRow(item.row ?? 1);
      const first = seen.get(item.id);
      if (first !== undefined) {
        errors.push({ line, message: `Line ${line}: ID "${item.id}" is already used on line ${first}; this row is left out.` });
        return false;
      }
      seen.set(item.id, line);
      return true;
    });
  const badLines = new Set(errors.map((e) => e.line));
  const strip = <T extends { row?: number }>(items: T[]): T[] =>
    items.filter((x) => !badLines.has(lineOfRow(x.row ?? 1))).map(({ row: _row, ...rest }) => rest as T);

  errors.sort((a, b) => a.line - b.line);
  if (isTargets) return { pupils: [], targets: strip(keep(result.tracker.targets)), errors };
  return { pupils: strip(keep(result.tracker.pupils)), errors };
}
