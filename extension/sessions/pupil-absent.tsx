// "A pupil is absent today": one action that records every session the pupil has today (with anyone on the rota)
// as Missed (Pupil absent), so an LSA whose pupil is off sick does not tap Missed ▸ Pupil absent five times. The
// rows come from the core's pupilAbsentOutcomes: sessions that already have an outcome (say Delivered before the
// pupil went home) are left as they are, and each row goes through the same store and outbox as every log.
import { useState } from 'preact/hooks';
import { formatTime, pupilAbsentOutcomes, pupilName, type LogEntry, type Pupil, type Session } from '../../shared/index';
import { isoWithOffset, uuidV4 } from '../overlay/log-entry';

export interface PupilAbsentProps {
  /** Today's sessions on the whole rota (the pupil may be with other adults later). */
  sessions: readonly Session[];
  /** The pupils offered: those in the recorder's own sessions today. */
  pupils: readonly Pupil[];
  /** Logs on this device (outcomes already recorded are kept). */
  logs: readonly LogEntry[];
  staffId?: string;
  record(entry: LogEntry): Promise<string | undefined>;
  now?: () => Date;
}

/** Where the rows come from: a person in the popup, told apart from the cover planner's automatic rows (which the
 * SESSIONS_NOT_RECORDED check does not count as a person recording). */
export const PUPIL_ABSENT_SOURCE = 'caseload:popup';

export function PupilAbsentToday({ sessions, pupils, logs, staffId, record, now = () => new Date() }: PupilAbsentProps) {
  const [pupilId, setPupilId] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  if (pupils.length === 0 || sessions.length === 0) return null;
  const date = sessions[0]!.date;
  const chosen = pupils.find((p) => p.id === pupilId);

  const markAbsent = async () => {
    if (!chosen) return setMessage('Choose the pupil who is absent.');
    const name = pupilName(chosen);
    const at = now();
    const rows = pupilAbsentOutcomes(sessions, logs, chosen.id, date, {
      newId: () => uuidV4(),
      time: isoWithOffset(at),
      source: PUPIL_ABSENT_SOURCE,
      ...(staffId ? { staffId } : {}),
    });
    if (rows.length === 0) return setMessage(`Every session ${name} has today already has an outcome: nothing was changed.`);
    setBusy(true);
    const failed: string[] = [];
    for (const row of rows) {
      const problem = await record(row);
      if (problem) failed.push(problem);
    }
    setBusy(false);
    const times = rows
      .map((r) => sessions.find((s) => s.key === r.session))
      .map((s) => (s ? `${formatTime(s.block.start)}–${formatTime(s.block.end)}` : ''));
    const saved = rows.length - failed.length;
    setMessage(
      failed.length === 0
        ? `${name} marked absent today: ${saved} session${saved === 1 ? '' : 's'} recorded as Missed (Pupil absent): ${times.join(', ')}.`
        : `${saved} of ${rows.length} sessions were recorded; the rest were not: ${failed[0]}`,
    );
    if (failed.length === 0) setPupilId('');
  };

  return (
    <details class="pupil-absent">
      <summary>A pupil is absent today</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void markAbsent();
        }}
      >
        <label>
          Pupil{' '}
          <select value={pupilId} onChange={(e) => setPupilId((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">Choose…</option>
            {pupils.map((p) => (
              <option key={p.id} value={p.id}>
                {pupilName(p)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" disabled={busy || !pupilId}>
          Mark absent for today
        </button>
      </form>
      {message ? (
        <p role="status" class="pupil-absent-result">
          {message}
        </p>
      ) : null}
    </details>
  );
}
