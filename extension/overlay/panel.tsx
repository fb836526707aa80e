// The panel a badge opens: the pupil's current targets with one-tap ratings, and quick logs. Everything from
// the page or the sheet is rendered as text by Preact (never as HTML), so hostile strings stay inert.
import { useEffect, useRef, useState } from 'preact/hooks';
import { PROMPTS, RATINGS, type LogEntry, type LogKind, type Prompt, type Rating } from '../../shared/index';
import type { PagePupil, Reply, TargetWithEvidence } from '../messages';
import { parseMinutes, progressLog, quickLog, type QuickLogExtras, type TapContext } from './log-entry';
import { timeAgo } from './time-ago';
import { formatUkDate } from '../../shared/index';

/** How long Undo stays on offer after "Saved". */
export const UNDO_MS = 10_000;

/** What the panel needs from the outside world (background messages in the extension, fakes in tests). */
export interface PanelApi {
  details(pupilId: string): Promise<Reply<'pupil/details'>>;
  add(entry: LogEntry): Promise<Reply<'log/add'>>;
  undo(id: string): Promise<Reply<'log/undo'>>;
  tapContext(pupilId: string): TapContext;
  now(): number;
}

export interface PanelProps {
  /** The pupils this badge may mean: one, or several when the name on the page is ambiguous. */
  choices: readonly PagePupil[];
  api: PanelApi;
  onClose(): void;
  /** Undo window; tests shorten it. */
  undoMs?: number;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving'; what: string }
  | { kind: 'saved'; what: string; id: string }
  | { kind: 'undone'; what: string }
  | { kind: 'error'; message: string };

const QUICK_KINDS: readonly { kind: Exclude<LogKind, 'Progress'>; label: string }[] = [
  { kind: 'Intervention', label: 'Intervention' },
  { kind: 'Care', label: 'Care' },
  { kind: 'Medication', label: 'Medication given' },
  { kind: 'Praise', label: 'Praise' },
  { kind: 'Behaviour', label: 'Behaviour' },
  { kind: 'Note', label: 'Note' },
];

export function describePupil(p: PagePupil): string {
  const bits = [p.className ? `Class ${p.className}` : '', p.year ? (p.year === 'R' ? 'Reception' : `Year ${p.year}`) : ''].filter(Boolean);
  return bits.join(' · ');
}

export function Panel({ choices, api, onClose, undoMs = UNDO_MS }: PanelProps) {
  const [pupilId, setPupilId] = useState<string | undefined>(choices.length === 1 ? choices[0]?.id : undefined);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Into the panel at once, so Escape and Tab work before the targets have loaded (app.tsx does the same
    // synchronously on open; this covers other hosts of the panel).
    const el = panelRef.current;
    if (el) {
      const root = el.getRootNode() as Document | ShadowRoot;
      const active = root.activeElement;
      if (!active || !el.contains(active)) el.focus();
    }
  }, []);

  return (
    <div
      class="panel"
      role="dialog"
      aria-modal="false"
      aria-label="Caseload quick log"
      tabIndex={-1}
      ref={panelRef}
      // A JSX handler exists from the first render; an effect-added one would miss an Escape pressed at once.
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      {pupilId === undefined ? (
        <Chooser choices={choices} onChoose={setPupilId} onClose={onClose} />
      ) : (
        <PupilLog pupilId={pupilId} api={api} onClose={onClose} undoMs={undoMs} />
      )}
    </div>
  );
}

function CloseButton({ onClose }: { onClose(): void }) {
  return (
    <button type="button" class="close" aria-label="Close Caseload panel" onClick={onClose}>
      ×
    </button>
  );
}

function Chooser({ choices, onChoose, onClose }: { choices: readonly PagePupil[]; onChoose(id: string): void; onClose(): void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div>
      <div class="head">
        <h2 id="caseload-choose">Which pupil?</h2>
        <CloseButton onClose={onClose} />
      </div>
      <p class="meta">More than one pupil on your caseload has this name. Choose the right one.</p>
      <div role="group" aria-labelledby="caseload-choose">
        {choices.map((p, i) => (
          <button type="button" class="choice" ref={i === 0 ? first : undefined} onClick={() => onChoose(p.id)} key={p.id}>
            <strong>
              {p.firstName} {p.lastName}
            </strong>
            {describePupil(p) ? ` — ${describePupil(p)}` : ''}
          </button>
        ))}
      </div>
    </div>
  );
}

