// The panel a badge opens: which pupil (when the name is shared), then their targets with one-tap ratings and
// quick logs (pupil-log.tsx), in a frame the LSA can dock left, right or along the bottom and collapse to a slim
// bar (panel-frame.tsx). Everything from the page or the sheet is rendered as text by Preact (never as HTML),
// so hostile strings stay inert.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatTime, formatUkDate, statusLabel, type LogEntry } from '../../shared/index';
import type { LogChanges, PagePupil, Reply, SessionNow, TargetWithEvidence } from '../messages';
import { DEFAULT_LAYOUT, type PanelLayout } from './layout';
import type { TapContext } from './log-entry';
import { PanelFrame } from './panel-frame';
import { PupilLog } from './pupil-log';
import { timeAgo } from './time-ago';

/** How long Undo stays on offer after "Saved". */
export const UNDO_MS = 10_000;

/** What the panel needs from the outside world (background messages in the extension, fakes in tests). */
export interface PanelApi {
  details(pupilId: string): Promise<Reply<'pupil/details'>>;
  add(entry: LogEntry): Promise<Reply<'log/add'>>;
  /** Amend a log just saved (prompt level, minutes, note chosen after the tap). */
  update(id: string, changes: LogChanges): Promise<Reply<'log/update'>>;
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
  /** Where the panel sits for this opening, and what to do when the LSA moves or collapses it. */
  layout?: PanelLayout;
  onLayout?(layout: PanelLayout): void;
}

function yearText(year: NonNullable<PagePupil['year']>): string {
  if (year === 'R') return 'Reception';
  if (year === 'N1' || year === 'N2') return `Nursery ${year.slice(1)}`;
  return `Year ${year}`;
}

export function describePupil(p: PagePupil): string {
  const bits = [p.className ? `Class ${p.className}` : '', p.year ? yearText(p.year) : ''].filter(Boolean);
  return bits.join(' · ');
}

/** "EHCP · primary need ASD": the heading line an LSA reads before logging. */
export function statusLine(p: PagePupil): string {
  return `${statusLabel(p)}${p.primaryNeed ? ` · primary need ${p.primaryNeed}` : ''}`;
}

export function Panel({ choices, api, onClose, undoMs = UNDO_MS, layout: initial = DEFAULT_LAYOUT, onLayout }: PanelProps) {
  const [pupilId, setPupilId] = useState<string | undefined>(choices.length === 1 ? choices[0]?.id : undefined);
  const [layout, setLayout] = useState(initial);
  const [title, setTitle] = useState('Caseload');
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Into the panel at once, so Escape and Tab work before the targets have loaded (app.tsx does the same
    // synchronously on open; this covers other hosts of the panel).
    const el = panelRef.current;
    const active = el ? (el.getRootNode() as Document | ShadowRoot).activeElement : null;
    if (el && (!active || !el.contains(active))) el.focus();
  }, []);

  const changeLayout = (next: PanelLayout) => {
    setLayout(next);
    onLayout?.(next);
  };

  return (
    <div
      class="panel"
      data-dock={layout.dock}
      data-collapsed={layout.collapsed ? '' : undefined}
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
      <PanelFrame title={pupilId === undefined ? 'Which pupil?' : title} layout={layout} onLayout={changeLayout} onClose={onClose}>
        {pupilId === undefined ? (
          <Chooser choices={choices} api={api} onChoose={setPupilId} />
        ) : (
          <PupilLog pupilId={pupilId} api={api} undoMs={undoMs} onTitle={setTitle} />
        )}
      </PanelFrame>
    </div>
  );
}

/**
 * Two pupils on the caseload share the name on the page. Each is looked up as the panel opens: the one the LSA is
 * rostered with right now is marked "With you now" and, if the LSA has not moved on from the first button yet,
 * takes the focus. The buttons stay in the page's order: reordering them as the answers come in could move the
 * other pupil under a finger already on its way.
 *
 * A choice made before the lookups have answered waits for them (a few milliseconds): each lookup opens its pupil
 * for this tab in the background's guard, and the chosen pupil's own lookup must be the last, or the guard would
 * refuse the log as being for a pupil not open.
 */
function Chooser({ choices, api, onChoose }: { choices: readonly PagePupil[]; api: PanelApi; onChoose(id: string): void }) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const [withYou, setWithYou] = useState<ReadonlyMap<string, SessionNow['session']>>(new Map());
  const settled = useRef<Promise<unknown>>(Promise.resolve());
  useEffect(() => buttons.current[0]?.focus(), []);
  useEffect(() => {
    let live = true;
    const lookups = choices.map((p) =>
      api.details(p.id).then(
        (r) => (r.ok && r.session ? ([p.id, r.session.session] as const) : undefined),
        () => undefined,
      ),
    );
    const all = Promise.all(lookups);
    settled.current = all;
    void all.then((found) => {
      if (!live) return;
      const now = new Map(found.filter((x) => x !== undefined));
      setWithYou(now);
      // Only one pupil can be "the one with you" for the focus to follow; with two or none, it stays put.
      const at = now.size === 1 ? choices.findIndex((p) => now.has(p.id)) : -1;
      const target = buttons.current[at];
      const first = buttons.current[0];
      if (target && first && (first.getRootNode() as Document | ShadowRoot).activeElement === first) target.focus();
    });
    return () => {
      live = false;
    };
  }, [choices, api]);
  return (
    <div>
      <h2 id="caseload-choose">Which pupil?</h2>
      <p class="meta">More than one pupil on your caseload has this name, and the page does not show which. Choose the right one.</p>
      <div role="group" aria-labelledby="caseload-choose">
        {choices.map((p, i) => {
          const session = withYou.get(p.id);
          return (
            <button
              type="button"
              class="choice"
              ref={(el) => {
                buttons.current[i] = el;
              }}
              // Never longer than 2 s: a lookup that does not answer must not leave the button dead.
              onClick={() => void Promise.race([settled.current, new Promise((r) => setTimeout(r, 2_000))]).then(() => onChoose(p.id))}
              key={p.id}
              data-with-you={session ? '' : undefined}
            >
              <strong>
                {p.firstName} {p.lastName}
              </strong>
              {describePupil(p) ? ` — ${describePupil(p)}` : ''}
              {session ? (
                <span class="with-you">
                  With you now, {formatTime(session.block.start)}–{formatTime(session.block.end)}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** "Last evidence 2 days ago (Secure, Verbal prompt)": when, then the rating and prompt it had. */
export function lastEvidenceText(t: Pick<TargetWithEvidence, 'lastEvidence'>, now: number): string {
  const e = t.lastEvidence;
  if (!e) return 'No evidence logged yet';
  const how = [e.rating, e.prompt === undefined ? undefined : e.prompt === 'Independent' ? 'Independent' : `${e.prompt} prompt`].filter(
    Boolean,
  );
  return `Last evidence ${timeAgo(e.at, now)}${how.length ? ` (${how.join(', ')})` : ''}`;
}

/** "5 in the last 14 days", or "5 in the 14 days to 21/11/2026" when the Sheet was last read before today. */
export function recentText(r: NonNullable<TargetWithEvidence['recent']>): string {
  const n = r.count === 0 ? 'None' : String(r.count);
  const days = r.days === 1 ? 'day' : `${r.days} days`;
  return r.asOf ? `${n} in the ${days} to ${formatUkDate(r.asOf)}` : `${n} in the last ${days}`;
}
