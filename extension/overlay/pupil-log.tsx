// One pupil's log in the panel, built for 30 seconds between lessons: the targets with one-tap ratings (the tap
// saves), then, inline under what was just saved, the prompt level as chips and an optional "more detail"
// (minutes, note) that amend that same log. The common case stays two taps: open, rate.
import { useEffect, useRef, useState } from 'preact/hooks';
import { PROMPTS, RATINGS, type LogEntry, type LogKind, type Prompt } from '../../shared/index';
import { UNDO_TEXT, type LogChanges, type PagePupil, type SessionNow, type TargetWithEvidence } from '../messages';
import { progressLog, quickLog } from './log-entry';
import { checkMinutes, MinutesStepper } from './minutes';
import { describePupil, lastEvidenceText, recentText, statusLine, type PanelApi } from './panel';
import { SessionNowCard } from './session-now';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving'; what: string }
  | { kind: 'saved'; what: string; id: string; entry: LogEntry }
  | { kind: 'undone'; what: string; outcome: string }
  | { kind: 'error'; message: string };

type Details =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; pupil: PagePupil; targets: TargetWithEvidence[]; session?: SessionNow };

export const QUICK_KINDS: readonly { kind: Exclude<LogKind, 'Progress'>; label: string }[] = [
  { kind: 'Intervention', label: 'Intervention' },
  { kind: 'Care', label: 'Care' },
  { kind: 'Medication', label: 'Medication given' },
  { kind: 'Praise', label: 'Praise' },
  { kind: 'Behaviour', label: 'Behaviour' },
  { kind: 'Note', label: 'Note' },
];

export function PupilLog({ pupilId, api, undoMs, onTitle }: { pupilId: string; api: PanelApi; undoMs: number; onTitle(t: string): void }) {
  const [details, setDetails] = useDetails(pupilId, api, onTitle);
  const saver = useSaver(api, undoMs, (entry, recount) => setDetails((d) => withEvidence(d, entry, api.now(), recount)));
  const heading = useRef<HTMLHeadingElement>(null);
  const [noteOpen, setNoteOpen] = useState(false);
  useEffect(() => {
    if (details.state === 'ready') heading.current?.focus();
  }, [details.state]);

  if (details.state !== 'ready') {
    return details.state === 'loading' ? (
      <p class="meta">Loading…</p>
    ) : (
      <p class="status error" role="alert">
        {details.message}
      </p>
    );
  }
  const { pupil, targets, session } = details;
  const ctx = () => api.tapContext(pupilId);
  const saved = saver.state.kind === 'saved' ? saver.state : undefined;
  const followUp = (entry: LogEntry) => (saved && saved.entry.id === entry.id ? <FollowUp saved={saved} saver={saver} /> : null);
  return (
    <div>
      <h2 tabIndex={-1} ref={heading}>
        {pupil.firstName} {pupil.lastName}
      </h2>
      <p class="sen-status">{statusLine(pupil)}</p>
      <p class="meta">{describePupil(pupil)}</p>
      <SaveStatus save={saver.state} onUndo={saver.undo} />
      {session ? <SessionNowCard now={session} pupil={pupil} api={api} /> : null}
      {targets.length === 0 ? <p class="empty">No current targets. You can still log below.</p> : null}
      <div class="targets">
        {targets.map((t) => (
          <TargetCard
            key={t.id}
            target={t}
            now={api.now()}
            thisSession={t.id === session?.targetId}
            onRate={(r) => saver.attempt(() => progressLog(ctx(), t.id, r), `${r} on “${shorten(t.text)}”`)}
          >
            {saved?.entry.targetId === t.id ? followUp(saved.entry) : null}
          </TargetCard>
        ))}
      </div>
      <h3>Quick log</h3>
      <div class="row" role="group" aria-label="Other logs">
        {QUICK_KINDS.map(({ kind, label }) => (
          <button
            type="button"
            key={kind}
            data-kind={kind}
            onClick={() => (kind === 'Note' ? setNoteOpen(true) : saver.attempt(() => quickLog(ctx(), kind), label))}
          >
            {label}
          </button>
        ))}
      </div>
      {noteOpen ? (
        <NoteComposer
          onSave={(note) => {
            saver.attempt(() => quickLog(ctx(), 'Note', { note }), 'Note');
            setNoteOpen(false);
          }}
          onError={saver.fail}
        />
      ) : null}
      {saved && saved.entry.kind !== 'Progress' ? followUp(saved.entry) : null}
    </div>
  );
}