type Details = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; pupil: PagePupil; targets: TargetWithEvidence[] };

function PupilLog({ pupilId, api, onClose, undoMs }: { pupilId: string; api: PanelApi; onClose(): void; undoMs: number }) {
  const [details, setDetails] = useState<Details>({ state: 'loading' });
  const [prompt, setPrompt] = useState<Prompt | undefined>(undefined);
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState('');
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const heading = useRef<HTMLHeadingElement>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void api.details(pupilId).then((r) => {
      if (!live) return;
      setDetails(r.ok ? { state: 'ready', pupil: r.pupil, targets: r.targets } : { state: 'error', message: r.error });
    });
    return () => {
      live = false;
    };
  }, [pupilId, api]);

  useEffect(() => {
    if (details.state === 'ready') heading.current?.focus();
  }, [details.state]);

  useEffect(() => () => clearTimeout(undoTimer.current), []);

  const extras = (): QuickLogExtras => {
    const x: QuickLogExtras = {};
    if (prompt) x.prompt = prompt;
    const m = parseMinutes(minutes);
    if (m !== undefined) x.minutes = m;
    if (note.trim()) x.note = note.trim();
    return x;
  };

  const submit = async (entry: LogEntry, what: string) => {
    clearTimeout(undoTimer.current);
    setSave({ kind: 'saving', what });
    const r = await api.add(entry);
    if (!r.ok) {
      setSave({ kind: 'error', message: r.error });
      return;
    }
    // "Saved" only now: background has confirmed the IndexedDB transaction completed.
    setSave({ kind: 'saved', what, id: entry.id });
    setPrompt(undefined);
    setMinutes('');
    setNote('');
    if (entry.kind === 'Progress' && entry.targetId && entry.rating) {
      const { targetId, rating, prompt: given } = entry;
      const lastEvidence = { at: api.now(), rating, ...(given ? { prompt: given } : {}) };
      setDetails((d) =>
        d.state === 'ready'
          ? {
              ...d,
              targets: d.targets.map((t) =>
                t.id === targetId
                  ? { ...t, lastEvidence, ...(t.recent && !t.recent.asOf ? { recent: { ...t.recent, count: t.recent.count + 1 } } : {}) }
                  : t,
              ),
            }
          : d,
      );
    }
    undoTimer.current = setTimeout(() => setSave((s) => (s.kind === 'saved' && s.id === entry.id ? { kind: 'idle' } : s)), undoMs);
  };

  const undo = async (id: string, what: string) => {
    clearTimeout(undoTimer.current);
    const r = await api.undo(id);
    if (!r.ok) setSave({ kind: 'error', message: r.error });
    else if (!r.removed) setSave({ kind: 'error', message: 'Too late to undo: it has already gone to the tracker.' });
    else setSave({ kind: 'undone', what });
  };

  const attempt = (make: () => LogEntry, what: string) => {
    try {
      void submit(make(), what).catch(() => setSave({ kind: 'error', message: 'Not saved. Please try again.' }));
    } catch {
      setSave({ kind: 'error', message: 'Not saved. Please try again.' });
    }
  };

  const rate = (target: TargetWithEvidence, rating: Rating) =>
    attempt(() => progressLog(api.tapContext(pupilId), target.id, rating, extras()), `${rating} on “${shorten(target.text)}”`);

  const quick = (kind: Exclude<LogKind, 'Progress'>, label: string) => {
    if (kind === 'Note' && !note.trim()) {
      setSave({ kind: 'error', message: 'Type a note first, then press Note.' });
      return;
    }
    attempt(() => quickLog(api.tapContext(pupilId), kind, extras()), label);
  };

  if (details.state === 'loading') {
    return (
      <div>
        <div class="head">
          <h2>Loading…</h2>
          <CloseButton onClose={onClose} />
        </div>
      </div>
    );
  }
  if (details.state === 'error') {
    return (
      <div>
        <div class="head">
          <h2>Caseload</h2>
          <CloseButton onClose={onClose} />
        </div>
        <p class="status error" role="alert">
          {details.message}
        </p>
      </div>
    );
  }

  const { pupil, targets } = details;
  const now = api.now();
  return (
    <div>
      <div class="head">
        <div>
          <h2 tabIndex={-1} ref={heading}>
            {pupil.firstName} {pupil.lastName}
          </h2>
          <p class="meta">{describePupil(pupil)}</p>
        </div>
        <CloseButton onClose={onClose} />
      </div>
      {/* Near the top and sticky, so "Saved" and Undo are in view whichever button was tapped. */}
      <SaveStatus save={save} onUndo={undo} />

      <h3>Targets</h3>
      {targets.length === 0 ? <p class="empty">No current targets. You can still log below.</p> : null}
      {targets.map((t) => (
        <section class="target" key={t.id} aria-label={`Target: ${t.text}`}>
          <p class="prompt">{t.text}</p>
          {t.successCriteria ? <p class="criteria">Success: {t.successCriteria}</p> : null}
          <p class="evidence">{lastEvidenceText(t, now)}</p>
          {t.recent && t.lastEvidence ? <p class="evidence-count">{recentText(t.recent)}</p> : null}
          <div class="row rate" role="group" aria-label={`Rate progress on: ${t.text}`}>
            {RATINGS.map((r) => (
              <button type="button" key={r} data-rating={r} onClick={() => rate(t, r)}>
                {r}
              </button>
            ))}
          </div>
        </section>
      ))}

      <h3>Quick log</h3>
      <div class="row" role="group" aria-label="Other logs">
        {QUICK_KINDS.map(({ kind, label }) => (
          <button type="button" key={kind} data-kind={kind} onClick={() => quick(kind, label)}>
            {label}
          </button>
        ))}
      </div>

      <h3>Add detail (optional, before you tap)</h3>
      <div class="row" role="group" aria-label="Prompt level">
        {PROMPTS.map((p) => (
          <button type="button" key={p} aria-pressed={prompt === p} onClick={() => setPrompt(prompt === p ? undefined : p)}>
            {p}
          </button>
        ))}
      </div>
      <label for="caseload-minutes">Minutes</label>
      <input
        id="caseload-minutes"
        class="minutes"
        inputMode="numeric"
        value={minutes}
        onInput={(e) => setMinutes((e.currentTarget as HTMLInputElement).value)}
      />
      <label for="caseload-note">Short note</label>
      <input
        id="caseload-note"
        maxLength={500}
        value={note}
        onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
      />
    </div>
  );
}

