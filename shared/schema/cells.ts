// Cell readers: turn whatever a spreadsheet hands over (text typed by a person, Sheets serial numbers, Date
// objects from SpreadsheetApp or exceljs, booleans) into typed values, or say plainly why it can't.
import { addDays, formatTime, isIsoDate, parseTime } from '../dates';
import type { CellValue, IsoDate, MinuteOfDay } from '../model';
import { foldChoice } from '../text';

/** The result of reading one cell: blank, a value, or a reason it could not be read. */
export type Read<T> = { kind: 'blank' } | { kind: 'ok'; value: T } | { kind: 'bad'; reason: string };

const BLANK = { kind: 'blank' } as const;
const ok = <T>(value: T): Read<T> => ({ kind: 'ok', value });
const bad = (reason: string): Read<never> => ({ kind: 'bad', reason });

const FORMULA_ERROR_RE = /^#(REF!|N\/A|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|GETTING_DATA)$/;

/** `#REF!`, `#N/A` and friends: the cached result of a broken formula. */
export function isFormulaError(v: CellValue): v is string {
  if (typeof v !== 'string') return false;
  // Asked of every cell read (a year's Log is ~500,000): a string starting with a printable ASCII character other
  // than '#' cannot be one, and skipping trim() and the pattern for it saved ~0.1 s per import. Anything else
  // (a leading space, a non-breaking space) takes the full test.
  const first = v.charCodeAt(0);
  if (first > 32 && first < 127 && first !== 35) return false;
  return FORMULA_ERROR_RE.test(v.trim());
}

