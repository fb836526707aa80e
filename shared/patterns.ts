// Working patterns: the free text in Staff › Working pattern (`Mon-Thu 08:15-15:30; Fri 08:15-13:45`) read into
// minute ranges per weekday, so rota checks and the cover planner can ask "is this person in at 14:00 on Friday?".
//
// Grammar (forgiving, because people type these by hand):
//   pattern   := group (sep group)*
//   group     := days+ range+          e.g. `Mon, Wed 09:00-12:00`, `Tue 08:30-12:00, 13:00-15:00`
//   days      := Day | Day-Day         Mon, Monday, Tues, Thur… ; `Mon-Thu`, `Monday to Thursday`
//   range     := time (-|–|—|to) time  `08:15`, `8:15`, `8.15`, `0815`, `9am`, `3:30pm`
//   sep       := `;` `,` `&` `/` `and` newline or spaces
// A leading range with no days before it (`8:30-15:15`) means every weekday. `term time`, `TTO` and `only` are
// ignored (term-time contracts still have daily hours). Blank text, or text that says nothing but "term time",
// is `unknown`: we cannot judge the rota against it, so pattern checks are skipped rather than guessed.
import { DAYS, type MinuteOfDay, type Weekday } from './model';
import { formatTime } from './dates';

export interface MinuteRange {
  start: MinuteOfDay;
  end: MinuteOfDay;
}

export type WorkingWeek = Record<Weekday, MinuteRange[]>;

export type ParsedPattern = { kind: 'pattern'; days: WorkingWeek } | { kind: 'unknown' } | { kind: 'error'; message: string };

const DAY_WORDS: Record<string, Weekday> = {
  mon: 'Mon',
  monday: 'Mon',
  mo: 'Mon',
  tue: 'Tue',
  tues: 'Tue',
  tuesday: 'Tue',
  tu: 'Tue',
  wed: 'Wed',
  weds: 'Wed',
  wednesday: 'Wed',
  we: 'Wed',
  thu: 'Thu',
  thur: 'Thu',
  thurs: 'Thu',
  thursday: 'Thu',
  th: 'Thu',
  fri: 'Fri',
  friday: 'Fri',
  fr: 'Fri',
};

const DAY_RE = '(mon(?:day)?|tue(?:s(?:day)?)?|tuesday|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|thursday|fri(?:day)?|mo|tu|we|th|fr)';
const TIME_RE = '(\\d{1,2}(?:[:.]\\d{2})?\\s*(?:am|pm)?|\\d{4})';
const DASH_RE = '\\s*(?:-|–|—|to|until|till)\\s*';
const TOKEN_RE = new RegExp(
  [
    `(?<range>${TIME_RE}${DASH_RE}${TIME_RE})(?![\\d:.])`,
    `(?<dayRange>\\b${DAY_RE}\\.?${DASH_RE}${DAY_RE}\\b\\.?)`,
    `(?<day>\\b${DAY_RE}\\b\\.?)`,
    `(?<sep>[;,&/+]|\\band\\b|\\s+)`,
    `(?<noise>\\bterm[\\s-]*time\\b|\\btto\\b|\\bonly\\b|\\(|\\))`,
  ].join('|'),
  'giy',
);

function emptyWeek(): WorkingWeek {
  return { Mon: [], Tue: [], Wed: [], Thu: [], Fri: [] };
}

/** `08:15`, `8.15`, `0815`, `9am`, `3:30pm` → minutes since midnight. Hour-only needs am/pm (`9` alone is unclear). */
export function parseClock(text: string): MinuteOfDay | undefined {
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const meridiem = m[3]?.toLowerCase();
  if (m[2] === undefined && meridiem === undefined) return undefined;
  if (min > 59) return undefined;
  if (meridiem) {
    if (h < 1 || h > 12) return undefined;
    if (meridiem === 'pm' && h !== 12) h += 12;
    if (meridiem === 'am' && h === 12) h = 0;
  } else if (h > 23) return undefined;
  return h * 60 + min;
}

function dayOf(word: string): Weekday | undefined {
  return DAY_WORDS[word.toLowerCase().replace(/\.$/, '')];
}

