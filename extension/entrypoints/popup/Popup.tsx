// The toolbar popup: who I'm with now and next, today's logs (edit or undo at any time: before it is sent the
// outbox changes; after, a Correction row is added to the Sheet), and sync status.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { formatTime, formatUkDate } from '../../../shared/index';
import { pupilName, RATINGS, type Pupil, type Rating, type RotaBlock, type Staff } from '../../../shared/index';
import type { Reply, SendMessage } from '../../messages';
import { ask, UNDO_TEXT } from '../../messages';
import type { StoredLog } from '../../store/db';
import { clockTime, localIsoDate } from '../../local-time';
import { timeAgo } from '../../overlay/time-ago';
import { nowAndNext } from './now';
import { SessionCard } from '../../sessions/session-card';
import { PupilAbsentToday } from '../../sessions/pupil-absent';
import { isSessionBlock, sessionKey, sessionsOn, type Session } from '../../../shared/index';
import type { LogEntry } from '../../../shared/index';

export interface PopupCaseload {
  pupils: Pupil[];
  staff: Staff[];
  rota: RotaBlock[];
}

export interface PopupProps {
  send: SendMessage;
  loadCaseload(): Promise<PopupCaseload>;
  openOptions(): void;
  /** Ask the current tab's overlay to start "teach this site". */
  teachThisSite(): Promise<string | undefined>;
  now?: () => number;
}

export function Popup({ send, loadCaseload, openOptions, teachThisSite, now = Date.now }: PopupProps) {
  const [status, setStatus] = useState<Reply<'status'> | undefined>();
  const [today, setToday] = useState<Reply<'logs/today'> | undefined>();
  const [caseload, setCaseload] = useState<PopupCaseload | undefined>();
  const [message, setMessage] = useState('');

  const refresh = useCallback(async () => {
    const [s, t, c] = await Promise.all([ask(send, { type: 'status' }), ask(send, { type: 'logs/today' }), loadCaseload()]);
    setStatus(s);
    setToday(t);
    setCaseload(c);
  }, [send, loadCaseload]);

  useEffect(() => {
    void refresh();
    // Opening the popup sends anything waiting and re-reads a stale caseload; show the outcome when it is in.
    let timer: ReturnType<typeof setTimeout> | undefined;
    void ask(send, { type: 'sync/opened' }).then((r) => {
      if (r.ok && r.started) timer = setTimeout(() => void refresh(), 1500);
    });
    return () => clearTimeout(timer);
  }, [refresh, send]);

  if (!status) return <p>Loading…</p>;
  if (!status.ok) return <p role="alert">{status.error}</p>;

  const names = today?.ok ? today.names : {};
  const targetTexts = today?.ok ? (today.targetTexts ?? {}) : {};
  return (
    <main>
      <h1>Caseload</h1>
      {status.pupils === 0 ? (
        <section>
          <p>No caseload on this device yet.</p>
          <button type="button" onClick={openOptions}>
            Import a caseload in Options
          </button>
        </section>
      ) : null}

      <NowSection
        me={status.me}
        caseload={caseload}
        at={new Date(now())}
        openOptions={openOptions}
        logs={today?.ok ? today.logs : []}
        record={async (entry) => {
          const r = await ask(send, { type: 'log/add', entry });
          await refresh();
          return r.ok ? undefined : r.error;
        }}
      />

      <section aria-labelledby="today-h">
        <h2 id="today-h">Today’s logs</h2>
        {today?.ok ? (
          today.logs.length === 0 ? (
            <p class="muted">Nothing logged yet today.</p>
          ) : (
            <ul class="logs">
              {today.logs.map((l) => (
                <LogRow
                  key={l.id}
                  log={l}
                  voided={today.voided.includes(l.id)}
                  name={names[l.pupilId] ?? l.pupilId}
                  target={l.targetId ? targetTexts[l.targetId] : undefined}
                  send={send}
                  onChange={refresh}
                  setMessage={setMessage}
                />
              ))}
            </ul>
          )
        ) : (
          <p role="alert">{today?.error ?? 'Loading…'}</p>
        )}
      </section>

      <section aria-labelledby="sync-h">
        <h2 id="sync-h">Tracker</h2>
        <SyncStatus status={status} now={now()} />
        <button
          type="button"
          onClick={async () => {
            const r = await ask(send, { type: 'sync/now' });
            setMessage(
              r.ok && r.started
                ? 'Sending…'
                : 'No tracker Sheet is connected on this device: your logs are kept here. Connect one in Options.',
            );
            setTimeout(() => void refresh().then(() => setMessage('')), 1500);
          }}
        >
          Sync now
        </button>
      </section>

      <section>
        <button
          type="button"
          onClick={async () => {
            const problem = await teachThisSite();
            if (problem) setMessage(problem);
            else window.close();
          }}
        >
          Teach Caseload this page
        </button>{' '}
        <button type="button" onClick={openOptions}>
          Options
        </button>
      </section>
      <p role="status" aria-live="polite">
        {message}
      </p>
    </main>
  );
}