function useDetails(pupilId: string, api: PanelApi, onTitle: (t: string) => void) {
  const [details, setDetails] = useState<Details>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void api.details(pupilId).then((r) => {
      if (!live) return;
      setDetails(
        r.ok
          ? { state: 'ready', pupil: r.pupil, targets: r.targets, ...(r.session ? { session: r.session } : {}) }
          : { state: 'error', message: r.error },
      );
      if (r.ok) onTitle(`${r.pupil.firstName} ${r.pupil.lastName}`);
    });
    return () => {
      live = false;
    };
  }, [pupilId, api]);
  return [details, setDetails] as const;
}

export interface Saver {
  state: SaveState;
  attempt(make: () => LogEntry, what: string): void;
  amend(changes: LogChanges, what: string): Promise<boolean>;
  undo(id: string, what: string): void;
  fail(message: string): void;
}

function useSaver(api: PanelApi, undoMs: number, onSaved: (entry: LogEntry, recount: boolean) => void): Saver {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const keepFor = (id: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState((s) => (s.kind === 'saved' && s.id === id ? { kind: 'idle' } : s)), undoMs);
  };
  const submit = async (entry: LogEntry, what: string) => {
    clearTimeout(timer.current);
    setState({ kind: 'saving', what });
    const r = await api.add(entry);
    if (!r.ok) return setState({ kind: 'error', message: r.error });
    // "Saved" only now: background has confirmed the IndexedDB transaction completed.
    setState({ kind: 'saved', what, id: entry.id, entry });
    onSaved(entry, true);
    keepFor(entry.id);
  };
  return {
    state,
    attempt(make, what) {
      try {
        void submit(make(), what).catch(() => setState({ kind: 'error', message: 'Not saved. Please try again.' }));
      } catch {
        setState({ kind: 'error', message: 'Not saved. Please try again.' });
      }
    },
    async amend(changes, what) {
      if (state.kind !== 'saved') return false;
      const { id, entry } = state;
      const r = await api.update(id, changes);
      if (!r.ok || !r.updated) {
        setState({ kind: 'error', message: r.ok ? 'Too late to change: it has already gone to the tracker.' : r.error });
        return false;
      }
      const next = { ...entry, ...changes };
      setState({ kind: 'saved', id, entry: next, what: `${state.what}${what}` });
      onSaved(next, false);
      keepFor(id);
      return true;
    },
    undo(id, what) {
      clearTimeout(timer.current);
      void api.undo(id).then((r) => {
        if (!r.ok) setState({ kind: 'error', message: r.error });
        // The same path as the popup's Undo: removed while unsent, else a Correction row marking it void.
        else
          setState({
            kind: 'undone',
            what,
            outcome: r.removed ? UNDO_TEXT.removed : r.corrected ? UNDO_TEXT.corrected : UNDO_TEXT.alreadyVoid,
          });
      });
    },
    fail: (message) => setState({ kind: 'error', message }),
  };
}

function TargetCard({
  target: t,
  now,
  thisSession,
  onRate,
  children,
}: {
  target: TargetWithEvidence;
  now: number;
  /** The target this rota session usually works on (listed first). */
  thisSession?: boolean;
  onRate(r: (typeof RATINGS)[number]): void;
  children?: preact.ComponentChildren;
}) {
  return (
    <section class="target" aria-label={`Target: ${t.text}`} data-this-session={thisSession ? '' : undefined}>
      {thisSession ? <p class="session-tag">This session’s target</p> : null}
      <p class="prompt">{t.text}</p>
      {t.successCriteria ? <p class="criteria">Success: {t.successCriteria}</p> : null}
      <p class="evidence">{lastEvidenceText(t, now)}</p>
      {t.recent && t.lastEvidence ? <p class="evidence evidence-count">{recentText(t.recent)}</p> : null}
      <div class="row rate" role="group" aria-label={`Rate progress on: ${t.text}`}>
        {RATINGS.map((r) => (
          <button type="button" key={r} data-rating={r} onClick={() => onRate(r)}>
            {r}
          </button>
        ))}
      </div>
      {children}
    </section>
  );
}

