// Calendar arithmetic on IsoDate strings (`YYYY-MM-DD`) and clock times on minutes of the day.
// Dates are treated as days in UTC so no offset or daylight-saving change can move them.
import type { IsoDate, MinuteOfDay, Weekday } from './model';

const MS_PER_DAY = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 for a valid IsoDate. */
export function dayNumber(date: IsoDate): number {
  const m = ISO_RE.exec(date);
  if (!m) throw new RangeError(`Not a date: "${date}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** b − a in whole days (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Same day n months later, clamped to the month's end (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const m = ISO_RE.exec(date);
  if (!m) throw new RangeError(`Not a date: "${date}"`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const y = Math.floor(total / 12);
  const mo = (total % 12) + 1;
  const d = Math.min(Number(m[3]), daysInMonth(y, mo));
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const WEEKDAYS_FROM_SUNDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** `Mon`…`Fri` for a school day, or `Sat`/`Sun`. */
export function weekdayOf(date: IsoDate): Weekday | 'Sat' | 'Sun' {
  // 1970-01-01 was a Thursday (index 4 from Sunday).
  const idx = (((dayNumber(date) + 4) % 7) + 7) % 7;
  return WEEKDAYS_FROM_SUNDAY[idx]!;
}

/** dd/mm/yyyy, the way UK schools write dates. */
export function formatUkDate(date: IsoDate): string {
  const m = ISO_RE.exec(date);
  if (!m) return date;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** 24-hour `HH:MM` for minutes since midnight. */
export function formatTime(minutes: MinuteOfDay): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** `08:15`, `8:15`, `0815`, `8.15` → minutes since midnight; undefined when not a valid 24h time. */
export function parseTime(text: string): MinuteOfDay | undefined {
  const m = /^\s*(\d{1,2})[:.]?(\d{2})\s*$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return h * 60 + min;
}

const DEFAULT_ZONE = 'Europe/London';
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone. An unknown zone (a typo in the tracker's Settings tab) reads as Europe/London
 * rather than failing whatever asked for "today". */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return wallClockFormat(DEFAULT_ZONE);
    }
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** A wall clock reading, field by field. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock at an instant in a time zone, with the zone's historical offsets as Intl knows them (Dublin kept
 * Dublin Mean Time until 1916: the add-on reads time-only cells, Dates on 30/12/1899, through this). */
export function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of wallClockFormat(timeZone).formatToParts(new Date(epochMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The calendar date and minute of the day at an instant in a time zone, read together (one Intl call, where
 * localDate and localMinuteOfDay make one each). */
export function wallClock(epochMs: number, timeZone: string): { date: IsoDate; minute: MinuteOfDay; second: number } {
  const w = wallClockAt(epochMs, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${String(w.year).padStart(4, '0')}-${two(w.month)}-${two(w.day)}`, minute: w.hour * 60 + w.minute, second: w.second };
}

/**
 * The wall clock in one time zone for many instants (a year of logs in an export): one Intl reading per instant is
 * most of an export's time, so the zone's offset is read once per UTC hour, at both ends of the hour, and reused
 * for every instant in it when it is the same at both ends (an offset in seconds, as local mean time had, works
 * the same). An hour with a change of offset in it (the clocks going forward or back) is read instant by instant
 * through Intl, as wallClock is.
 */
export function wallClockReader(timeZone: string): (epochMs: number) => { date: IsoDate; minute: MinuteOfDay } {
  const offsets = new Map<number, number | null>();
  const offsetAt = (ms: number) => {
    const w = wallClock(ms, timeZone);
    return dayNumber(w.date) * MS_PER_DAY + w.minute * 60_000 + w.second * 1000 - ms;
  };
  return (epochMs) => {
    const hour = Math.floor(epochMs / 3_600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const start = hour * 3_600_000;
      const atStart = offsetAt(start);
      offset = atStart === offsetAt(start + 3_599_000) ? atStart : null;
      offsets.set(hour, offset);
    }
    if (offset === null) {
      const w = wallClock(epochMs, timeZone);
      return { date: w.date, minute: w.minute };
    }
    const local = epochMs + offset;
    const day = Math.floor(local / MS_PER_DAY);
    return { date: fromDayNumber(day), minute: Math.floor((local - day * MS_PER_DAY) / 60_000) };
  };
}

/** "Today" for a tracker: the calendar date at `epochMs` in the tracker's time zone (Settings › Timezone, or for the
 * add-on the spreadsheet's own zone), Europe/London when none is set. Every front end asks this one function, with
 * the clock reading it took at its edge: the core never reads the clock itself. */
export function trackerToday(epochMs: number, timeZone?: string): IsoDate {
  return wallClock(epochMs, timeZone || DEFAULT_ZONE).date;
}

/** The calendar date at an instant in a time zone (e.g. Europe/London). */
export function localDate(epochMs: number, timeZone = DEFAULT_ZONE): IsoDate {
  return wallClock(epochMs, timeZone).date;
}

/** Minutes since midnight at an instant in a time zone, for "who am I with now". */
export function localMinuteOfDay(epochMs: number, timeZone = DEFAULT_ZONE): MinuteOfDay {
  return wallClock(epochMs, timeZone).minute;
}

function offsetOf(epochMs: number, wall: { date: IsoDate; minute: MinuteOfDay }): string {
  // The wall clock read as if it were UTC, minus the instant (both to the whole minute), is the zone's offset.
  const wallAsUtc = dayNumber(wall.date) * 86_400_000 + wall.minute * 60_000;
  const minutes = Math.round((wallAsUtc - Math.floor(epochMs / 60_000) * 60_000) / 60_000);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An ISO 8601 time stamp in local time with its offset, e.g. `2026-07-01T10:15:00+01:00`. */
export function localTimestamp(epochMs: number, timeZone = DEFAULT_ZONE): string {
  const wall = wallClock(epochMs, timeZone);
  return `${wall.date}T${formatTime(wall.minute)}:${String(wall.second).padStart(2, '0')}${offsetOf(epochMs, wall)}`;
}
