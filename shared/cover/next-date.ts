// Where the cover planner opens: the first school day from today that has a rota block left without its adult
// and no cover named, so a SENCo planning on Friday for Monday's absence sees Monday, not an empty Friday.
import type { IsoDate, Tracker } from '../model';
import { addDays } from '../dates';
import { schoolDay } from '../checks/rules';
import { planCover } from './plan';

/** The first school day in [today, today + horizon) with uncovered blocks; today when there is none. */
export function nextDateNeedingCover(tracker: Tracker, today: IsoDate, horizonDays = 14): IsoDate {
  for (let i = 0; i < horizonDays; i++) {
    const d = addDays(today, i);
    if (!schoolDay(d)) continue;
    const plan = planCover(tracker, d);
    if (plan.assignments.length + plan.gaps.length > 0) return d;
  }
  return today;
}
