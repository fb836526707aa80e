// "How long ago" in plain UK English, for last evidence on a target. Past two weeks it becomes a date
// (dd/mm/yyyy), because "23 days ago" is harder to check against a review than the date itself.
import { formatTime, formatUkDate } from '../../shared/dates';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Local calendar date of an instant as YYYY-MM-DD. */
export function localIsoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function calendarDaysBetween(earlier: number, later: number): number {
  const a = new Date(earlier);
  const b = new Date(later);
  const da = Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
  const db = Date.UTC(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.round((db - da) / 86_400_000);
}

export function timeAgo(then: number, now: number): string {
  const diff = now - then;
  if (diff < MINUTE) return 'just now';
  if (diff < HOUR) {
    const m = Math.floor(diff / MINUTE);
    return m === 1 ? '1 minute ago' : `${m} minutes ago`;
  }
  const days = calendarDaysBetween(then, now);
  if (days === 0) {
    const h = Math.floor(diff / HOUR);
    return h === 1 ? '1 hour ago' : `${h} hours ago`;
  }
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  return `on ${formatUkDate(localIsoDate(then))}`;
}

/** 24-hour clock time of an instant, e.g. `09:05`. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return formatTime(d.getHours() * 60 + d.getMinutes());
}
