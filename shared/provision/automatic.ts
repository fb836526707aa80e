// Outcomes the Absence tab already implies, written when a cover plan is accepted: a session whose adult is away
// with nobody named to cover it was Missed (Staff absent); a session whose adult was moved to cover someone else
// at that time was Missed (Redeployed to cover), unless an Absence row names another adult for it. These are new
// Log rows (the Log is append-only); sessions with an outcome already are never touched.
import type { Absence, IsoDate, LogEntry, MissedReason, Tracker } from '../model';
import { absenceOn, coverDutiesFromAbsences, namedCoverFor, overlaps, partTouches } from '../checks/rules';
import { rotaByStaffOf } from '../checks/context';
import { latestOutcomes, outcomeKey, outcomeLog, AUTOMATIC_SOURCE } from './outcomes';
import { sessionsOn, type Session } from './sessions';

export interface ImpliedOutcome {
  session: Session;
  pupilId: string;
  reason: MissedReason;
  /** For redeployment: whom they were covering. */
  coveringFor?: string;
}

/** What the Absence tab says about each session of `date`: missed because its adult is away uncovered, or
 * because its adult is covering someone else then. */
export function impliedOutcomes(tracker: Pick<Tracker, 'rota' | 'absences'>, date: IsoDate): ImpliedOutcome[] {
  const rotaByStaff = rotaByStaffOf(tracker.rota);
  const absencesOf = new Map<string, Absence[]>();
  for (const a of tracker.absences) absencesOf.set(a.staffId, [...(absencesOf.get(a.staffId) ?? []), a]);
  const duties = coverDutiesFromAbsences(tracker.absences, rotaByStaff, [date]);
  const out: ImpliedOutcome[] = [];
  for (const s of sessionsOn(tracker.rota, date)) {
    const b = s.block;
    const own = absencesOf.get(b.staffId) ?? [];
    const away = own.some((a) => absenceOn(a, date) && partTouches(a.part, b.start, b.end));
    // Another adult named for this block (for an absence, or for a redeployed LSA's own block) covers it.
    const covered = namedCoverFor(own, date, b) !== undefined;
    let reason: MissedReason | undefined;
    let coveringFor: string | undefined;
    if (away && !covered) reason = 'Staff absent';
    else if (!away) {
      const duty = duties.find((d) => d.coverStaffId === b.staffId && d.block !== b && overlaps(d.block, b));
      if (duty && !covered) {
        reason = 'Redeployed to cover';
        coveringFor = duty.absentStaffId;
      }
    }
    if (!reason) continue;
    for (const pupilId of b.pupilIds) out.push({ session: s, pupilId, reason, ...(coveringFor ? { coveringFor } : {}) });
  }
  return out;
}

/** The Log rows to append for `date` once cover is recorded: the implied outcomes of sessions that have none yet. */
export function automaticOutcomes(
  tracker: Pick<Tracker, 'rota' | 'absences' | 'logs'> & Partial<Pick<Tracker, 'staff'>>,
  date: IsoDate,
  make: { newId: () => string; time: string },
): LogEntry[] {
  const recorded = latestOutcomes(tracker.logs);
  const nameOf = (id: string) => tracker.staff?.find((s) => s.id === id)?.name || id;
  return impliedOutcomes(tracker, date)
    .filter((o) => !recorded.has(outcomeKey(o.session.key, o.pupilId)))
    .map((o) =>
      outcomeLog({
        id: make.newId(),
        time: make.time,
        session: o.session,
        pupilId: o.pupilId,
        outcome: 'Missed',
        missedReason: o.reason,
        note: o.coveringFor ? `Covering for ${nameOf(o.coveringFor)}` : undefined,
        source: AUTOMATIC_SOURCE,
      }),
    );
}
