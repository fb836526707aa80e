// The demo school's recorded sessions: last school week for two pupils with EHCP-funded 1:1 support, so the
// dashboard and the review statement have something true to show.
//  - Alfie Brennan (P001, 15 h funded): every 1:1 session delivered by Grace (GAD).
//  - Maisie-Rose Clarke (P004, 7.5 h funded): Siobhan (SOC) was named to cover Hannah's (HWH) Wednesday morning,
//    so Maisie-Rose's Wednesday 1:1 was Missed (Redeployed to cover), written automatically from the Absence tab
//    the way the add-on does when a cover plan is accepted; the other four were delivered.
import type { Absence, IsoDate, LogEntry, RotaBlock, Staff } from '../shared/index';
import { addDays } from '../shared/index';
import { weekStart } from '../shared/index';
import { automaticOutcomes, outcomeLog, sessionsOn } from '../shared/index';
import type { Random } from './random';

export const FULLY_DELIVERED_PUPIL = 'P001';
export const SHORT_PUPIL = 'P004';

/** Monday of the last complete school week before `today`. */
export function lastSchoolWeek(today: IsoDate): IsoDate {
  return addDays(weekStart(today), -7);
}

/** Hannah is off sick on the Wednesday morning of last week, and Siobhan covers her first block. */
export function redeploymentAbsence(today: IsoDate): Absence {
  const wed = addDays(lastSchoolWeek(today), 2);
  return {
    staffId: 'HWH',
    from: wed,
    to: wed,
    part: 'AM',
    reason: 'Sickness',
    coverStaffId: 'SOC',
    coverFrom: 8 * 60 + 45,
    coverTo: 10 * 60 + 15,
  };
}

function stampAt(date: IsoDate, minute: number): string {
  return `${date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+00:00`;
}

export function demoSessionOutcomes(today: IsoDate, rota: RotaBlock[], absences: Absence[], staff: Staff[], rnd: Random): LogEntry[] {
  const monday = lastSchoolWeek(today);
  const logs: LogEntry[] = [];
  for (let i = 0; i < 5; i++) {
    const date = addDays(monday, i);
    // What the Absence tab implies, written when the cover was recorded (the afternoon before).
    logs.push(
      ...automaticOutcomes({ rota, absences, logs, staff }, date, { newId: () => rnd.uuid(), time: stampAt(addDays(date, -1), 16 * 60) }),
    );
    for (const s of sessionsOn(rota, date)) {
      if (s.block.activity !== '1:1') continue;
      for (const pupilId of s.block.pupilIds) {
        if (pupilId !== FULLY_DELIVERED_PUPIL && pupilId !== SHORT_PUPIL) continue;
        if (logs.some((l) => l.session === s.key && l.pupilId === pupilId)) continue;
        logs.push(
          outcomeLog({
            id: rnd.uuid(),
            time: stampAt(date, s.block.end),
            session: s,
            pupilId,
            outcome: 'Delivered',
            staffId: s.block.staffId,
            source: 'kestrellane.uk.arbor.sc/',
          }),
        );
      }
    }
  }
  return logs;
}
