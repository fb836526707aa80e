// Importing a grid-style rota — the way most schools keep it: staff down the first column, periods across with
// times in the header (`P1 08:50-09:50`, or a label row with a times row under it), pupils' names or initials in
// the cells, merged cells spanning periods, and days either as blocks down the sheet (a "Monday" row, then its
// staff) or across it (a "Monday" cell over that day's periods). The result is canonical Rota blocks plus every
// cell that could not be resolved, with its A1 cell and the reason, so nothing is silently dropped or guessed.
//
// Cell words: Break / Lunch → Break; anything with "duty" → Duty; PPA → PPA; Cover → Cover; intervention names
// (phonics, ELSA, speech and language, …) or a `Label: pupils` prefix → Intervention; otherwise one pupil is a
// 1:1 and several are a Group. Pupils are matched by id, UPN, "First Last", "Last, First", "First L", a unique
// first name, or initials ("AH") when exactly one pupil has them; two pupils with the same initials is reported
// as ambiguous rather than guessed.
import {
  DAYS,
  type Activity,
  type CellValue,
  type Grid,
  type MinuteOfDay,
  type Pupil,
  type RotaBlock,
  type Staff,
  type Weekday,
} from './model';
import { parseTime } from './dates';
import { a1Cell, columnLetters, parseRange } from './schema/a1';
import { cellText } from './schema/cells';
import { foldName } from './text';

export interface GridRotaProblem {
  /** A1 cell (with the sheet name when one was given). */
  cell: string;
  message: string;
}

export interface GridRotaResult {
  blocks: RotaBlock[];
  problems: GridRotaProblem[];
  /** Assumptions made about the whole grid, in words (e.g. "no day names: read as every weekday"). */
  notes: string[];
}

export interface GridRotaOptions {
  /** Sheet name, used in A1 references and as the day when the grid has no day names but the tab is "Monday". */
  sheetName?: string;
}

interface Period {
  start: MinuteOfDay;
  end: MinuteOfDay;
  label: string;
}

// ---- Text helpers ---------------------------------------------------------------------------------------------

/** Case-, accent- and punctuation-insensitive form for matching names: the core's one name fold. */
export { foldName };

const DAY_WORDS: Record<string, Weekday> = {
  mon: 'Mon',
  monday: 'Mon',
  tue: 'Tue',
  tues: 'Tue',
  tuesday: 'Tue',
  wed: 'Wed',
  weds: 'Wed',
  wednesday: 'Wed',
  thu: 'Thu',
  thur: 'Thu',
  thurs: 'Thu',
  thursday: 'Thu',
  fri: 'Fri',
  friday: 'Fri',
};
const DAY_PREFIX_RE = /^(monday|mon|tuesday|tues|tue|wednesday|weds|wed|thursday|thurs|thur|thu|friday|fri)\b\.?/i;

/** The weekday a cell names on its own ("Monday", "Tues."), or undefined. */
export function dayWord(text: string): Weekday | undefined {
  return DAY_WORDS[text.trim().toLowerCase().replace(/[.:]$/, '')];
}

const TIME = String.raw`(\d{1,2}[:.]\d{2}|\d{3,4}|\d{1,2})`;
const RANGE_RE = new RegExp(String.raw`${TIME}\s*(?:-|–|—|to)\s*${TIME}`, 'i');

/** School-day reading of a time written without am/pm: `1.15` in a timetable is 13:15. */
function schoolTime(text: string): MinuteOfDay | undefined {
  const t = /^\d{1,2}$/.test(text) ? parseTime(`${text}:00`) : parseTime(text);
  if (t === undefined) return undefined;
  return t < 7 * 60 && t >= 60 ? t + 12 * 60 : t;
}