function daySpan(from: Weekday, to: Weekday): Weekday[] | undefined {
  const a = DAYS.indexOf(from);
  const b = DAYS.indexOf(to);
  return a <= b ? DAYS.slice(a, b + 1) : undefined;
}

/** Sort and merge overlapping or touching ranges so "inside the pattern" is a single containment test. */
export function mergeRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: MinuteRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

export function parsePattern(text: string | undefined | null): ParsedPattern {
  const source = (text ?? '').trim();
  if (source === '') return { kind: 'unknown' };
  const week = emptyWeek();
  let pendingDays: Weekday[] = [];
  let lastWasRange = false;
  let sawRange = false;
  let sawNoise = false;
  let pos = 0;
  TOKEN_RE.lastIndex = 0;
  while (pos < source.length) {
    TOKEN_RE.lastIndex = pos;
    const m = TOKEN_RE.exec(source);
    if (!m || m.index !== pos || m[0].length === 0) {
      const rest = source.slice(pos).split(/[;,]/)[0]!.trim();
      return { kind: 'error', message: `"${rest}" in working pattern "${source}" is not a day or a time range (e.g. Mon-Thu 08:15-15:30)` };
    }
    pos += m[0].length;
    const g = m.groups ?? {};
    if (g.range !== undefined) {
      const [startText, endText] = [m[2]!, m[3]!];
      const start = parseClock(startText);
      const end = parseClock(endText);
      if (start === undefined || end === undefined) {
        return { kind: 'error', message: `"${g.range}" in working pattern "${source}" is not a time range like 08:15-15:30` };
      }
      if (end <= start) {
        return { kind: 'error', message: `${formatTime(start)}–${formatTime(end)} in working pattern "${source}" ends before it starts` };
      }
      // A range with no days before it at all means every weekday.
      const days = pendingDays.length > 0 ? pendingDays : sawRange ? undefined : [...DAYS];
      if (!days) return { kind: 'error', message: `A time range in working pattern "${source}" has no days before it` };
      for (const d of days) week[d].push({ start, end });
      pendingDays = days;
      lastWasRange = true;
      sawRange = true;
    } else if (g.dayRange !== undefined || g.day !== undefined) {
      let days: Weekday[] | undefined;
      if (g.dayRange !== undefined) {
        const from = dayOf(m[5]!);
        const to = dayOf(m[6]!);
        days = from && to ? daySpan(from, to) : undefined;
        if (!days) return { kind: 'error', message: `"${g.dayRange}" in working pattern "${source}" is not a run of weekdays` };
      } else {
        const d = dayOf(m[8]!);
        if (!d) return { kind: 'error', message: `"${g.day}" in working pattern "${source}" is not a weekday` };
        days = [d];
      }
      // Days after a time range start a new group.
      pendingDays = lastWasRange ? days : [...pendingDays, ...days];
      lastWasRange = false;
    } else if (g.noise !== undefined) {
      sawNoise = true;
    }
  }
  if (!sawRange) {
    if (pendingDays.length === 0 && sawNoise) return { kind: 'unknown' };
    return { kind: 'error', message: `Working pattern "${source}" gives no times (e.g. Mon-Thu 08:15-15:30)` };
  }
  if (!lastWasRange) return { kind: 'error', message: `Working pattern "${source}" ends with days but no times` };
  for (const d of DAYS) week[d] = mergeRanges(week[d]);
  return { kind: 'pattern', days: week };
}

/** True when the whole of [start, end) lies inside one of the day's working ranges. */
export function withinPattern(week: WorkingWeek, day: Weekday, start: MinuteOfDay, end: MinuteOfDay): boolean {
  return week[day].some((r) => r.start <= start && end <= r.end);
}

/** Canonical text for a week, e.g. `Mon 08:15-15:30; Fri 08:15-13:45` (one group per day). */
export function formatPattern(week: WorkingWeek): string {
  return DAYS.filter((d) => week[d].length > 0)
    .map((d) => `${d} ${week[d].map((r) => `${formatTime(r.start)}-${formatTime(r.end)}`).join(', ')}`)
    .join('; ');
}