function SaveStatus({ save, onUndo }: { save: SaveState; onUndo(id: string, what: string): void }) {
  switch (save.kind) {
    case 'idle':
      return <div class="status" role="status" aria-live="polite" />;
    case 'saving':
      return (
        <div class="status" role="status" aria-live="polite">
          Saving…
        </div>
      );
    case 'saved':
      return (
        <div class="status saved" role="status" aria-live="polite">
          <span>Saved: {save.what}</span>
          <button type="button" data-undo onClick={() => onUndo(save.id, save.what)}>
            Undo
          </button>
        </div>
      );
    case 'undone':
      return (
        <div class="status" role="status" aria-live="polite">
          Undone: {save.what}
        </div>
      );
    case 'error':
      return (
        <div class="status error" role="alert">
          {save.message}
        </div>
      );
  }
}

/** "Last evidence 2 days ago (Secure, Verbal prompt)": when, then the rating and prompt it had. */
export function lastEvidenceText(t: Pick<TargetWithEvidence, 'lastEvidence'>, now: number): string {
  const e = t.lastEvidence;
  if (!e) return 'No evidence logged yet';
  const how = [e.rating, e.prompt === undefined ? undefined : e.prompt === 'Independent' ? 'Independent' : `${e.prompt} prompt`].filter(Boolean);
  return `Last evidence ${timeAgo(e.at, now)}${how.length ? ` (${how.join(', ')})` : ''}`;
}

/** "5 in the last 14 days", or "5 in the 14 days to 21/11/2026" when the Sheet was last read before today. */
export function recentText(r: NonNullable<TargetWithEvidence['recent']>): string {
  const n = r.count === 0 ? 'None' : String(r.count);
  const days = r.days === 1 ? 'day' : `${r.days} days`;
  return r.asOf ? `${n} in the ${days} to ${formatUkDate(r.asOf)}` : `${n} in the last ${days}`;
}

function shorten(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
