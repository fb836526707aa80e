// The "Check tracker" sidebar: findings grouped by severity with counts, a filter by pupil or staff, click to go
// to the cell, and Re-check. All data comes from the server's checkTracker(); nothing here decides anything.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CheckResult, FindingView } from '../server/api';
import { call, errorText, ukDate } from './rpc';

const GROUPS = [
  { severity: 'error', title: 'Errors', one: 'error', many: 'errors' },
  { severity: 'warning', title: 'Warnings', one: 'warning', many: 'warnings' },
  { severity: 'info', title: 'Notes', one: 'note', many: 'notes' },
] as const;

/** Does a finding concern the person typed in the filter (id or name, any case)? */
export function matchesFilter(f: FindingView, filter: string): boolean {
  const q = filter.trim().toLowerCase();
  if (q === '') return true;
  return [f.pupilId, f.pupilName, f.staffId, f.staffName].some((v) => v?.toLowerCase().includes(q));
}

function cellLabel(cell: string): string {
  return cell.replace(/^'(.*)'!/, '$1!');
}

function FindingItem({ f, onSelect, selected }: { f: FindingView; onSelect: (f: FindingView) => void; selected: boolean }) {
  const who = [f.pupilName ?? f.pupilId, f.staffName ?? f.staffId].filter(Boolean).join(' · ');
  return (
    <li>
      <button
        type="button"
        class={`finding ${f.severity}${selected ? ' selected' : ''}`}
        onClick={() => onSelect(f)}
        title={`Go to ${cellLabel(f.cell)}`}
        data-cell={f.cell}
      >
        <span class="title">{f.title}</span>
        <span class="msg">{f.message}</span>
        <span class="meta">
          <span class="cell">{cellLabel(f.cell)}</span>
          {who && <span class="who">{who}</span>}
          <span class="code" title="Check code">
            {f.code}
          </span>
        </span>
      </button>
    </li>
  );
}

function App() {
  const [result, setResult] = useState<CheckResult | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string | undefined>();

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await call('checkTracker'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void run();
  }, []);

  const people = useMemo(() => {
    const names = new Set<string>();
    for (const f of result?.findings ?? []) {
      if (f.pupilName) names.add(f.pupilName);
      if (f.staffName) names.add(f.staffName);
    }
    return [...names].sort();
  }, [result]);
  const shown = useMemo(() => (result?.findings ?? []).filter((f) => matchesFilter(f, filter)), [result, filter]);

  const select = async (f: FindingView) => {
    setSelected(f.cell);
    try {
      await call('selectCell', f.cell);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const s = result?.summary;
  return (
    <div class="app">
      <header>
        <div class="counts" aria-live="polite">
          {GROUPS.map((g) => (
            <span class={`count ${g.severity}`} data-severity={g.severity}>
              <b>{s ? s[g.severity] : '–'}</b> {s && s[g.severity] === 1 ? g.one : g.many}
            </span>
          ))}
        </div>
        <div class="tools">
          <input
            type="search"
            list="people"
            placeholder="Filter by pupil or staff"
            value={filter}
            onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
            aria-label="Filter by pupil or staff"
          />
          <datalist id="people">
            {people.map((p) => (
              <option value={p} />
            ))}
          </datalist>
          <button type="button" class="primary" onClick={() => void run()} disabled={busy}>
            {busy ? 'Checking…' : 'Re-check'}
          </button>
        </div>
      </header>
      {error && (
        <p class="error-banner" role="alert">
          {error}
        </p>
      )}
      {result?.findings.some((f) => f.code === 'ROTA_PUPIL_UNSUPERVISED') ? (
        // Absences leave pupils without their adult: the cover planner opens on the first day that needs it.
        <p class="cover-link">
          <button type="button" id="open-cover" onClick={() => void call('openCoverPlannerFromCheck').catch((e) => setError(errorText(e)))}>
            Plan cover for these absences
          </button>
        </p>
      ) : null}
      {result && result.findings.length === 0 && <p class="all-clear">No problems found. Well done.</p>}
      {result && result.findings.length > 0 && shown.length === 0 && <p class="empty">Nothing matches “{filter}”.</p>}
      {GROUPS.map((g) => {
        const list = shown.filter((f) => f.severity === g.severity);
        if (list.length === 0) return null;
        return (
          <section class={`group ${g.severity}`} data-severity={g.severity}>
            <h2>
              {g.title} <span class="n">{list.length}</span>
            </h2>
            <ul>
              {list.map((f) => (
                <FindingItem f={f} onSelect={(x) => void select(x)} selected={selected === f.cell} />
              ))}
            </ul>
          </section>
        );
      })}
      {result && (
        <footer>
          Checked as of {ukDate(result.today)} · {result.rowsRead} rows in {result.tabs.length} tabs
        </footer>
      )}
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