/** Under the log just saved: prompt chips (progress only) and, on request, minutes and a note for the same log. */
function FollowUp({ saved, saver }: { saved: Extract<SaveState, { kind: 'saved' }>; saver: Saver }) {
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const entry = saved.entry;
  const choosePrompt = (p: Prompt) =>
    void saver.amend({ prompt: p }, `, ${p === 'Independent' ? 'independent' : `${p.toLowerCase()} prompt`}`);
  const addDetail = async () => {
    const m = checkMinutes(minutes);
    if (!m.ok) return setError(m.message);
    setError(undefined);
    const changes: LogChanges = {
      ...(m.minutes !== undefined ? { minutes: m.minutes } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    if (Object.keys(changes).length === 0) return setError('Add minutes or a note first.');
    if (await saver.amend(changes, m.minutes !== undefined ? `, ${m.minutes} min` : ', with a note')) setOpen(false);
  };
  return (
    <div class="follow-up">
      {entry.kind === 'Progress' ? (
        <div class="row chips" role="group" aria-label="How much help? (optional)">
          {PROMPTS.map((p) => (
            <button type="button" class="chip" key={p} data-prompt={p} aria-pressed={entry.prompt === p} onClick={() => choosePrompt(p)}>
              {p}
            </button>
          ))}
        </div>
      ) : null}
      {open ? (
        <div class="detail">
          <MinutesStepper value={minutes} onChange={setMinutes} error={error} />
          <label for="caseload-note">Short note</label>
          <input id="caseload-note" maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
          <button type="button" data-add-detail onClick={() => void addDetail()}>
            Add to this log
          </button>
        </div>
      ) : (
        <button type="button" class="link" data-more-detail onClick={() => setOpen(true)}>
          Minutes or a note…
        </button>
      )}
    </div>
  );
}

function NoteComposer({ onSave, onError }: { onSave(note: string): void; onError(message: string): void }) {
  const [note, setNote] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <div class="detail">
      <label for="caseload-note-only">Note</label>
      <input
        id="caseload-note-only"
        ref={input}
        maxLength={500}
        value={note}
        onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
      />
      <button
        type="button"
        data-save-note
        onClick={() => (note.trim() ? onSave(note.trim()) : onError('Type a note first, then press Save note.'))}
      >
        Save note
      </button>
    </div>
  );
}

function SaveStatus({ save, onUndo }: { save: SaveState; onUndo(id: string, what: string): void }) {
  if (save.kind === 'error')
    return (
      <div class="status error" role="alert">
        {save.message}
      </div>
    );
  return (
    <div class={`status${save.kind === 'saved' ? ' saved' : ''}`} role="status" aria-live="polite">
      {save.kind === 'saving' ? 'Saving…' : save.kind === 'undone' ? `${save.outcome}: ${save.what}` : null}
      {save.kind === 'saved' ? (
        <>
          <span>Saved: {save.what}</span>
          <button type="button" data-undo onClick={() => onUndo(save.id, save.what)}>
            Undo
          </button>
        </>
      ) : null}
    </div>
  );
}

/** The panel's copy of a target's evidence after a progress log (or its amendment) on this device. */
function withEvidence(d: Details, entry: LogEntry, now: number, recount: boolean): Details {
  if (d.state !== 'ready' || entry.kind !== 'Progress' || !entry.targetId || !entry.rating) return d;
  const lastEvidence = { at: now, rating: entry.rating, ...(entry.prompt ? { prompt: entry.prompt } : {}) };
  return {
    ...d,
    targets: d.targets.map((t) =>
      t.id === entry.targetId
        ? { ...t, lastEvidence, ...(recount && t.recent && !t.recent.asOf ? { recent: { ...t.recent, count: t.recent.count + 1 } } : {}) }
        : t,
    ),
  };
}

function shorten(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