/** `P1 08:50-09:50`, `Break 10.50–11.05`, `08:50-09:50` → period; undefined when there is no time range. */
export function parsePeriodHeader(text: string): Period | 'bad-times' | undefined {
  const m = RANGE_RE.exec(text);
  if (!m) return undefined;
  const start = schoolTime(m[1]!);
  const end = schoolTime(m[2]!);
  if (start === undefined || end === undefined || end <= start) return 'bad-times';
  const label = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`
    .replace(/[()[\],]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { start, end, label };
}

const STAFF_HEADING_RE = /^(staff|name|names|lsa|lsas|ta|tas|adult|staff member|support staff|who)$/;
const PERIOD_LABEL_RE =
  /^(p\s?\d+|period\s*\d+|lesson\s*\d+|l\d+|session\s*\d+|am\d?|pm\d?|reg(istration)?|assembly|break|lunch(time)?|dinner|morning break|afternoon break|tutor( time)?|form( time)?)$/i;

// ---- Who is who -----------------------------------------------------------------------------------------------

type Match = { kind: 'ok'; id: string } | { kind: 'ambiguous'; names: string[] } | { kind: 'none' };

interface Person {
  id: string;
  display: string;
  first: string;
  last: string;
  /** Extra exact keys (UPN, MIS ID). */
  keys: string[];
}

class Resolver {
  private readonly exact = new Map<string, Set<Person>>();
  private readonly initials = new Map<string, Set<Person>>();
  private readonly firstNames = new Map<string, Set<Person>>();
  private readonly lastNames = new Map<string, Set<Person>>();

  constructor(people: readonly Person[]) {
    const add = (m: Map<string, Set<Person>>, k: string, p: Person) => {
      if (!k) return;
      const set = m.get(k) ?? new Set<Person>();
      set.add(p);
      m.set(k, set);
    };
    for (const p of people) {
      const first = foldName(p.first);
      const last = foldName(p.last);
      add(this.exact, foldName(p.id), p);
      for (const k of p.keys) add(this.exact, foldName(k), p);
      add(this.exact, `${first} ${last}`.trim(), p);
      add(this.exact, `${last} ${first}`.trim(), p);
      add(this.exact, `${last}, ${first}`, p);
      if (last) add(this.exact, `${first} ${last[0]}`, p);
      add(this.firstNames, first, p);
      add(this.lastNames, last, p);
      const ini =
        (p.first.trim()[0] ?? '') +
        p.last
          .split(/[\s-]+/)
          .map((w) => w[0] ?? '')
          .join('');
      add(this.initials, ini.toUpperCase(), p);
      // "AH" also matches Aisha Hussain-Begum by first and first-last initials.
      const simple = (p.first.trim()[0] ?? '') + (p.last.trim()[0] ?? '');
      if (simple.toUpperCase() !== ini.toUpperCase()) add(this.initials, simple.toUpperCase(), p);
    }
  }

  private from(set: Set<Person> | undefined): Match {
    if (!set || set.size === 0) return { kind: 'none' };
    const list = [...set];
    if (list.length === 1) return { kind: 'ok', id: list[0]!.id };
    return { kind: 'ambiguous', names: list.map((p) => `${p.display} (${p.id})`).sort() };
  }

  resolve(raw: string, opts: { titles?: boolean } = {}): Match {
    let text = raw.trim();
    if (text === '') return { kind: 'none' };
    // Initials are written in capitals: "AH". Lower-case two-letter words are not initials.
    if (/^[A-Z]{2,3}$/.test(text)) {
      const byId = this.exact.get(foldName(text));
      if (byId) return this.from(byId);
      return this.from(this.initials.get(text));
    }
    if (opts.titles) {
      const titled = /^(mrs|mr|ms|miss|mx|dr)\.?\s+(.+)$/i.exec(text);
      if (titled) {
        const rest = titled[2]!;
        const exact = this.exact.get(foldName(rest));
        if (exact) return this.from(exact);
        // "Mrs Smith" or "Mrs A Smith": the surname decides.
        const words = foldName(rest).split(' ');
        return this.from(this.lastNames.get(words[words.length - 1]!));
      }
    }
    text = foldName(text);
    const exact = this.exact.get(text);
    if (exact) return this.from(exact);
    if (!text.includes(' ')) return this.from(this.firstNames.get(text));
    return { kind: 'none' };
  }
}

function pupilResolver(pupils: readonly Pupil[]): Resolver {
  return new Resolver(
    pupils.map((p) => ({
      id: p.id,
      display: `${p.firstName} ${p.lastName}`.trim(),
      first: p.firstName,
      last: p.lastName,
      keys: [p.upn, p.misId].filter((x): x is string => !!x),
    })),
  );
}

function staffResolver(staff: readonly Staff[]): Resolver {
  return new Resolver(
    staff.map((s) => {
      const words = s.name.trim().split(/\s+/);
      return {
        id: s.id,
        display: s.name,
        first: words[0] ?? '',
        last: words.length > 1 ? words[words.length - 1]! : '',
        keys: [s.name, s.email ?? ''].filter(Boolean),
      };
    }),
  );
}

// ---- What a cell says ------------------------------------------------------------------------------------------

const INTERVENTION_RE =
  /\b(intervention|phonics|rwi|read write inc|elsa|lego( therapy)?|salt|speech( and| &)? language|s&l|handwriting|fine motor|gross motor|motor skills|ot|numeracy|literacy|precision teaching|nessy|toe by toe|sensory circuits?|social skills|nurture|zones of regulation|attention autism|reading|maths|spelling)\b/i;

interface CellMeaning {
  activity?: Activity;
  pupilIds: string[];
  location?: string;
  problems: string[];
}

function keywordActivity(text: string): Activity | undefined {
  const t = text.toLowerCase();
  if (/\bduty\b|\bduties\b/.test(t)) return 'Duty';
  if (/^\s*(break|lunch|lunchtime|dinner|dinners)\s*$/.test(t)) return 'Break';
  if (/^\s*ppa\b/.test(t)) return 'PPA';
  if (/^\s*cover\b/.test(t)) return 'Cover';
  return undefined;
}

function splitPupils(text: string): string[] {
  return text
    .split(/\s*(?:[;&/+\n]|\band\b|,)\s*/i)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function readCell(raw: string, pupils: Resolver): CellMeaning {
  let text = raw.replace(/\s+/g, ' ').trim();
  const out: CellMeaning = { pupilIds: [], problems: [] };
  const kw = keywordActivity(text);
  if (kw) {
    out.activity = kw;
    return out;
  }
  // A location in brackets at the end: "Aisha H (Library)".
  const loc = /\s*[([]([^)\]]+)[)\]]\s*$/.exec(text);
  if (loc && pupils.resolve(loc[1]!).kind === 'none') {
    out.location = loc[1]!.trim();
    text = text.slice(0, loc.index).trim();
  }
  let label = '';
  const oneToOne = /^(1\s*[:\-–]\s*1|one[\s-]to[\s-]one)\s*[:\-–]?\s*/i.exec(text);
  if (oneToOne) {
    out.activity = '1:1';
    text = text.slice(oneToOne[0].length);
  } else {
    const prefixed = /^([^:]{2,40}):\s*(.*)$/.exec(text);
    if (prefixed) {
      label = prefixed[1]!.trim();
      text = prefixed[2]!.trim();
    }
  }
  if (label) {
    out.activity = /^group\b/i.test(label) ? 'Group' : 'Intervention';
  } else if (!out.activity) {
    const iv = INTERVENTION_RE.exec(text);
    if (iv) {
      out.activity = 'Intervention';
      text = (text.slice(0, iv.index) + text.slice(iv.index + iv[0].length)).replace(/^[\s\-–:,]+|[\s\-–:,]+$/g, '');
    }
  }
  // "Hussain, Aisha" is one pupil, not two: try the whole text as a name before splitting on commas.
  const whole = text.includes(',') ? pupils.resolve(text) : ({ kind: 'none' } as Match);
  const tokens = whole.kind === 'ok' ? [text] : splitPupils(text);
  for (const token of tokens) {
    const m = token === text && whole.kind === 'ok' ? whole : pupils.resolve(token);
    if (m.kind === 'ok') {
      if (!out.pupilIds.includes(m.id)) out.pupilIds.push(m.id);
    } else if (m.kind === 'ambiguous') {
      out.problems.push(`"${token}" could be ${m.names.join(' or ')}: write the name or Pupil ID instead.`);
    } else {
      out.problems.push(`"${token}" does not match any pupil on the Pupils tab.`);
    }
  }
  if (!out.activity) out.activity = out.pupilIds.length > 1 ? 'Group' : '1:1';
  return out;
}

// ---- The grid -------------------------------------------------------------------------------------------------

interface MergeInfo {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

function mergeIndex(merges: readonly string[]): Map<string, MergeInfo> {
  const at = new Map<string, MergeInfo>();
  for (const m of merges) {
    let p: ReturnType<typeof parseRange>;
    try {
      p = parseRange(m);
    } catch {
      continue;
    }
    if (p.startRow === undefined || p.startColumn === undefined) continue;
    const info = { r0: p.startRow - 1, c0: p.startColumn, r1: (p.endRow ?? p.startRow) - 1, c1: p.endColumn ?? p.startColumn };
    for (let r = info.r0; r <= info.r1; r++) for (let c = info.c0; c <= info.c1; c++) at.set(`${r},${c}`, info);
  }
  return at;
}

interface Column {
  col: number;
  period?: Period;
  day?: Weekday;
}

/** The grid as the import reads it: merged cells read as their top-left value, cell references for messages, and
 * the problems found so far (each cell and message once). */
interface GridReader {
  grid: Grid;
  width: number;
  mergeAt: Map<string, MergeInfo>;
  result: GridRotaResult;
  value(r: number, c: number): string;
  cellRef(r: number, c: number): string;
  problem(r: number, c: number, message: string): void;
}

function gridReader(grid: Grid, merges: readonly string[], opts: GridRotaOptions): GridReader {
  const result: GridRotaResult = { blocks: [], problems: [], notes: [] };
  const mergeAt = mergeIndex(merges);
  const cellRef = (r: number, c: number) =>
    opts.sheetName === undefined ? `${columnLetters(c)}${r + 1}` : a1Cell(opts.sheetName, c, r + 1);
  return {
    grid,
    width: Math.max(0, ...grid.map((r) => r.length)),
    mergeAt,
    result,
    value(r, c) {
      const m = mergeAt.get(`${r},${c}`);
      const v: CellValue = m ? grid[m.r0]?.[m.c0] : grid[r]?.[c];
      return cellText(v);
    },
    cellRef,
    problem(r, c, message) {
      const m = mergeAt.get(`${r},${c}`);
      const ref = m ? cellRef(m.r0, m.c0) : cellRef(r, c);
      if (!result.problems.some((p) => p.cell === ref && p.message === message)) result.problems.push({ cell: ref, message });
    },
  };
}

/** The period times in a row, by column (a day prefix such as "Mon P1" is allowed). */
function periodsOf(g: GridReader, r: number): Map<number, Period | 'bad-times'> {
  const out = new Map<number, Period | 'bad-times'>();
  for (let c = 1; c < g.width; c++) {
    const own = parsePeriodHeader(g.value(r, c).replace(DAY_PREFIX_RE, ''));
    if (own) out.set(c, own);
  }
  return out;
}

/** How many cells of a row are period labels without times ("P1", "Period 2"). */
function labelsOnly(g: GridReader, r: number): number {
  let n = 0;
  for (let c = 1; c < g.width; c++) if (PERIOD_LABEL_RE.test(g.value(r, c).replace(DAY_PREFIX_RE, '').trim())) n++;
  return n;
}

/** A header at row r: its period times (from r, or from the row below when r holds only labels) and which row
 * held the times, or undefined when r is not a header. */
function headerAt(g: GridReader, r: number): { periods: Map<number, Period | 'bad-times'>; timesRow: number } | undefined {
  let periods = periodsOf(g, r);
  let timesRow = -1;
  if (periods.size < 2 && labelsOnly(g, r) >= 2 && r + 1 < g.grid.length) {
    const below = periodsOf(g, r + 1);
    if (below.size >= 2) {
      periods = below;
      timesRow = r + 1;
    }
  }
  const staffHeading = STAFF_HEADING_RE.test(foldName(g.value(r, 0)));
  return periods.size >= 2 || (periods.size === 1 && staffHeading) ? { periods, timesRow } : undefined;
}

interface HeaderLayout {
  columns: Column[];
  staffCol: number;
  dayCol: number | undefined;
  /** A day name found over or in the header's columns. */
  sawDay: boolean;
}

/** Each column's period and day under a header row (days come from the row above or a prefix like "Mon P1"). */
function readHeader(g: GridReader, r: number, periods: Map<number, Period | 'bad-times'>, timesRow: number): HeaderLayout {
  const headerRows = timesRow >= 0 ? [r, timesRow] : [r];
  const timesAt = headerRows[headerRows.length - 1]!;
  const layout: HeaderLayout = { columns: [], staffCol: 0, dayCol: undefined, sawDay: false };
  for (let c = 0; c < g.width; c++) {
    const h = foldName(g.value(r, c));
    if (STAFF_HEADING_RE.test(h)) layout.staffCol = c;
    if (h === 'day') layout.dayCol = c;
  }
  let currentDay: Weekday | undefined;
  for (let c = 0; c < g.width; c++) {
    if (c === layout.staffCol || c === layout.dayCol) continue;
    const above = r - 1 >= 0 ? dayWord(g.value(r - 1, c)) : undefined;
    const prefix = DAY_PREFIX_RE.exec(g.value(r, c))?.[1];
    const d = above ?? (prefix ? dayWord(prefix) : undefined);
    if (d) {
      currentDay = d;
      layout.sawDay = true;
    }
    const p = periods.get(c);
    if (p === 'bad-times') {
      g.problem(timesAt, c, `The times in "${g.value(timesAt, c)}" could not be read: write them like 08:50-09:50.`);
      continue;
    }
    if (!p) {
      if (g.value(r, c) !== '' && c > layout.staffCol)
        g.problem(r, c, `"${g.value(r, c)}" has no times, so this column was not imported: write it like "P1 08:50-09:50".`);
      continue;
    }
    layout.columns.push({ col: c, period: p, ...(currentDay ? { day: currentDay } : {}) });
  }
  return layout;
}

interface StaffRow {
  r: number;
  columns: Column[];
  day: Weekday | undefined;
  staffCol: number;
}

/** One pass down the grid: headers (which may repeat, e.g. one per day), day marker rows, and the staff rows
 * under the header in force, each with the day it belongs to. */
function scanRows(g: GridReader): { headerSeen: boolean; anyDay: boolean; staffRows: StaffRow[] } {
  let layout: HeaderLayout | undefined;
  let rowDay: Weekday | undefined;
  let anyDay = false;
  const staffRows: StaffRow[] = [];
  for (let r = 0; r < g.grid.length; r++) {
    const first = g.value(r, 0);
    const header = headerAt(g, r);
    if (header) {
      layout = readHeader(g, r, header.periods, header.timesRow);
      if (layout.sawDay) anyDay = true;
      // A day name in the first column of the header row itself ("Monday | P1 … | P2 …").
      const own = dayWord(first);
      if (own) {
        rowDay = own;
        anyDay = true;
      }
      r = Math.max(r, header.timesRow);
      continue;
    }
    const rowText = Array.from({ length: g.width }, (_, c) => g.value(r, c));
    // A day marker row: "Monday" on its own (or with only blanks beside it).
    const d = dayWord(first);
    if (d && rowText.slice(1).every((t) => t === '' || dayWord(t) === d)) {
      rowDay = d;
      anyDay = true;
      continue;
    }
    // A row of day names over the next header is handled when that header is read.
    if (rowText.filter((t) => dayWord(t)).length >= 2) continue;
    if (!layout || layout.columns.length === 0) continue;
    if (rowText[layout.staffCol] === '') continue;
    const dayHere = layout.dayCol !== undefined ? dayWord(rowText[layout.dayCol] ?? '') : undefined;
    if (dayHere) anyDay = true;
    staffRows.push({ r, columns: layout.columns, day: dayHere ?? rowDay, staffCol: layout.staffCol });
  }
  return { headerSeen: layout !== undefined, anyDay, staffRows };
}

/** The Staff ID a row's name cell names ("Mrs J Bell", "Jo Bell (JBE)"), or undefined after saying why. */
function staffOfRow(g: GridReader, staff: Resolver, row: StaffRow): string | undefined {
  const who = g.value(row.r, row.staffCol);
  const bracket = /\(([^)]+)\)\s*$/.exec(who);
  let match = staff.resolve(who, { titles: true });
  if (match.kind !== 'ok' && bracket) {
    const inner = staff.resolve(bracket[1]!.trim(), { titles: true });
    const outer = staff.resolve(who.slice(0, bracket.index).trim(), { titles: true });
    match = inner.kind === 'ok' ? inner : outer.kind === 'ok' ? outer : match;
  }
  if (match.kind === 'ok') return match.id;
  g.problem(
    row.r,
    row.staffCol,
    match.kind === 'ambiguous'
      ? `"${who}" could be ${match.names.join(' or ')}: use the Staff ID.`
      : `"${who}" does not match anyone on the Staff tab, so this row was not imported.`,
  );
  return undefined;
}

interface Segment {
  c0: number;
  c1: number;
  start: number;
  end: number;
  text: string;
  day: Weekday | undefined;
  merge: MergeInfo | undefined;
  label: string;
}

/** A staff row's periods, a merged cell (or the same text carried on into the next period) joined into one. */
function segmentsOf(g: GridReader, row: StaffRow): Segment[] {
  const segments: Segment[] = [];
  for (const col of row.columns) {
    const text = g.value(row.r, col.col);
    if (text === '' || !col.period) continue;
    const colDay = col.day ?? row.day;
    const merge = g.mergeAt.get(`${row.r},${col.col}`);
    const last = segments[segments.length - 1];
    const sameMerge = merge !== undefined && last?.merge === merge;
    const carriedOn =
      last !== undefined &&
      merge === undefined &&
      last.merge === undefined &&
      last.text === text &&
      last.end === col.period.start &&
      last.c1 < col.col;
    if (last && last.day === colDay && (sameMerge || carriedOn)) {
      last.end = Math.max(last.end, col.period.end);
      last.c1 = col.col;
      continue;
    }
    segments.push({
      c0: col.col,
      c1: col.col,
      start: col.period.start,
      end: col.period.end,
      text,
      day: colDay,
      merge,
      label: col.period.label,
    });
  }
  return segments;
}

/** The rota blocks one segment stands for: one per day it applies to, with the pupils and activity its text names. */
function blocksOf(
  g: GridReader,
  r: number,
  s: Segment,
  staffId: string,
  pupils: Resolver,
  fallbackDays: readonly Weekday[] | undefined,
): RotaBlock[] {
  const days = s.day ? [s.day] : fallbackDays;
  if (!days) {
    g.problem(r, s.c0, `No day was found for "${s.text}": put a day name (e.g. "Monday") above this block of rows or over these periods.`);
    return [];
  }
  const meaning = readCell(s.text, pupils);
  for (const msg of meaning.problems) g.problem(r, s.c0, msg);
  if (meaning.pupilIds.length === 0 && (meaning.activity === '1:1' || meaning.activity === 'Group')) return [];
  return days.map((d) => {
    const block: RotaBlock = {
      day: d,
      start: s.start,
      end: s.end,
      staffId,
      activity: meaning.activity ?? '1:1',
      pupilIds: meaning.pupilIds,
      needs: [],
    };
    if (meaning.location) block.location = meaning.location;
    return block;
  });
}

export function importGridRota(
  grid: Grid,
  merges: readonly string[],
  tracker: { pupils: readonly Pupil[]; staff: readonly Staff[] },
  opts: GridRotaOptions = {},
): GridRotaResult {
  const g = gridReader(grid, merges, opts);
  const { result } = g;
  const { headerSeen, anyDay, staffRows } = scanRows(g);
  if (!headerSeen) {
    result.problems.push({
      cell: g.cellRef(0, 0),
      message: 'No header row with period times was found (e.g. "P1 08:50-09:50" across the top).',
    });
    return result;
  }
  let fallbackDays: readonly Weekday[] | undefined;
  if (!anyDay) {
    const fromSheet = opts.sheetName ? dayWord(opts.sheetName) : undefined;
    fallbackDays = fromSheet ? [fromSheet] : DAYS;
    result.notes.push(
      fromSheet
        ? `No day names in the grid: read as ${fromSheet}, from the tab's name.`
        : 'No day names in the grid: read as the same every weekday, Monday to Friday.',
    );
  }
  const pupils = pupilResolver(tracker.pupils);
  const staff = staffResolver(tracker.staff);
  for (const row of staffRows) {
    if (!row.columns.some((c) => g.value(row.r, c.col) !== '')) continue;
    const staffId = staffOfRow(g, staff, row);
    if (staffId === undefined) continue;
    for (const s of segmentsOf(g, row)) result.blocks.push(...blocksOf(g, row.r, s, staffId, pupils, fallbackDays));
  }
  result.blocks.sort(
    (a, b) =>
      DAYS.indexOf(a.day) - DAYS.indexOf(b.day) || (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0) || a.start - b.start,
  );
  return result;
}

/** Blocks not already on the rota (same day, times, person, activity and pupils), so importing twice adds nothing. */
export function newBlocks(existing: readonly RotaBlock[], incoming: readonly RotaBlock[]): RotaBlock[] {
  const key = (b: RotaBlock) => [b.day, b.start, b.end, b.staffId, b.activity, [...b.pupilIds].sort().join(';')].join('|');
  const seen = new Set(existing.map(key));
  const out: RotaBlock[] = [];
  for (const b of incoming) {
    const k = key(b);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(b);
  }
  return out;
}