/** 24-hour time today, or dd/mm/yyyy and time on another day. */
function when(at: number, now: number): string {
  return localIsoDate(at) === localIsoDate(now) ? clockTime(at) : `${formatUkDate(localIsoDate(at))} ${clockTime(at)}`;
}

/** Where the logs are: synced, waiting, stuck (and why, and when it last tried), or local-only. */
export function SyncStatus({ status, now }: { status: Extract<Reply<'status'>, { ok: true }>; now: number }) {
  const { sync, connected } = status;
  const waiting =
    sync.unsynced === 0 ? null : (
      <p
        data-unsynced={sync.unsynced}
      >{`${sync.unsynced} ${sync.unsynced === 1 ? 'log is' : 'logs are'} kept on this device, not yet sent to the tracker.`}</p>
    );
  if (!connected) {
    return (
      <>
        <p id="sync-state" data-state="local-only">
          Local only: no tracker Sheet is connected, so your logs stay on this device.
        </p>
        {waiting}
      </>
    );
  }
  let state: JSX.Element;
  if (sync.lastError) {
    state = (
      <>
        <p id="sync-state" data-state="stuck" class="error" role="alert">
          Not synced: {sync.lastError}
        </p>
        {sync.lastErrorAt ? (
          <p class="muted">
            Last tried at {when(sync.lastErrorAt, now)} ({timeAgo(sync.lastErrorAt, now)}).
          </p>
        ) : null}
      </>
    );
  } else if (sync.unsynced > 0) {
    state = (
      <p id="sync-state" data-state="waiting">
        Waiting to send
      </p>
    );
  } else if (sync.lastSyncAt) {
    state = (
      <p id="sync-state" data-state="synced" class="ok">
        Synced
      </p>
    );
  } else {
    state = (
      <p id="sync-state" data-state="not-yet">
        Not synced yet
      </p>
    );
  }
  return (
    <>
      {state}
      {waiting ?? <p data-unsynced={0}>{sync.lastSyncAt ? 'Every log has been sent to the tracker.' : 'Nothing waiting to be sent.'}</p>}
      <p>Last sent: {sync.lastSyncAt ? `${when(sync.lastSyncAt, now)}, ${timeAgo(sync.lastSyncAt, now)}` : 'never'}</p>
    </>
  );
}

function describeBlock(b: RotaBlock, pupils: readonly Pupil[]): string {
  const who = b.pupilIds.map((id) => {
    const p = pupils.find((x) => x.id === id);
    return p ? `${pupilName(p)}${p.className ? ` (${p.className})` : ''}` : id;
  });
  return [`${formatTime(b.start)}–${formatTime(b.end)}`, b.activity, who.join(', '), b.location ?? ''].filter(Boolean).join(' · ');
}

/** The latest outcome on this device for each pupil of a session. */
function outcomesOf(logs: readonly StoredLog[], key: string): Map<string, LogEntry> {
  const out = new Map<string, StoredLog>();
  for (const l of logs) {
    if (l.kind !== 'Session outcome' || l.session !== key) continue;
    const prev = out.get(l.pupilId);
    if (!prev || l.at >= prev.at) out.set(l.pupilId, l);
  }
  return out;
}

