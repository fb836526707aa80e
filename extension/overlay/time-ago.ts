// "How long ago" in plain UK English, for last evidence on a target. Past two weeks it becomes a date
// (dd/mm/yyyy), because "23 days ago" is harder to check against a review than the date itself.
import { formatUkDate } from '../../shared/index';
import { calendarDaysBetween, localIsoDate } from '../local-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

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
