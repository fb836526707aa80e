// Session outcomes: Log rows of Kind `Session outcome`, one per pupil per session, that sync, correct and audit
// like every log. Reading them always goes through effectiveLogs (voids and edits applied); the latest effective
// outcome for a pupil's session wins, so a later "actually it was Part-delivered" replaces an earlier tap.
import { MISSED_REASONS, type IsoDate, type LogEntry, type MissedReason, type SessionOutcome } from '../model';
import { effectiveLogs } from '../corrections';
import type { Session } from './sessions';

export const SESSION_OUTCOME_KIND = 'Session outcome' as const;

/** Map key for one pupil in one session. */
export function outcomeKey(session: string, pupilId: string): string {
  return `${session}\u0000${pupilId}`;
}

/** The latest effective outcome for each (session, pupil), from every log (corrections applied here). Ties in
 * time go to the row further down the Log. */
export function latestOutcomes(logs: readonly LogEntry[], alreadyEffective = false): Map<string, LogEntry> {
  const out = new Map<string, LogEntry>();
  for (const l of alreadyEffective ? logs : effectiveLogs(logs)) {
    if (l.kind !== SESSION_OUTCOME_KIND || !l.session || !l.outcome) continue;
    const k = outcomeKey(l.session, l.pupilId);
    const prev = out.get(k);
    if (!prev || compareTime(l.time, prev.time) >= 0) out.set(k, l);
  }
  return out;
}

/** Log times carry their own offset; comparing the instants keeps a 09:00+01:00 before a 08:30+00:00. */
function compareTime(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a < b ? -1 : a > b ? 1 : 0;
  return ta - tb;
}

export interface OutcomeInput {
  id: string;
  /** ISO 8601 with offset: when it was recorded (the caller's clock; the core never reads one). */
  time: string;
  session: Session | string;
  pupilId: string;
  outcome: SessionOutcome;
  missedReason?: MissedReason;
  /** Part-delivered: the minutes that did happen. */
  minutes?: number;
  /** Other: what happened, in words. */
  note?: string;
  /** Who recorded it (blank when written by the cover planner). */
  staffId?: string;
  source?: string;
}

/** The Log row for an outcome, or a plain-English reason it cannot be one. */
export function outcomeLog(input: OutcomeInput): LogEntry {
  const session = typeof input.session === 'string' ? input.session : input.session.key;
  const problem = outcomeProblem(input);
  if (problem) throw new Error(problem);
  const log: LogEntry = {
    id: input.id,
    time: input.time,
    pupilId: input.pupilId,
    kind: SESSION_OUTCOME_KIND,
    session,
    outcome: input.outcome,
  };
  if (input.outcome === 'Missed') log.missedReason = input.missedReason;
  if (input.outcome === 'Part-delivered') log.minutes = input.minutes;
  if (input.note?.trim()) log.note = input.note.trim();
  if (input.staffId) log.staffId = input.staffId;
  if (input.source) log.source = input.source;
  return log;
}

export function outcomeProblem(input: Pick<OutcomeInput, 'outcome' | 'missedReason' | 'minutes' | 'note'>): string | undefined {
  if (input.outcome === 'Missed') {
    if (!input.missedReason || !MISSED_REASONS.includes(input.missedReason)) return 'A missed session needs a reason.';
    if (input.missedReason === 'Other' && !input.note?.trim()) return 'Say in a note why the session was missed.';
  }
  if (input.outcome === 'Part-delivered' && !(typeof input.minutes === 'number' && input.minutes > 0)) {
    return 'Say how many minutes of the session happened.';
  }
  return undefined;
}

/** The source automatic outcomes carry, so a person reading the Log can tell them from taps. */
export const AUTOMATIC_SOURCE = 'caseload:automatic';

/** "Pupil absent" for every session of the pupil on `date` that has no outcome yet: marked once for the day.
 * Sessions already recorded (say Delivered before the pupil went home) are left as they are. */
export function pupilAbsentOutcomes(
  sessions: readonly Session[],
  logs: readonly LogEntry[],
  pupilId: string,
  date: IsoDate,
  make: { newId: () => string; time: string; staffId?: string; source?: string },
): LogEntry[] {
  const recorded = latestOutcomes(logs);
  return sessions
    .filter((s) => s.date === date && s.block.pupilIds.includes(pupilId) && !recorded.has(outcomeKey(s.key, pupilId)))
    .map((s) =>
      outcomeLog({
        id: make.newId(),
        time: make.time,
        session: s,
        pupilId,
        outcome: 'Missed',
        missedReason: 'Pupil absent',
        staffId: make.staffId,
        source: make.source ?? AUTOMATIC_SOURCE,
      }),
    );
}
