// "Who am I with now?": the rota blocks of one member of staff for the current moment and the next one today.
import { DAYS, type RotaBlock, type Weekday } from '../../../shared/index';

export interface NowAndNext {
  current: RotaBlock[];
  next?: RotaBlock;
  /** False at weekends: the rota has no Saturday or Sunday. */
  schoolDay: boolean;
}

export function weekdayOfDate(d: Date): Weekday | undefined {
  // getDay(): 0 = Sunday … 6 = Saturday; DAYS starts at Monday.
  return DAYS[d.getDay() - 1];
}

export function nowAndNext(rota: readonly RotaBlock[], staffId: string, at: Date): NowAndNext {
  const day = weekdayOfDate(at);
  if (!day) return { current: [], schoolDay: false };
  const minute = at.getHours() * 60 + at.getMinutes();
  const mine = rota.filter((b) => b.staffId === staffId && b.day === day).sort((a, b) => a.start - b.start || a.end - b.end);
  const current = mine.filter((b) => b.start <= minute && minute < b.end);
  const next = mine.find((b) => b.start > minute);
  return { current, ...(next ? { next } : {}), schoolDay: true };
}
