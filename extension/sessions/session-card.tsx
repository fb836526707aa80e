// One session (a rota block with pupils on today's date) and its outcome per pupil: Delivered in one tap, or
// Missed ▸ reason in two (Other asks for a note; Part-delivered asks for the minutes). Delivered is offered as the
// suggestion — a highlighted button — and never recorded without a tap. A session that has ended with no outcome
// says "Not recorded", which is how it counts (never as delivered). Used by the popup's Now card and, as one
// self-contained component, by the overlay panel for the pupil of the current block.
import { useState } from 'preact/hooks';
import { formatTime } from '../../shared/index';
import { MISSED_REASONS, pupilName, type LogEntry, type MissedReason, type Pupil, type SessionOutcome } from '../../shared/index';
import { outcomeLog, outcomeProblem, type Session } from '../../shared/index';
import { isoWithOffset, uuidV4 } from '../overlay/log-entry';

export interface SessionCardProps {
  session: Session;
  /** Names for the session's pupils (the overlay panel passes the one pupil it shows). */
  pupils: readonly Pick<Pupil, 'id' | 'firstName' | 'lastName'>[];
  /** The latest outcome already recorded for each pupil of the session (from this device's logs). */
  recorded: ReadonlyMap<string, LogEntry>;
  /** Who is recording (the "I am…" staff member). */
  staffId?: string;
  /** Now, in minutes since midnight, to tell "to come" from "ended with no outcome". */
  minute: number;
  /** Store the outcome through the same store and outbox as every log; resolves to a problem in words, or undefined. */
  record(entry: LogEntry): Promise<string | undefined>;
  now?: () => Date;
}

export function describeOutcome(l: LogEntry): string {
  if (l.outcome === 'Missed') return `Missed: ${l.missedReason ?? 'Other'}${l.note ? ` (${l.note})` : ''}`;
  if (l.outcome === 'Part-delivered') return `Part-delivered: ${l.minutes ?? 0} min`;
  return 'Delivered';
}

export function SessionCard(props: SessionCardProps) {
  const b = props.session.block;
  return (
    <div class="session" data-session={props.session.key}>
      <p class="session-when">
        {formatTime(b.start)}–{formatTime(b.end)} · {b.activity}
        {b.location ? ` · ${b.location}` : ''}
      </p>
      <ul class="session-pupils">
        {b.pupilIds.map((id) => (
          <PupilOutcome key={id} pupilId={id} {...props} />
        ))}
      </ul>
    </div>
  );
}

function PupilOutcome({
  pupilId,
  session,
  pupils,
  recorded,
  staffId,
  minute,
  record,
  now = () => new Date(),
}: SessionCardProps & { pupilId: string }) {
  const [step, setStep] = useState<'choose' | 'reasons' | 'other' | 'part'>('choose');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const p = pupils.find((x) => x.id === pupilId);
  const name = p ? pupilName(p) : pupilId;
  const done = recorded.get(pupilId);
  const ended = minute >= session.block.end;

  const save = async (outcome: SessionOutcome, extra: { missedReason?: MissedReason; minutes?: number; note?: string } = {}) => {
    const why = outcomeProblem({ outcome, ...extra });
    if (why) return setProblem(why);
    const entry = outcomeLog({
      id: uuidV4(),
      time: isoWithOffset(now()),
      session,
      pupilId,
      outcome,
      ...extra,
      ...(staffId ? { staffId } : {}),
    });
    const failed = await record(entry);
    setProblem(failed ?? '');
    if (!failed) {
      setStep('choose');
      setText('');
    }
  };

  return (
    <li data-pupil={pupilId}>
      <strong>{name}</strong>{' '}
      <span class="session-status" role="status">
        {done ? describeOutcome(done) : ended ? 'Not recorded' : minute >= session.block.start ? 'Now: no outcome yet' : 'To come'}
      </span>
      {step === 'choose' ? (
        <span class="session-actions">
          <button type="button" class={done ? '' : 'suggested'} aria-label={`Delivered: ${name}`} onClick={() => void save('Delivered')}>
            Delivered
          </button>
          <button type="button" aria-label={`Missed: ${name}`} aria-expanded="false" onClick={() => setStep('reasons')}>
            Missed ▸
          </button>
          <button type="button" aria-label={`Part-delivered: ${name}`} onClick={() => setStep('part')}>
            Part
          </button>
        </span>
      ) : null}
      {step === 'reasons' ? (
        <span class="session-reasons" role="group" aria-label={`Why was ${name}'s session missed?`}>
          {MISSED_REASONS.map((r) => (
            <button key={r} type="button" onClick={() => (r === 'Other' ? setStep('other') : void save('Missed', { missedReason: r }))}>
              {r}
            </button>
          ))}
          <button type="button" onClick={() => setStep('choose')}>
            Back
          </button>
        </span>
      ) : null}
      {step === 'other' || step === 'part' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (step === 'other') void save('Missed', { missedReason: 'Other', note: text });
            else void save('Part-delivered', { minutes: /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined });
          }}
        >
          <label>
            {step === 'other' ? 'What happened?' : 'Minutes that happened'}{' '}
            <input
              value={text}
              maxLength={step === 'other' ? 500 : 3}
              inputMode={step === 'part' ? 'numeric' : undefined}
              onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <button type="submit">Save</button>
          <button type="button" onClick={() => setStep('choose')}>
            Back
          </button>
        </form>
      ) : null}
      {problem ? <span role="alert"> {problem}</span> : null}
    </li>
  );
}
