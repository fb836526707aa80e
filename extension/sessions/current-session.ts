// The session an LSA is in right now with the pupil whose panel is open: their rota block that covers this
// minute today and includes the pupil. The panel shows it first (its outcome card, Delivered suggested but never
// assumed) and puts the target this block usually works on before the others.
import { DAYS, isSessionBlock, sessionKey, type LogEntry, type RotaBlock, type Session } from '../../shared/index';
import { localIsoDate } from '../local-time';

const minuteOf = (d: Date) => d.getHours() * 60 + d.getMinutes();

/**
 * The session `staffId` is rostered for at `at` with `pupilId`, narrowed to that pupil (the page is told about
 * the pupil it opened, no one else in the group). Undefined outside school days and sessions.
 */
export function currentSessionFor(rota: readonly RotaBlock[], staffId: string, pupilId: string, at: Date): Session | undefined {
  const day = DAYS[at.getDay() - 1];
  if (!day) return undefined;
  const minute = minuteOf(at);
  const block = rota.find(
    (b) =>
      b.staffId === staffId && b.day === day && b.start <= minute && minute < b.end && isSessionBlock(b) && b.pupilIds.includes(pupilId),
  );
  if (!block) return undefined;
  const date = localIsoDate(at.getTime());
  return { key: sessionKey(date, block), date, block: { ...block, pupilIds: [pupilId] } };
}

/** The latest outcome this device holds for the pupil in that session (a later tap replaces an earlier one). */
export function latestOutcome<L extends LogEntry & { at: number }>(logs: readonly L[], key: string, pupilId: string): L | undefined {
  let latest: L | undefined;
  for (const l of logs) {
    if (l.kind !== 'Session outcome' || l.session !== key || l.pupilId !== pupilId) continue;
    if (!latest || l.at >= latest.at) latest = l;
  }
  return latest;
}

/**
 * The target this rota block works on, first: the one whose latest evidence was logged during this block's
 * time on its weekday (the most recent such); the others keep their order. None matches: the order is unchanged.
 */
export function sessionTargetFirst<T extends { id: string; lastEvidence?: { at: number } }>(
  targets: readonly T[],
  block: Pick<RotaBlock, 'day' | 'start' | 'end'>,
): { targets: T[]; targetId?: string } {
  let best: T | undefined;
  for (const t of targets) {
    const at = t.lastEvidence ? new Date(t.lastEvidence.at) : undefined;
    if (!at || DAYS[at.getDay() - 1] !== block.day) continue;
    const m = minuteOf(at);
    if (m < block.start || m >= block.end) continue;
    if (!best || at.getTime() > (best.lastEvidence?.at ?? 0)) best = t;
  }
  if (!best) return { targets: [...targets] };
  return { targets: [best, ...targets.filter((t) => t !== best)], targetId: best.id };
}
