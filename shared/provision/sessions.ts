// Sessions: a rota block with a pupil (1:1, Group, Intervention, Care) on one date. The rota says what should
// happen every week; a session is one occurrence of it, and its outcome (a Log row) says what did happen.
import { DAYS, type Activity, type IsoDate, type MinuteOfDay, type RotaBlock, type Weekday } from '../model';
import { addDays, formatTime, isIsoDate, parseTime, weekdayOf } from '../dates';

/** Blocks whose occurrences are provision a pupil receives. Duty, Break, PPA and Cover are not. */
export const SESSION_ACTIVITIES: ReadonlySet<Activity> = new Set<Activity>(['1:1', 'Group', 'Intervention', 'Care']);

export interface Session {
  /** `YYYY-MM-DD HH:MM-HH:MM <StaffID>`: the Log's Session column. */
  key: string;
  date: IsoDate;
  block: RotaBlock;
}

/** `2026-11-23 09:00-10:00 LSA1`: date, the rota block's start–end and its rostered staff. A person cannot be
 * rostered in two places at once, so this names one block on one date without relying on row numbers. */
export function sessionKey(date: IsoDate, block: Pick<RotaBlock, 'start' | 'end' | 'staffId'>): string {
  return `${date} ${formatTime(block.start)}-${formatTime(block.end)} ${block.staffId}`;
}

export interface SessionKeyParts {
  date: IsoDate;
  start: MinuteOfDay;
  end: MinuteOfDay;
  staffId: string;
}

/** Reads a Session cell back; undefined when it is not in the `YYYY-MM-DD HH:MM-HH:MM StaffID` shape. */
export function parseSessionKey(key: string): SessionKeyParts | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s+(\S.*)$/.exec(key.trim());
  if (!m || !isIsoDate(m[1]!)) return undefined;
  const start = parseTime(m[2]!);
  const end = parseTime(m[3]!);
  if (start === undefined || end === undefined || end <= start) return undefined;
  return { date: m[1]!, start, end, staffId: m[4]!.trim() };
}

export function isSessionBlock(b: RotaBlock): boolean {
  return b.pupilIds.length > 0 && b.end > b.start && SESSION_ACTIVITIES.has(b.activity);
}

/** Session blocks by weekday, built once so a year of dates costs one lookup per day. */
export function sessionBlocksByDay(rota: readonly RotaBlock[]): Map<Weekday, RotaBlock[]> {
  const m = new Map<Weekday, RotaBlock[]>(DAYS.map((d) => [d, []]));
  for (const b of rota) if (isSessionBlock(b)) m.get(b.day)?.push(b);
  for (const list of m.values())
    list.sort((a, b) => a.start - b.start || a.end - b.end || (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0));
  return m;
}

/** The sessions on one date, in time order (none at weekends). */
export function sessionsOn(rota: readonly RotaBlock[] | Map<Weekday, RotaBlock[]>, date: IsoDate): Session[] {
  const byDay = rota instanceof Map ? rota : sessionBlocksByDay(rota);
  const day = weekdayOf(date);
  if (day === 'Sat' || day === 'Sun') return [];
  return (byDay.get(day) ?? []).map((block) => ({ key: sessionKey(date, block), date, block }));
}

/** Every session from `from` to `to` inclusive. */
export function sessionsBetween(rota: readonly RotaBlock[], from: IsoDate, to: IsoDate): Session[] {
  const byDay = sessionBlocksByDay(rota);
  const out: Session[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(...sessionsOn(byDay, d));
  return out;
}

/** The session a staff member is in at a minute of a date, for "Now" cards: theirs, or undefined. */
export function sessionAt(rota: readonly RotaBlock[], date: IsoDate, minute: MinuteOfDay, staffId?: string): Session | undefined {
  return sessionsOn(rota, date).find(
    (s) => s.block.start <= minute && minute < s.block.end && (staffId === undefined || s.block.staffId === staffId),
  );
}
