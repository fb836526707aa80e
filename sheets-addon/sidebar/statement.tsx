// The "Provision statement" dialog: choose a pupil and a date range, see the statement as it will print, and
// Print it (the browser's own print dialog, which can also save a PDF). The statement HTML is the core's, built on
// the server; here its <main> and its A4 print styles are placed in the page, and the controls are hidden in print.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StatementChoices } from '../server/api';
import { call, errorText, ukDate } from './rpc';

/** Print: only the statement, on A4 (the core's own @page rule sets the size and margins). */
const PRINT_ONLY_STATEMENT = '@media print { .statement-controls, .error-banner { display: none !important; } body { background: #fff; } }';

/** The statement document's <main> and <style>, parsed inertly (DOMParser runs no scripts, and the core's HTML has none). */
function statementParts(html: string): { css: string; main: string } {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return {
    css: [...doc.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n'),
    main: doc.querySelector('main')?.innerHTML ?? '',
  };
}

function DateField({ id, label, value, set }: { id: string; label: string; value: string; set(v: string): void }) {
  return (
    <span class="date-field">
      <label for={id}>{label}</label>{' '}
      <input id={id} type="date" lang="en-GB" value={value} required onInput={(e) => set((e.target as HTMLInputElement).value)} />{' '}
      <span class="muted" id={`${id}-uk`}>
        {value ? ukDate(value) : ''}
      </span>
    </span>
  );
}

function Statement({ html }: { html: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const { css, main } = statementParts(html);
    if (!host.current) return;
    host.current.replaceChildren();
    const style = document.createElement('style');
    style.textContent = `${css}\n${PRINT_ONLY_STATEMENT}`;
    const body = document.createElement('main');
    body.innerHTML = main;
    host.current.append(style, body);
  }, [html]);
  return <div class="statement" ref={host} />;
}

function App() {
  const [choices, setChoices] = useState<StatementChoices | undefined>();
  const [pupilId, setPupilId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [html, setHtml] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    call('statementChoices')
      .then((c) => {
        setChoices(c);
        setFrom(c.from);
        setTo(c.to);
      })
      .catch((e) => setError(errorText(e)));
  }, []);

  const show = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await call('statementFor', pupilId, from, to);
      if (r.error) setError(r.error);
      setHtml(r.html ?? '');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="app">
      <form
        class="tools statement-controls"
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <label for="statement-pupil">Pupil</label>{' '}
        <select id="statement-pupil" value={pupilId} required onChange={(e) => setPupilId((e.target as HTMLSelectElement).value)}>
          <option value="">Choose…</option>
          {choices?.pupils.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.ehcp ? ' (EHCP)' : ''}
            </option>
          ))}
        </select>{' '}
        <DateField id="statement-from" label="From" value={from} set={setFrom} />
        <DateField id="statement-to" label="To" value={to} set={setTo} />
        <button type="submit" class="primary" disabled={busy || !pupilId || !from || !to}>
          {busy ? 'Working…' : 'Show statement'}
        </button>{' '}
        <button type="button" id="statement-print" disabled={!html} onClick={() => window.print()}>
          Print
        </button>
      </form>
      {error && (
        <p class="error-banner" role="alert">
          {error}
        </p>
      )}
      {html ? <Statement html={html} /> : null}
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
