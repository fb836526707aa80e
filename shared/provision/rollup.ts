// Funded vs rostered vs delivered, per pupil per school week. Section F funds 1:1 hours, so the comparison with
// funded hours uses 1:1 sessions; every session (group, intervention, care too) is also totalled so a statement can
// say what else the pupil received. A session with no outcome is "not recorded" once its day is over, and is
// never counted as delivered; sessions today or later are "to come".
import { MISSED_REASONS, type IsoDate, type LogEntry, type MissedReason, type Pupil, type Tracker } from '../model';
import { addDays } from '../dates';
import { weekStart } from '../checks/rules';
import { latestOutcomes, outcomeKey } from './outcomes';
import { sessionBlocksByDay, sessionsOn, type Session } from './sessions';

export type SessionStatus = 'Delivered' | 'Part-delivered' | 'Missed' | 'Not recorded' | 'To come';

export interface PupilSession {
  session: Session;
  pupilId: string;
  status: SessionStatus;
  rosteredMinutes: number;
  deliveredMinutes: number;
  missedReason?: MissedReason;
  note?: string;
  /** The outcome log this status comes from. */
  log?: LogEntry;
}

export interface Minutes {
  rostered: number;
  delivered: number;
  /** The part of Part-delivered sessions that did not happen. */
  partShort: number;
  missed: Record<MissedReason, number>;
  notRecorded: number;
  toCome: number;
}

export interface WeekProvision {
  pupilId: string;
  /** Monday of the school week. */
  week: IsoDate;
  /** True once the week's Friday is before `today`: only then can it be judged. */
  complete: boolean;
  /** Funded 1:1 minutes for the week (Section F), when the Pupils tab gives them. */
  funded?: number;
  /** 1:1 sessions: what funded hours buy. */
  oneToOne: Minutes;
  /** Every session the pupil is in (1:1, Group, Intervention, Care). */
  all: Minutes;
  sessions: PupilSession[];
}

export function emptyMinutes(): Minutes {
  const missed = {} as Record<MissedReason, number>;
  for (const r of MISSED_REASONS) missed[r] = 0;
  return { rostered: 0, delivered: 0, partShort: 0, missed, notRecorded: 0, toCome: 0 };
}

function add(m: Minutes, s: PupilSession): void {
  m.rostered += s.rosteredMinutes;
  m.delivered += s.deliveredMinutes;
  if (s.status === 'Part-delivered') m.partShort += s.rosteredMinutes - s.deliveredMinutes;
  else if (s.status === 'Missed') m.missed[s.missedReason ?? 'Other'] += s.rosteredMinutes;
  else if (s.status === 'Not recorded') m.notRecorded += s.rosteredMinutes;
  else if (s.status === 'To come') m.toCome += s.rosteredMinutes;
}

/** One pupil's part in one session, judged from its latest effective outcome. */
export function pupilSession(session: Session, pupilId: string, outcome: LogEntry | undefined, today: IsoDate): PupilSession {
  const rostered = session.block.end - session.block.start;
  const base = { session, pupilId, rosteredMinutes: rostered };
  if (!outcome) return { ...base, status: session.date < today ? 'Not recorded' : 'To come', deliveredMinutes: 0 };
  const note = outcome.note ? { note: outcome.note } : {};
  if (outcome.outcome === 'Delivered') return { ...base, ...note, status: 'Delivered', deliveredMinutes: rostered, log: outcome };
  if (outcome.outcome === 'Part-delivered') {
    return {
      ...base,
      ...note,
      status: 'Part-delivered',
      deliveredMinutes: Math.min(rostered, Math.max(0, outcome.minutes ?? 0)),
      log: outcome,
    };
  }
  return { ...base, ...note, status: 'Missed', deliveredMinutes: 0, missedReason: outcome.missedReason ?? 'Other', log: outcome };
}

export interface RollupOptions {
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  /** Only these pupils (default: every pupil on the Pupils tab). */
  pupilIds?: readonly string[];
  /** Outcomes already read (latestOutcomes), when the caller has them. */
  outcomes?: Map<string, LogEntry>;
}

/** Weekly provision for each pupil over whole school weeks covering [from, to], oldest week first. A pupil with
 * no sessions and no funded hours gets no weeks. */
export function weeklyProvision(tracker: Pick<Tracker, 'pupils' | 'rota' | 'logs'>, opts: RollupOptions): Map<string, WeekProvision[]> {
  const wanted = opts.pupilIds ? new Set(opts.pupilIds) : undefined;
  const pupils = new Map<string, Pupil>();
  for (const p of tracker.pupils) if ((!wanted || wanted.has(p.id)) && !pupils.has(p.id)) pupils.set(p.id, p);
  const outcomes = opts.outcomes ?? latestOutcomes(tracker.logs);
  const byDay = sessionBlocksByDay(tracker.rota);
  const out = new Map<string, WeekProvision[]>();
  const first = weekStart(opts.from);
  for (let monday = first; monday <= opts.to; monday = addDays(monday, 7)) {
    const friday = addDays(monday, 4);
    const weeks = new Map<string, WeekProvision>();
    const weekOf = (pupilId: string): WeekProvision => {
      let w = weeks.get(pupilId);
      if (!w) {
        const funded = pupils.get(pupilId)?.fundedHours;
        w = { pupilId, week: monday, complete: friday < opts.today, oneToOne: emptyMinutes(), all: emptyMinutes(), sessions: [] };
        if (funded !== undefined && funded > 0) w.funded = Math.round(funded * 60);
        weeks.set(pupilId, w);
      }
      return w;
    };
    for (let d = 0; d < 5; d++) {
      const date = addDays(monday, d);
      for (const s of sessionsOn(byDay, date)) {
        for (const pupilId of s.block.pupilIds) {
          if (!pupils.has(pupilId)) continue;
          const ps = pupilSession(s, pupilId, outcomes.get(outcomeKey(s.key, pupilId)), opts.today);
          const w = weekOf(pupilId);
          w.sessions.push(ps);
          add(w.all, ps);
          if (s.block.activity === '1:1') add(w.oneToOne, ps);
        }
      }
    }
    for (const p of pupils.values()) if (p.fundedHours && p.fundedHours > 0) weekOf(p.id);
    for (const [pupilId, w] of weeks) {
      const list = out.get(pupilId);
      if (list) list.push(w);
      else out.set(pupilId, [w]);
    }
  }
  return out;
}

/** Missed minutes by reason, largest first, leaving out reasons with none. */
export function missedByReason(m: Minutes): { reason: MissedReason; minutes: number }[] {
  return MISSED_REASONS.map((reason) => ({ reason, minutes: m.missed[reason] }))
    .filter((x) => x.minutes > 0)
    .sort((a, b) => b.minutes - a.minutes);
}

export function totalMissed(m: Minutes): number {
  let t = 0;
  for (const r of MISSED_REASONS) t += m.missed[r];
  return t;
}
