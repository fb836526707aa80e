// The "Plan cover" sidebar: choose a date, see each proposed cover (time window, who is away, who covers, why) and
// the explained gaps, untick any proposal you do not want, and record the rest on the Absence tab. The server
// plans again under the lock before writing and reports anything the tracker no longer supports.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CoverPlanView, CoverProposalView, CoverWriteResult } from '../server/api';
import { call, errorText, ukDate } from './rpc';

function awayText(p: CoverProposalView): string {
  const days = p.absenceFrom === p.absenceTo ? ukDate(p.absenceFrom) : `${ukDate(p.absenceFrom)}–${ukDate(p.absenceTo)}`;
  return `${p.absentName} away ${days} (${p.part}) · Absence row ${p.absenceRow}`;
}

/** The date chooser: a visible label, and the date in dd/mm/yyyy beside the picker (whose own display follows
 * the browser's locale, not the school's). */
function DateForm({ date, busy, setDate, plan }: { date: string; busy: boolean; setDate(d: string): void; plan(d: string): void }) {
  return (
    <form
      class="tools"
      onSubmit={(e) => {
        e.preventDefault();
        plan(date);
      }}
    >
      <label for="cover-date">Date to cover</label>
      <input
        id="cover-date"
        type="date"
        lang="en-GB"
        value={date}
        onInput={(e) => setDate((e.target as HTMLInputElement).value)}
        required
      />
      {date ? (
        <span class="muted" id="cover-date-uk">
          {ukDate(date)}
        </span>
      ) : null}
      <button type="submit" class="primary" disabled={busy || !date}>
        {busy ? 'Working…' : 'Plan'}
      </button>
    </form>
  );
}

function WriteResult({ result }: { result: CoverWriteResult }) {
  return (
    <div class={result.recorded > 0 ? 'all-clear result' : 'note result'} role="status">
      <p>{result.summary}</p>
      {result.addedColumns.map((c) => (
        <p class="note">{c}</p>
      ))}
      {result.skipped.length > 0 && (
        <ul class="skipped">
          {result.skipped.map((s) => (
            <li>{s}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Proposal({ p, ticked, toggle }: { p: CoverProposalView; ticked: boolean; toggle(id: string, on: boolean): void }) {
  return (
    <li>
      <label class="proposal" data-id={p.id}>
        <input type="checkbox" checked={ticked} onChange={(e) => toggle(p.id, (e.target as HTMLInputElement).checked)} />
        <span>
          <b class="when">
            {p.start}–{p.end}
          </b>{' '}
          <span class="who">
            <b>{p.coverName}</b> covers {p.absentName}
          </span>
          <span class="what">{p.what}</span>
          <span class="why">{p.reason}</span>
          <span class="meta">{awayText(p)}</span>
        </span>
      </label>
    </li>
  );
}

function Proposals(props: {
  plan: CoverPlanView;
  ticked: ReadonlySet<string>;
  busy: boolean;
  toggle(id: string, on: boolean): void;
  record(): void;
}) {
  const { plan, ticked } = props;
  const chosen = plan.proposals.filter((p) => ticked.has(p.id)).length;
  return (
    <section class="group">
      <h2>
        Proposed cover for {ukDate(plan.date)}{' '}
        <span class="n">
          {chosen} of {plan.proposals.length} ticked
        </span>
      </h2>
      <ul class="proposals">
        {plan.proposals.map((p) => (
          <Proposal key={p.id} p={p} ticked={ticked.has(p.id)} toggle={props.toggle} />
        ))}
      </ul>
      <button type="button" class="primary" onClick={props.record} disabled={props.busy || chosen === 0}>
        Record cover
      </button>
    </section>
  );
}

function Gaps({ gaps }: { gaps: CoverPlanView['gaps'] }) {
  return (
    <section class="group warning">
      <h2>
        No cover found <span class="n">{gaps.length}</span>
      </h2>
      <ul class="gaps">
        {gaps.map((g) => (
          <li>
            <b>{g.block}</b> ({g.absentName}): {g.why}.
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The planner's state and its two server round trips: plan a date, record the ticked proposals. */
function useCoverPlanner() {
  const [date, setDate] = useState('');
  const [plan, setPlan] = useState<CoverPlanView | undefined>();
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<CoverWriteResult | undefined>();

  /** Plan `d`; every proposal starts ticked except those in `unticked` (kept unticked across a refresh). */
  const load = async (d: string, unticked: ReadonlySet<string> = new Set()) => {
    const p = await call('planCoverFor', d);
    setPlan(p);
    setTicked(new Set(p.proposals.map((x) => x.id).filter((id) => !unticked.has(id))));
  };
  const working = async (job: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await job();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const planFor = (d: string) =>
    working(async () => {
      setResult(undefined);
      await load(d);
    });
  const record = (current: CoverPlanView) =>
    working(async () => {
      const choices = current.proposals
        .filter((p) => ticked.has(p.id))
        .map(({ id, absenceRow, absentStaffId, absentName, coverName, start, end }) => ({
          id,
          absenceRow,
          absentStaffId,
          absentName,
          coverName,
          start,
          end,
        }));
      setResult(await call('applyCover', current.date, choices));
      // What is still uncovered (the unticked proposals, and anything the write skipped) stays on the list, as it was.
      await load(current.date, new Set(current.proposals.filter((p) => !ticked.has(p.id)).map((p) => p.id)));
    });
  const toggle = (id: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(id);
    else next.delete(id);
    setTicked(next);
  };

  useEffect(() => {
    // Open on the next school day that has something to cover, not always today.
    call('coverStartDate')
      .then((t) => {
        setDate(t);
        return planFor(t);
      })
      .catch((e) => setError(errorText(e)));
  }, []);

  return { date, setDate, plan, ticked, busy, error, result, planFor, record, toggle };
}

function App() {
  const s = useCoverPlanner();
  const { plan } = s;
  return (
    <div class="app">
      <header>
        <DateForm date={s.date} busy={s.busy} setDate={s.setDate} plan={(d) => void s.planFor(d)} />
      </header>
      {s.error && (
        <p class="error-banner" role="alert">
          {s.error}
        </p>
      )}
      {s.result && <WriteResult result={s.result} />}
      {plan?.note && <p class="empty">{plan.note}</p>}
      {plan && plan.proposals.length > 0 && (
        <Proposals plan={plan} ticked={s.ticked} busy={s.busy} toggle={s.toggle} record={() => void s.record(plan)} />
      )}
      {plan && plan.gaps.length > 0 && <Gaps gaps={plan.gaps} />}
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
