// The "Plan cover" sidebar: choose a date, see the proposed cover per absence and the explained gaps, tick the
// cover to keep and write it into the Absence tab. The server re-checks every row under the lock before writing.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CoverChoice, CoverPlanView, CoverWriteResult } from '../server/api';
import { call, errorText, ukDate } from './rpc';

function App() {
  const [date, setDate] = useState('');
  const [plan, setPlan] = useState<CoverPlanView | undefined>();
  const [chosen, setChosen] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [written, setWritten] = useState<CoverWriteResult | undefined>();

  const planFor = async (d: string) => {
    setBusy(true);
    setError(undefined);
    setWritten(undefined);
    try {
      const p = await call('planCoverFor', d);
      setPlan(p);
      const pick: Record<number, string> = {};
      for (const o of p.options) if (o.proposals[0]) pick[o.absenceRow] = o.proposals[0].staffId;
      setChosen(pick);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    call('todayInSheet')
      .then((t) => {
        setDate(t);
        return planFor(t);
      })
      .catch((e) => setError(errorText(e)));
  }, []);

  const write = async () => {
    if (!plan) return;
    const choices: CoverChoice[] = plan.options
      .filter((o) => chosen[o.absenceRow])
      .map((o) => ({ absenceRow: o.absenceRow, absentStaffId: o.absentStaffId, coverStaffId: chosen[o.absenceRow]! }));
    setBusy(true);
    try {
      setWritten(await call('applyCover', plan.date, choices));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="app">
      <header>
        <form
          class="tools"
          onSubmit={(e) => {
            e.preventDefault();
            void planFor(date);
          }}
        >
          <input type="date" value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} aria-label="Date to cover" required />
          <button type="submit" class="primary" disabled={busy || !date}>
            {busy ? 'Working…' : 'Plan'}
          </button>
        </form>
      </header>
      {error && <p class="error-banner" role="alert">{error}</p>}
      {plan?.note && <p class="empty">{plan.note}</p>}
      {plan && plan.options.length > 0 && (
        <section class="group">
          <h2>Proposed cover for {ukDate(plan.date)}</h2>
          {plan.options.map((o) => (
            <fieldset class="absence" data-row={o.absenceRow}>
              <legend>
                {o.absentName} away {o.from === o.to ? ukDate(o.from) : `${ukDate(o.from)}–${ukDate(o.to)}`} ({o.part}) · Absence row {o.absenceRow}
              </legend>
              {o.from !== o.to && <p class="note">The cover you write applies to every day of this absence.</p>}
              {o.proposals.map((p) => (
                <label class="proposal">
                  <input type="radio" name={`row-${o.absenceRow}`} checked={chosen[o.absenceRow] === p.staffId} onChange={() => setChosen({ ...chosen, [o.absenceRow]: p.staffId })} />
                  <span>
                    <b>{p.name}</b> — {p.reasons.join('; ')}
                    <ul>{p.blocks.map((b) => <li>{b}</li>)}</ul>
                  </span>
                </label>
              ))}
              <label class="proposal">
                <input type="radio" name={`row-${o.absenceRow}`} checked={!chosen[o.absenceRow]} onChange={() => setChosen({ ...chosen, [o.absenceRow]: '' })} />
                <span>Leave blank for now</span>
              </label>
            </fieldset>
          ))}
          <button type="button" class="primary" onClick={() => void write()} disabled={busy}>
            Write cover to the Absence tab
          </button>
        </section>
      )}
      {written && (
        <p class="all-clear" role="status">
          Wrote cover on {written.written} row{written.written === 1 ? '' : 's'}.{written.skipped.length > 0 && ` Not written: ${written.skipped.join(' ')}`}
        </p>
      )}
      {plan && plan.gaps.length > 0 && (
        <section class="group warning">
          <h2>
            No cover found <span class="n">{plan.gaps.length}</span>
          </h2>
          <ul class="gaps">
            {plan.gaps.map((g) => (
              <li>
                <b>{g.block}</b> ({g.absentName}): {g.why}.
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