function NowSection({
  me,
  caseload,
  at,
  openOptions,
  logs,
  record,
}: {
  me?: string;
  caseload?: PopupCaseload;
  at: Date;
  openOptions(): void;
  logs: readonly StoredLog[];
  record(entry: LogEntry): Promise<string | undefined>;
}) {
  if (!caseload || caseload.pupils.length === 0) return null;
  if (!me) {
    return (
      <section aria-labelledby="now-h">
        <h2 id="now-h">Now</h2>
        <p>Choose who you are to see your rota.</p>
        <button type="button" onClick={openOptions}>
          Choose “I am…”
        </button>
      </section>
    );
  }
  const staff = caseload.staff.find((s) => s.id === me);
  const { current, next, schoolDay } = nowAndNext(caseload.rota, me, at);
  const date = localIsoDate(at.getTime());
  const minute = at.getHours() * 60 + at.getMinutes();
  // My sessions today that have ended: recorded ones show their outcome, the rest say "Not recorded".
  const earlier = schoolDay
    ? caseload.rota
        .filter(
          (b) =>
            b.staffId === me &&
            b.day === (['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const)[at.getDay()] &&
            b.end <= minute &&
            isSessionBlock(b),
        )
        .sort((a, b) => a.start - b.start)
    : [];
  // An element, not a component made per render, so a half-typed note survives the popup re-rendering.
  const card = (block: RotaBlock) => {
    const session: Session = { key: sessionKey(date, block), date, block };
    return (
      <SessionCard
        key={session.key}
        session={session}
        pupils={caseload.pupils}
        recorded={outcomesOf(logs, session.key)}
        staffId={me}
        minute={minute}
        record={record}
      />
    );
  };
  // The pupils of my sessions today, for "a pupil is absent today" (which then covers their sessions with anyone).
  const todays = schoolDay ? sessionsOn(caseload.rota, date) : [];
  const mine = new Set(todays.filter((s) => s.block.staffId === me).flatMap((s) => s.block.pupilIds));
  const myPupils = caseload.pupils.filter((p) => mine.has(p.id)).sort((a, b) => pupilName(a).localeCompare(pupilName(b), 'en-GB'));
  return (
    <section aria-labelledby="now-h">
      <h2 id="now-h">Now{staff ? ` — ${staff.name}` : ''}</h2>
      {!schoolDay ? <p class="muted">No rota at weekends.</p> : null}
      {schoolDay && current.length === 0 ? <p class="muted">Nothing on the rota right now.</p> : null}
      {current.map((b, i) => (
        <div key={i}>
          <p class="now">{describeBlock(b, caseload.pupils)}</p>
          {isSessionBlock(b) ? card(b) : null}
        </div>
      ))}
      {next ? <p>Next: {describeBlock(next, caseload.pupils)}</p> : schoolDay ? <p class="muted">Nothing else on the rota today.</p> : null}
      {earlier.length > 0 ? (
        <details open={earlier.some((b) => b.pupilIds.some((p) => !outcomesOf(logs, sessionKey(date, b)).has(p)))}>
          <summary>
            Earlier today ({earlier.length} session{earlier.length === 1 ? '' : 's'})
          </summary>
          {earlier.map((b) => card(b))}
        </details>
      ) : null}
      <PupilAbsentToday sessions={todays} pupils={myPupils} logs={logs} staffId={me} record={record} now={() => at} />
    </section>
  );
}

function shortText(text: string, max = 50): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function LogRow({
  log,
  voided,
  name,
  target,
  send,
  onChange,
  setMessage,
}: {
  log: StoredLog;
  voided: boolean;
  name: string;
  /** The target's text; the popup never shows a target's code. */
  target?: string | undefined;
  send: SendMessage;
  onChange(): Promise<void>;
  setMessage(m: string): void;
}) {
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(log.note ?? '');
  const [rating, setRating] = useState<Rating | undefined>(log.rating);
  const pending = log.syncedAt === undefined;
  const what =
    log.kind === 'Progress'
      ? `${log.rating ?? ''} on “${shortText(target ?? 'a target no longer on this device')}”`
      : log.kind === 'Session outcome'
        ? `Session ${log.session?.slice(11) ?? ''}: ${log.outcome ?? ''}${log.missedReason ? ` (${log.missedReason})` : ''}`
        : log.kind;
  return (
    <li data-log-id={log.id} data-voided={voided ? 'true' : undefined} class={voided ? 'voided' : undefined}>
      <span class="time">{clockTime(log.at)}</span> <strong>{voided ? <s>{name}</s> : name}</strong> — {what}
      {log.prompt ? `, ${log.prompt}` : ''}
      {log.minutes ? `, ${log.minutes} min` : ''}
      {log.note ? <span class="note"> “{log.note}”</span> : null}
      {pending ? null : <span class="muted"> · sent</span>}
      {voided ? <span class="muted"> · voided (a correction marks it void in the Sheet)</span> : null}
      {!voided && !editing ? (
        <span class="actions">
          <button type="button" aria-label={`Edit log for ${name}`} onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            aria-label={`Undo log for ${name}`}
            title={pending ? 'Removes this log: it has not been sent' : UNDO_TEXT.undoHint}
            onClick={async () => {
              const r = await ask(send, { type: 'log/undo', id: log.id });
              setMessage(r.ok ? (r.removed ? UNDO_TEXT.removed : r.corrected ? UNDO_TEXT.corrected : UNDO_TEXT.alreadyVoid) : r.error);
              await onChange();
            }}
          >
            Undo
          </button>
        </span>
      ) : null}
      {editing ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const changes = { note, ...(rating ? { rating } : {}) };
            const r = await ask(send, { type: 'log/update', id: log.id, changes });
            setMessage(r.ok ? (r.updated ? UNDO_TEXT.editedInPlace : UNDO_TEXT.editCorrected) : r.error);
            setEditing(false);
            await onChange();
          }}
        >
          {log.kind === 'Progress' ? (
            <label>
              Rating{' '}
              <select value={rating} onChange={(e) => setRating((e.currentTarget as HTMLSelectElement).value as Rating)}>
                {RATINGS.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            Note <input value={note} maxLength={500} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="submit">Save</button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : null}
    </li>
  );
}
