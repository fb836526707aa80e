// Dates and clock times of instants on this device's own clock and zone, for what the LSA sees on the device
// (the popup's "today", file names). Anything judged against the tracker uses the core's trackerToday instead.
import { formatTime } from '../shared/index';

/** Local calendar date of an instant as YYYY-MM-DD. */
export function localIsoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whole calendar days from one instant to a later one, on the device's calendar. */
export function calendarDaysBetween(earlier: number, later: number): number {
  const a = new Date(earlier);
  const b = new Date(later);
  const da = Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
  const db = Date.UTC(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.round((db - da) / 86_400_000);
}

/** 24-hour clock time of an instant, e.g. `09:05`. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return formatTime(d.getHours() * 60 + d.getMinutes());
}