export function isBlankCell(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** How a value looks when quoted back to a person in a message. */
export function showCell(v: CellValue): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid date' : v.toISOString();
  const s = String(v ?? '');
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

/** Plain text of a cell, trimmed. Dates become `YYYY-MM-DD`. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return dateFromDateObject(v) ?? '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.trim();
}

// Sheets and Excel count days from 30 December 1899 (Excel's 1900 leap-year bug is baked into that epoch).
const SERIAL_EPOCH: IsoDate = '1899-12-30';
/** Serial numbers we accept as dates: 1 Jan 1950 to 31 Dec 2099. Outside that, a number is not a plausible date. */
const SERIAL_MIN = 18264;
const SERIAL_MAX = 73415;

function dateFromSerial(n: number): IsoDate | undefined {
  if (!Number.isFinite(n) || n < SERIAL_MIN || n > SERIAL_MAX) return undefined;
  return addDays(SERIAL_EPOCH, Math.floor(n));
}

/** A Date from a spreadsheet library means a calendar day at local midnight somewhere: exceljs gives UTC
 * midnight, SpreadsheetApp gives midnight in the sheet's zone (e.g. 23:00 UTC the day before in British Summer
 * Time). Rounding to the nearest UTC day recovers the intended day for every offset within ±12 h. */
function dateFromDateObject(d: Date): IsoDate | undefined {
  const t = d.getTime();
  if (Number.isNaN(t)) return undefined;
  return new Date(Math.round(t / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

/** A date-formatted cell holding serial 0, -1 or 99999999 reaches us as a Date in 1899 or year 275760: a
 * spreadsheet artefact, never a real review date. Same plausible window as serial numbers (1950–2099). */
function plausibleDay(iso: IsoDate): boolean {
  return iso >= '1950-01-01' && iso <= '2099-12-31' && iso.length === 10;
}

const UK_DATE_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const ISO_PREFIX_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Dates: dd/mm/yyyy (also d/m/yy, dd-mm-yyyy, dd.mm.yyyy), yyyy-mm-dd, Sheets serial numbers, Date objects. */
export function readDate(v: CellValue): Read<IsoDate> {
  if (isBlankCell(v)) return BLANK;
  if (v instanceof Date) {
    const d = dateFromDateObject(v);
    if (!d) return bad('is not a valid date');
    if (!plausibleDay(d))
      return bad(
        `holds an impossible date (${d.startsWith('1899') ? 'year 1899: the cell is probably 0 or empty formatted as a date' : 'outside 1950–2099'}); type the real date as dd/mm/yyyy`,
      );
    return ok(d);
  }
  if (typeof v === 'number') {
    const d = dateFromSerial(v);
    return d ? ok(d) : bad(`"${showCell(v)}" is a number, not a date`);
  }
  if (typeof v !== 'string') return bad(`"${showCell(v)}" is not a date`);
  const s = v.trim();
  const iso = ISO_PREFIX_RE.exec(s);
  if (iso) return isIsoDate(iso[1]!) ? ok(iso[1]!) : bad(`"${s}" is not a real date`);
  const uk = UK_DATE_RE.exec(s);
  if (uk) {
    const year = uk[3]!.length === 2 ? 2000 + Number(uk[3]) : Number(uk[3]);
    const d = `${String(year).padStart(4, '0')}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
    return isIsoDate(d) ? ok(d) : bad(`"${s}" is not a real date (dates are day/month/year)`);
  }
  if (/^\d+(\.\d+)?$/.test(s)) {
    const d = dateFromSerial(Number(s));
    if (d) return ok(d);
  }
  return bad(`"${showCell(s)}" is not a date (write it as dd/mm/yyyy)`);
}

/** Clock times: `08:15`, `8.15`, `0815`, a day fraction (Sheets time cells), or a Date carrying a time of day. */
export function readTime(v: CellValue): Read<MinuteOfDay> {
  if (isBlankCell(v)) return BLANK;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad('is not a valid time');
    // Time-only cells arrive as a Date on 30/12/1899. exceljs puts the wall-clock time in the UTC fields. SpreadsheetApp
    // gives the instant in the sheet's zone as it was in 1899 (local mean time in some zones, e.g. Dublin's −0:25:21),
    // so the add-on turns time cells into `HH:MM` text before they reach here (sheets-addon/server/read.ts).
    return ok(v.getUTCHours() * 60 + v.getUTCMinutes() + (v.getUTCSeconds() >= 30 ? 1 : 0));
  }
  if (typeof v === 'number') {
    if (v >= 0 && v < 1) return ok(Math.round(v * 1440) % 1440);
    return bad(`"${showCell(v)}" is not a time (write it as HH:MM, 24-hour)`);
  }
  if (typeof v !== 'string') return bad(`"${showCell(v)}" is not a time`);
  const t = parseTime(v);
  if (t !== undefined) return ok(t);
  const ampm = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?\s*$/i.exec(v);
  if (ampm) {
    const h = Number(ampm[1]);
    const m = Number(ampm[2] ?? 0);
    if (h >= 1 && h <= 12 && m <= 59) return ok(((h % 12) + (ampm[3]!.toLowerCase() === 'p' ? 12 : 0)) * 60 + m);
  }
  return bad(`"${showCell(v)}" is not a time (write it as HH:MM, 24-hour)`);
}

/** ISO 8601 instants for the Log tab. A Date is taken as the instant it is. */
export function readTimestamp(v: CellValue): Read<string> {
  if (isBlankCell(v)) return BLANK;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad('is not a valid time stamp');
    const iso = v.toISOString();
    return plausibleDay(iso.slice(0, 10)) ? ok(iso) : bad('holds an impossible date (outside 1950–2099); type the real time stamp');
  }
  if (typeof v === 'number') {
    const d = dateFromSerial(v);
    if (!d) return bad(`"${showCell(v)}" is not a time stamp`);
    const minutes = Math.round((v - Math.floor(v)) * 1440);
    return ok(`${d}T${formatTime(minutes)}:00`);
  }
  const s = String(v).trim();
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m && isIsoDate(m[1]!) && Number(m[2]) < 24 && Number(m[3]) < 60) return ok(s.replace(' ', 'T'));
  const uk = /^(\d{1,2}\/\d{1,2}\/\d{4})\s+(\d{1,2}:\d{2})$/.exec(s);
  if (uk) {
    const d = readDate(uk[1]!);
    const t = parseTime(uk[2]!);
    if (d.kind === 'ok' && t !== undefined) return ok(`${d.value}T${formatTime(t)}:00`);
  }
  return bad(`"${showCell(s)}" is not a time stamp (ISO 8601, e.g. 2026-11-23T10:15:00+00:00)`);
}

export function readNumber(v: CellValue, range: { min?: number; max?: number } = {}): Read<number> {
  if (isBlankCell(v)) return BLANK;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) n = Number(v);
  else return bad(`"${showCell(v)}" is not a number`);
  if (!Number.isFinite(n)) return bad(`"${showCell(v)}" is not a number`);
  if (range.min !== undefined && n < range.min) return bad(`${n} is below the smallest allowed value, ${range.min}`);
  if (range.max !== undefined && n > range.max) return bad(`${n} is above the largest allowed value, ${range.max}`);
  return ok(n);
}

const YES = new Set(['y', 'yes', 'true', '1', '✓', 'x']);
const NO = new Set(['n', 'no', 'false', '0']);

export function readYesNo(v: CellValue): Read<boolean> {
  if (isBlankCell(v)) return BLANK;
  if (typeof v === 'boolean') return ok(v);
  const s = cellText(v).toLowerCase();
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  return bad(`"${showCell(v)}" is not Y or N`);
}

/** Words people write for the choices, folded to the canonical option. */
const CHOICE_SYNONYMS: Record<string, string> = {
  reception: 'R',
  rec: 'R',
  communicationandinteraction: 'C&I',
  cognitionandlearning: 'C&L',
  'social,emotionalandmentalhealth': 'SEMH',
  socialemotionalandmentalhealth: 'SEMH',
  'sensoryand/orphysical': 'S&P',
  sensoryandphysical: 'S&P',
  ci: 'C&I',
  cl: 'C&L',
  sp: 'S&P',
  notyet: 'Not yet',
  monday: 'Mon',
  tuesday: 'Tue',
  wednesday: 'Wed',
  thursday: 'Thu',
  friday: 'Fri',
  tues: 'Tue',
  thur: 'Thu',
  thurs: 'Thu',
  '1-1': '1:1',
  '1to1': '1:1',
  'one-to-one': '1:1',
  lunch: 'Break',
  am: 'AM',
  pm: 'PM',
  allday: 'All day',
  full: 'All day',
  fullday: 'All day',
  // Year groups as MIS exports write them (`Year 7`, `Y7` and `Yr 7` lose their prefix before this lookup).
  nursery1: 'N1',
  nursery2: 'N2',
  // SEN provision (DfE census E/K/N) as MIS exports and people write it.
  ehcplan: 'E',
  ehcp: 'E',
  'education,healthandcareplan': 'E',
  educationhealthandcareplan: 'E',
  statement: 'E',
  statementofsen: 'E',
  sensupport: 'K',
  'sensupport(k)': 'K',
  nosen: 'N',
  none: 'N',
  nospecialeducationalneed: 'N',
  nospecialeducationalneeds: 'N',
  // DfE primary need codes, by their census descriptions.
  specificlearningdifficulty: 'SpLD',
  moderatelearningdifficulty: 'MLD',
  severelearningdifficulty: 'SLD',
  'profound&multiplelearningdifficulty': 'PMLD',
  profoundandmultiplelearningdifficulty: 'PMLD',
  'speech,languageandcommunicationneeds': 'SLCN',
  speechlanguageandcommunicationneeds: 'SLCN',
  hearingimpairment: 'HI',
  visualimpairment: 'VI',
  'multi-sensoryimpairment': 'MSI',
  multisensoryimpairment: 'MSI',
  physicaldisability: 'PD',
  autisticspectrumdisorder: 'ASD',
  autismspectrumdisorder: 'ASD',
  autism: 'ASD',
  'othertypeofdifficulty/disability': 'OTH',
  othertypeofdifficultyordisability: 'OTH',
  other: 'OTH',
  sensupportbutnospecialistassessmentoftypeofneed: 'NSA',
};

/** `E - Education, Health and Care Plan`, `K – SEN Support`, `SPLD - Specific Learning Difficulty`: MIS exports put
 * the code before a dash and a description. */
const CODE_AND_DESCRIPTION = /^([A-Za-z0-9&]+)\s*[-–—:]\s+\S/;

/** Build a reader for a fixed list of options; matching ignores case and spacing and knows common synonyms. */
export function choiceReader(options: readonly string[]): (v: CellValue) => Read<string> {
  const byFold = new Map<string, string>();
  for (const o of options) byFold.set(foldChoice(o), o);
  for (const [syn, canonical] of Object.entries(CHOICE_SYNONYMS)) {
    if (options.includes(canonical) && !byFold.has(syn)) byFold.set(syn, canonical);
  }
  const isYearList = options.includes('R') && options.includes('14');
  const shownOptions = options.length <= 13 ? `: use one of ${options.join(', ')}` : '';
  return (v) => {
    if (isBlankCell(v)) return BLANK;
    let s = cellText(v);
    if (isYearList) s = s.replace(/^(nc\s*)?(year|yr|y)\s*/i, '');
    const hit = byFold.get(foldChoice(s));
    if (hit !== undefined) return ok(hit);
    const coded = CODE_AND_DESCRIPTION.exec(s);
    const byCode = coded ? byFold.get(foldChoice(coded[1]!)) : undefined;
    if (byCode !== undefined) return ok(byCode);
    return bad(`"${showCell(v)}" is not in the list${isYearList ? ': use N1, N2, R or 1 to 14' : shownOptions}`);
  };
}

// Marked pure so a bundle that uses nothing of this module (the overlay's early content script, which imports the
// core's barrel for its text helpers) can leave it out: an unmarked top-level call is kept in case it has effects.
const readSenChoice = /* @__PURE__ */ choiceReader(['E', 'K', 'N']);

/** An older tracker's `EHCP` Y/N column read as SEN status: Y → E; N → K, because a pupil on the tracker without a
 * plan is on SEN support. E/K/N letters typed into that column are taken as they are, except N (it means "no"). */
export function readLegacyEhcp(v: CellValue): Read<string> {
  const yn = readYesNo(v);
  if (yn.kind === 'ok') return ok(yn.value ? 'E' : 'K');
  if (yn.kind === 'blank') return BLANK;
  const sen = readSenChoice(v);
  return sen.kind === 'bad' ? bad(`"${showCell(v)}" is not Y or N (or E, K)`) : sen;
}

/** `;`-separated lists (commas accepted too), blanks dropped. */
export function splitList(v: CellValue): string[] {
  const s = cellText(v);
  if (s === '') return [];
  return s
    .split(/[;,\n]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}
