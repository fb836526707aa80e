// How the local server stores a cell, how values written through the API become cells (RAW vs USER_ENTERED),
// and how cells are read back under each valueRenderOption / dateTimeRenderOption.
//
// Google keeps dates and times as serial numbers (days since 30 Dec 1899) with a date format; we do the same so
// UNFORMATTED_VALUE + SERIAL_NUMBER hands back numbers and FORMATTED_VALUE hands back en-GB text. The server
// does not calculate formulas: a formula cell reads back as its cached value when it has one (loaded from a file),
// otherwise as `#ERROR!`, and as its formula text under valueRenderOption=FORMULA.
import type { CellValue } from '../shared/index';

export type DateFormat = 'date' | 'time' | 'datetime';
export interface DateCell {
  kind: 'date';
  serial: number;
  format: DateFormat;
}
export interface FormulaCell {
  kind: 'formula';
  formula: string;
  cached?: string | number | boolean;
}
export type StoredCell = string | number | boolean | null | DateCell | FormulaCell;

export type ValueInputOption = 'RAW' | 'USER_ENTERED';
export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING';

/** What the API hands back for one cell. */
export type ApiValue = string | number | boolean;

const MS_PER_DAY = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

export function isEmptyCell(c: StoredCell | undefined): boolean {
  return c === null || c === undefined || c === '';
}

export function serialFromUtc(ms: number): number {
  return (ms - SERIAL_EPOCH) / MS_PER_DAY;
}

function dateCellFromParts(y: number, m: number, d: number): DateCell | null {
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return { kind: 'date', serial: serialFromUtc(ms), format: 'date' };
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A string typed into Sheets by a person (USER_ENTERED), in an en-GB spreadsheet. */
export function parseUserEntered(text: string): StoredCell {
  if (text === '') return null;
  if (text.startsWith("'")) return text.slice(1);
  if (text.startsWith('=') && text.length > 1) return { kind: 'formula', formula: text };
  const trimmed = text.trim();
  if (NUMBER_TEXT.test(trimmed)) return Number(trimmed);
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (m) return dateCellFromParts(Number(m[3]), Number(m[2]), Number(m[1])) ?? text;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (m) return dateCellFromParts(Number(m[1]), Number(m[2]), Number(m[3])) ?? text;
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  if (m && Number(m[1]) < 24 && Number(m[2]) < 60) {
    const secs = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
    return { kind: 'date', serial: secs / 86_400, format: 'time' };
  }
  return text;
}

/** One value from a request body (`values` arrays) as a stored cell. `undefined` means "leave the cell alone". */
export function cellFromInput(v: unknown, option: ValueInputOption): StoredCell | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  if (option === 'RAW') return text === '' ? null : text;
  return parseUserEntered(text);
}

/** A `userEnteredValue` ExtendedValue from spreadsheets.batchUpdate (updateCells / appendCells). */
export function cellFromExtendedValue(v: unknown): StoredCell {
  if (!v || typeof v !== 'object') return null;
  const ev = v as { stringValue?: string; numberValue?: number; boolValue?: boolean; formulaValue?: string; errorValue?: unknown };
  if (ev.formulaValue !== undefined) return { kind: 'formula', formula: String(ev.formulaValue) };
  if (ev.stringValue !== undefined) return ev.stringValue === '' ? null : String(ev.stringValue);
  if (ev.numberValue !== undefined) return Number(ev.numberValue);
  if (ev.boolValue !== undefined) return Boolean(ev.boolValue);
  return null;
}

/** A cell from a Workbook (xlsx load, test fixture). JS Dates become date cells, as Sheets would hold them. */
export function cellFromWorkbook(v: CellValue): StoredCell {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) {
    const serial = serialFromUtc(v.getTime());
    const whole = Number.isInteger(serial);
    return { kind: 'date', serial, format: whole ? 'date' : serial < 1 && serial >= 0 ? 'time' : 'datetime' };
  }
  return v;
}

/** A stored cell back to a Workbook value (for saving as .xlsx). */
export function cellToWorkbook(c: StoredCell): CellValue {
  if (c === null || typeof c !== 'object') return c;
  if (c.kind === 'date') return new Date(SERIAL_EPOCH + Math.round(c.serial * MS_PER_DAY));
  return c.cached ?? c.formula;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** en-GB display text for a date cell, as Sheets shows it with its default formats. */
export function formatDateCell(c: DateCell): string {
  const ms = SERIAL_EPOCH + Math.round(c.serial * MS_PER_DAY);
  const d = new Date(ms);
  const date = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return c.format === 'date' ? date : c.format === 'time' ? time : `${date} ${time}`;
}

function formatPlain(v: ApiValue): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** A stored cell as the API returns it. Empty cells are the empty string (the caller trims trailing ones). */
export function renderCell(c: StoredCell | undefined, render: ValueRenderOption, dates: DateTimeRenderOption): ApiValue {
  if (c === null || c === undefined) return '';
  if (typeof c !== 'object') return render === 'FORMATTED_VALUE' ? formatPlain(c) : c;
  if (c.kind === 'date') {
    if (render === 'FORMATTED_VALUE' || dates === 'FORMATTED_STRING') return formatDateCell(c);
    return c.serial;
  }
  if (render === 'FORMULA') return c.formula;
  const value = c.cached ?? '#ERROR!';
  return render === 'FORMATTED_VALUE' ? formatPlain(value) : value;
}
