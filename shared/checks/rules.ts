// Rules the checks and the cover planner must agree on exactly (training validity, absence halves, what a
// week is, which blocks need cover). Both import them from here, so the planner can never propose what the
// checks would flag.
import {
  DAYS,
  type Absence,
  type AbsencePart,
  type Activity,
  type IsoDate,
  type MinuteOfDay,
  type RotaBlock,
  type TrainingRecord,
  type Weekday,
} from '../model';
import { addDays, formatTime, weekdayOf } from '../dates';

/** AM is before 12:00, PM from 12:00. */
export const NOON: MinuteOfDay = 12 * 60;

/** Activities someone must staff when the rostered person is away. A Break or PPA of an absent person needs nobody. */
export const ACTIVITIES_NEEDING_COVER: ReadonlySet<Activity> = new Set<Activity>(['1:1', 'Group', 'Intervention', 'Care', 'Duty', 'Cover']);

export function blockMinutes(b: Pick<RotaBlock, 'start' | 'end'>): number {
  return Math.max(0, b.end - b.start);
}

/** `Tue 09:00–10:00` */
export function blockWhen(b: Pick<RotaBlock, 'day' | 'start' | 'end'>): string {
  return `${b.day} ${formatTime(b.start)}–${formatTime(b.end)}`;
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Does an absence for this part of the day take the person away from any of [start, end)? */
export function partTouches(part: AbsencePart, start: MinuteOfDay, end: MinuteOfDay): boolean {
  if (part === 'AM') return start < NOON;
  if (part === 'PM') return end > NOON;
  return true;
}

/** Absences run from `from` to `to` inclusive; a missing `to` means the one day. */
export function absenceOn(a: Absence, date: IsoDate): boolean {
  const to = a.to || a.from;
  return a.from <= date && date <= to;
}

/** Weekday name for a school day, undefined at weekends. */
export function schoolDay(date: IsoDate): Weekday | undefined {
  const d = weekdayOf(date);
  return d === 'Sat' || d === 'Sun' ? undefined : d;
}

/** The next date on or after `today` that falls on `day`: a weekly rota is judged on its next occurrence. */
export function nextOccurrence(day: Weekday, today: IsoDate): IsoDate {
  const w = weekdayOf(today);
  const from = w === 'Sun' ? 6 : w === 'Sat' ? 5 : DAYS.indexOf(w);
  const to = DAYS.indexOf(day);
  // Sat→Mon is 2 days, Sun→Mon 1 day; on a weekday, go forward to the wanted day.
  const offset = w === 'Sat' ? 2 + to : w === 'Sun' ? 1 + to : (to - from + 7) % 7;
  return addDays(today, offset);
}

/** Monday of the school week holding `date` (weekends belong to the week before). */
export function weekStart(date: IsoDate): IsoDate {
  const w = weekdayOf(date);
  const back = w === 'Sun' ? 6 : w === 'Sat' ? 5 : DAYS.indexOf(w);
  return addDays(date, -back);
}

/** The dates from `today` for the coming week (today plus six days), school days only. */
export function schoolDaysFrom(today: IsoDate, days = 7): IsoDate[] {
  const out: IsoDate[] = [];
  for (let i = 0; i < days; i++) {
    const d = addDays(today, i);
    if (schoolDay(d)) out.push(d);
  }
  return out;
}

/** Training names compare case-, space- and punctuation-insensitively ("Epi-pen" = "EpiPen"). */
export function normaliseTraining(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Training counts on a date when completed on or before it and not yet expired: the expiry date is the first
 * day it no longer counts (a certificate that "expires 01/12/2026" does not cover a block on 01/12/2026). */
export function trainingValidOn(r: Pick<TrainingRecord, 'completed' | 'expires'>, date: IsoDate): boolean {
  if (r.completed && r.completed > date) return false;
  if (r.expires && r.expires <= date) return false;
  return true;
}

/** The needs of a block that this person's training does not cover on that date. */
export function missingTraining(records: readonly TrainingRecord[] | undefined, needs: readonly string[], date: IsoDate): string[] {
  return needs.filter((need) => {
    const key = normaliseTraining(need);
    if (key === '') return false;
    return !(records ?? []).some((r) => normaliseTraining(r.training) === key && trainingValidOn(r, date));
  });
}

/** "Medication", "Medication and EpiPen", "Medication, EpiPen and First aid" */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `4 h 30 min`, `45 min`, `15 h` */
export function formatDuration(minutes: number): string {
  const m = Math.round(minutes);
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (h === 0) return `${r} min`;
  return r === 0 ? `${h} h` : `${h} h ${r} min`;
}

/** A cover duty: on `date`, `coverStaffId` staffs `block` for the absent `absentStaffId`. */
export interface CoverDuty {
  date: IsoDate;
  block: RotaBlock;
  absentStaffId: string;
  coverStaffId: string;
  /** The Absence record that named the cover, when it came from the sheet. */
  absence?: Absence;
}

/** Blocks of one absent person on one date that the absence takes them away from and that need someone. */
export function blocksLeftByAbsence(rotaOfStaff: readonly RotaBlock[] | undefined, absence: Absence, date: IsoDate): RotaBlock[] {
  const day = schoolDay(date);
  if (!day || !absenceOn(absence, date)) return [];
  return (rotaOfStaff ?? []).filter(
    (b) => b.day === day && ACTIVITIES_NEEDING_COVER.has(b.activity) && partTouches(absence.part, b.start, b.end),
  );
}

/** Whether an Absence row's cover applies to a block: rows without a cover window cover the whole absence;
 * a window (split cover) covers only blocks that lie inside it. */
export function coverWindowHolds(a: Absence, block: RotaBlock): boolean {
  return (a.coverFrom === undefined || block.start >= a.coverFrom) && (a.coverTo === undefined || block.end <= a.coverTo);
}

/** The Absence row, among one absent person's rows, that names cover for `block` on `date`, if any. */
export function namedCoverFor(absencesOfStaff: readonly Absence[], date: IsoDate, block: RotaBlock): Absence | undefined {
  return absencesOfStaff.find(
    (a) => a.coverStaffId !== undefined && absenceOn(a, date) && partTouches(a.part, block.start, block.end) && coverWindowHolds(a, block),
  );
}

/** Cover the Absence tab names (Cover Staff ID), as duties on each school day in `dates`. The named person takes
 * every block the absence leaves that needs someone, within the row's cover window when it has one. */
export function coverDutiesFromAbsences(
  absences: readonly Absence[],
  rotaByStaff: ReadonlyMap<string, readonly RotaBlock[]>,
  dates: readonly IsoDate[],
): CoverDuty[] {
  const out: CoverDuty[] = [];
  const seen = new Set<string>();
  for (const a of absences) {
    if (!a.coverStaffId) continue;
    for (const date of dates) {
      for (const block of blocksLeftByAbsence(rotaByStaff.get(a.staffId), a, date)) {
        if (!coverWindowHolds(a, block)) continue;
        // Two overlapping absence rows naming cover for the same block make one duty, not two.
        const key = `${date}\u0000${a.staffId}\u0000${block.day}${block.start}-${block.end}\u0000${block.row ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ date, block, absentStaffId: a.staffId, coverStaffId: a.coverStaffId, absence: a });
      }
    }
  }
  return out;
}

/** Rostered minutes a week that count against a contract: everything but Break. */
export function rosteredMinutes(blocks: readonly RotaBlock[] | undefined): number {
  let total = 0;
  for (const b of blocks ?? []) if (b.activity !== 'Break') total += blockMinutes(b);
  return total;
}

/** The evidence window of `days` days ending today: a log dated on or after `today − days` and not after today
 * counts (so with 14 days, a log made on the same weekday two weeks ago still counts). */
export function evidenceWindow(today: IsoDate, days: number): { from: IsoDate; to: IsoDate } {
  return { from: addDays(today, -Math.max(0, Math.floor(days))), to: today };
}
