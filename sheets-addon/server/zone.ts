// Wall-clock readings of instants in the spreadsheet's time zone. SpreadsheetApp hands time-only cells over as
// Dates on 30/12/1899 at that wall-clock time in the sheet's zone, with that zone's 1899 offset: London was
// already on GMT, but Dublin kept Dublin Mean Time (−00:25:21) until 1916, so there reading the Date's UTC
// fields would put 08:50 at 09:15. Intl applies the same historical rules, so the wall clock comes back
// exactly as the person typed it.
// The reading itself is the core's (wallClockAt in shared/dates.ts), so the add-on and "today" agree.
import { type WallClock, wallClockAt } from '../../shared/index';

export type { WallClock };

export function wallClock(d: Date, timeZone: string): WallClock {
  return wallClockAt(d.getTime(), timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of an instant in a zone. */
export function isoDateIn(d: Date, timeZone: string): string {
  const w = wallClock(d, timeZone);
  return `${String(w.year).padStart(4, '0')}-${pad(w.month)}-${pad(w.day)}`;
}

/** A time-only cell (a Date on the 1899/1900 epoch day) as `HH:MM`, else undefined. */
export function timeOfDayCell(d: Date, timeZone: string): string | undefined {
  if (Number.isNaN(d.getTime())) return undefined;
  const w = wallClock(d, timeZone);
  if (!(w.year === 1899 && w.month === 12 && (w.day === 30 || w.day === 31))) return undefined;
  const minutes = w.hour * 60 + w.minute + (w.second >= 30 ? 1 : 0);
  return `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
}

/** The instant of midnight at the start of `iso` (`YYYY-MM-DD`) in a zone: the Date SpreadsheetApp takes for a date
 * cell. Two passes settle the offset across a daylight-saving change. */
export function midnightIn(iso: string, timeZone: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  const offset = (instant: number) => {
    const w = wallClock(new Date(instant), timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
  };
  let guess = wall - offset(wall);
  guess = wall - offset(guess);
  return new Date(guess);
}

/** A date or date-time cell's value as the person sees it in the sheet's zone: `YYYY-MM-DD` at midnight, otherwise
 * `YYYY-MM-DDTHH:MM:SS±HH:MM` (the same instant). Undefined for an invalid Date. */
export function dateCellText(d: Date, timeZone: string): string | undefined {
  const t = d.getTime();
  if (Number.isNaN(t)) return undefined;
  const w = wallClock(d, timeZone);
  const date = `${String(w.year).padStart(4, '0')}-${pad(w.month)}-${pad(w.day)}`;
  if (w.hour === 0 && w.minute === 0 && w.second === 0) return date;
  const offsetMinutes = Math.round(
    (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(t / 1000) * 1000) / 60_000,
  );
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${date}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
