// Options › Caseload: import a tracker .xlsx or an MIS/CSV pupil list through the core's import pipeline. Nothing
// is replaced until the person has seen the preview — what will be stored, every row left out and why, unused
// columns, possible leavers — and pressed Import. A duplicated ID leaves both rows out unless they keep one.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { countsText, formatUkDate, type ImportChoices, type ImportPreview } from '../../../shared/index';
import { ImportError, type FilePreview } from '../../import/caseload-file';
import { discardImportWorker, prepareImportWorker, previewInWorker } from '../../import/preview-client';
import { clockTime, localIsoDate } from '../../local-time';
import { mark } from '../../marks';
import { writePageCaseload, type PageCaseloadArea } from '../../page-caseload';
import { database, readCaseload, replaceCaseload, storedCounts, type Caseload } from '../../store';
import { pageCaseloadOf } from '../../store/page-caseload';

interface Pending {
  fileName: string;
  bytes: Uint8Array;
  choices: ImportChoices;
  file: FilePreview;
  /** The device's caseload the preview was worked out against, as JSON: unchanged at Import, the preview stands. */
  basis: string;
  note?: string;
}

type Message = { kind: 'ok' | 'error'; text: string };

const sameCounts = (a: ImportPreview['counts'], b: ImportPreview['counts']) =>
  a.pupils === b.pupils && a.targets === b.targets && a.staff === b.staff && a.rota === b.rota;

/** What Options says once the caseload is stored: the counts read back, or that they differ from the preview. */
function storedMessage(counts: ImportPreview['counts'], previewed: ImportPreview['counts']): Message {
  return sameCounts(counts, previewed)
    ? { kind: 'ok', text: `Imported: the caseload now has ${countsText(counts)}.` }
    : { kind: 'error', text: `Stored ${countsText(counts)}, not the ${countsText(previewed)} the preview showed. Please report this.` };
}

export function ImportSection({ caseload, onDone }: { caseload?: Caseload; onDone(): Promise<void> }) {
  const [pending, setPending] = useState<Pending | undefined>();
  const [message, setMessage] = useState<Message | undefined>();
  // What a long import is doing now ("Reading the spreadsheet…", "Checking 50,000 rows…"): a year's tracker takes
  // seconds, and the page must say it is working rather than look stuck.
  const [progress, setProgress] = useState<string | undefined>();
  const source = caseload?.source;
  // The import worker is started with the page, so choosing a file does not wait for its script to load.
  useEffect(() => {
    prepareImportWorker();
    return discardImportWorker;
  }, []);

  const preview = async (fileName: string, fileBytes: Uint8Array | Promise<Uint8Array>, choices: ImportChoices, note?: string) => {
    try {
      // The file's bytes and the caseload on this device are read at the same time.
      const [bytes, current] = await Promise.all([fileBytes, database().then(readCaseload)]);
      mark('caseload:import-read');
      const file = await previewInWorker(fileName, bytes, current, { choices, onStep: setProgress });
      mark('caseload:import-previewed');
      setPending({ fileName, bytes, choices, file, basis: JSON.stringify(current), ...(note ? { note } : {}) });
    } catch (err) {
      setPending(undefined);
      setMessage({ kind: 'error', text: err instanceof ImportError ? err.message : 'The file could not be read.' });
    } finally {
      setProgress(undefined);
      // Ready for the next preview: a choice in this one (keep a row, confirm a leaver) or the check at Import.
      prepareImportWorker();
    }
  };

  const confirm = async (p: Pending) => {
    mark('caseload:import-confirmed');
    const db = await database();
    // The caseload may have changed since the preview (a sync, another tab): then work it out again, and if the
    // counts would differ from what the person saw, show the new preview instead of storing something they did not
    // see. Unchanged, the preview they saw is what is stored (checking a year's tracker twice doubled the wait).
    const current = await readCaseload(db);
    const basis = JSON.stringify(current);
    const fresh =
      basis === p.basis ? p.file : await previewInWorker(p.fileName, p.bytes, current, { choices: p.choices, onStep: setProgress });
    if (!sameCounts(fresh.preview.counts, p.file.preview.counts)) {
      setProgress(undefined);
      setPending({
        ...p,
        file: fresh,
        basis,
        note: 'The caseload on this device changed while you were looking. Check the preview again.',
      });
      return;
    }
    setProgress('Storing the caseload…');
    mark('caseload:import-checked');
    await replaceCaseload(fresh.data, { db, from: `import: ${p.fileName}`, evidenceFor: fresh.evidenceFor });
    mark('caseload:import-stored');
    const counts = await storedCounts(db);
    setProgress(undefined);
    setPending(undefined);
    setMessage(storedMessage(counts, fresh.preview.counts));
    // The overlays' fast copy follows at once, so the next MIS page shows the new caseload; the person need not
    // wait for it (were the page closed first, the service worker rebuilds it on the next MIS page's request).
    await writePageCaseload(browser.storage.local as unknown as PageCaseloadArea, await pageCaseloadOf(db)).catch(() => undefined);
    await onDone();
  };

  return (
    <section aria-labelledby="import-h">
      <h2 id="import-h">Caseload</h2>
      <p>
        {source
          ? `On this device: ${caseload.pupils.length} pupils, ${caseload.targets.length} targets, ${caseload.staff.length} staff, ${caseload.rota.length} rota blocks (from ${source.from}, ${formatUkDate(localIsoDate(source.at))} ${clockTime(source.at)}).`
          : 'No caseload on this device yet.'}
      </p>
      <label for="import-file">
        Import from the tracker (.xlsx made by “caseload init” or downloaded from the Sheet), or a CSV pupil list exported from your MIS, or
        a CSV of targets:
      </label>{' '}
      <input
        id="import-file"
        type="file"
        accept=".xlsx,.csv"
        onChange={async (e) => {
          const input = e.currentTarget as HTMLInputElement;
          const file = input.files?.[0];
          input.value = '';
          if (!file) return;
          setMessage(undefined);
          // At once, before anything is read: a year's tracker takes a second or more, and the page says so.
          setProgress('Reading the file…');
          await preview(
            file.name,
            file.arrayBuffer().then((b) => new Uint8Array(b)),
            {},
          );
        }}
      />
      {progress ? (
        <p id="import-progress" role="status" aria-live="polite">
          {progress}
        </p>
      ) : null}
      {pending ? (
        <PreviewPanel
          pending={pending}
          onChoose={(choices) => void preview(pending.fileName, pending.bytes, choices)}
          onConfirm={() => void confirm(pending)}
          onCancel={() => {
            setPending(undefined);
            setMessage({ kind: 'ok', text: 'Import cancelled: nothing was changed.' });
          }}
        />
      ) : null}
      {message ? (
        <div role="status" aria-live="polite" id="import-result">
          <p class={message.kind}>{message.text}</p>
        </div>
      ) : null}
    </section>
  );
}

function PreviewPanel({
  pending,
  onChoose,
  onConfirm,
  onCancel,
}: {
  pending: Pending;
  onChoose(c: ImportChoices): void;
  onConfirm(): void;
  onCancel(): void;
}) {
  const p = pending.file.preview;
  const { choices } = pending;
  const m = p.merge;
  const keep = (key: string, row: number | undefined) => {
    const next = { ...(choices.keep ?? {}) };
    if (row === undefined) delete next[key];
    else next[key] = row;
    onChoose({ ...choices, keep: next });
  };
  const toggleLeaver = (id: string, on: boolean) => {
    const set = new Set(choices.leavers ?? []);
    if (on) set.add(id);
    else set.delete(id);
    onChoose({ ...choices, leavers: [...set] });
  };
  const kept = [
    m.kept.pupils && `${m.kept.pupils} pupils`,
    m.kept.targets && `${m.kept.targets} targets`,
    m.kept.staff && `${m.kept.staff} staff`,
    m.kept.rota && `${m.kept.rota} rota blocks`,
  ].filter(Boolean);
  return (
    <div id="import-preview" role="region" aria-label="Import preview">
      <h3>Before anything is replaced: {p.fileName}</h3>
      {pending.note ? <p class="error">{pending.note}</p> : null}
      <p id="import-counts">
        After this import the caseload will have <strong>{countsText(p.counts)}</strong>.
      </p>
      <ul>
        {m.added.length ? <li>{`New pupils: ${m.added.length}`}</li> : null}
        {m.updated.length ? <li>{`Updated pupils: ${m.updated.length} (names, classes, year groups or SEN details changed)`}</li> : null}
        {kept.length ? (
          <li id="import-kept">{`Kept from the caseload already here: ${kept.join(', ')}. Targets, logs and notes are never deleted by an import.`}</li>
        ) : null}
        {m.rotaReplaced ? <li>{`The ${m.rotaReplaced} rota blocks here are replaced by this file's rota.`}</li> : null}
        {p.derivedIds.length ? (
          <li id="import-derived">{`This file has no Pupil ID column: ${p.derivedIds.length} pupils were given IDs made from their ${[...new Set(p.derivedIds.map((d) => d.from))].join(' or ')}.`}</li>
        ) : null}
      </ul>
      {p.fileProblems.length ? (
        <ul class="error">
          {p.fileProblems.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      ) : null}
      {p.duplicates.length ? (
        <div id="import-duplicates">
          <h4>The same ID on more than one row</h4>
          {p.duplicates.map((d) => {
            const key = `${d.tab}:${d.id}`;
            return (
              <p key={key} class="duplicate">
                {`${d.id} is on ${d.rows.map((r) => `${r.where}${r.label ? ` (${r.label})` : ''}`).join(' and ')}. `}
                {d.kept === undefined ? 'Both are left out unless you keep one: ' : `Keeping row ${d.kept}. `}
                {d.rows.map((r) =>
                  r.row === d.kept ? null : (
                    <button type="button" key={r.row} data-keep={key} onClick={() => keep(key, r.row)}>
                      Keep row {r.row}
                    </button>
                  ),
                )}
                {d.kept !== undefined ? (
                  <button type="button" onClick={() => keep(key, undefined)}>
                    Leave all out
                  </button>
                ) : null}
              </p>
            );
          })}
        </div>
      ) : null}
      {p.refused.length ? (
        <details open>
          <summary>{`${p.refused.length} row(s) left out — each with its cell and reason`}</summary>
          <ul id="import-refused">
            {p.refused.map((r) => (
              <li key={`${r.tab}:${r.row}`} data-cell={r.cell}>
                {`${r.where}${r.id ? ` (${r.id})` : ''}: ${r.reasons.join(' ')}`}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {p.blanked.length ? (
        <details>
          <summary>{`${p.blanked.length} value(s) could not be read; those rows are stored without them`}</summary>
          <ul id="import-blanked">
            {p.blanked.map((b, i) => (
              <li key={i}>{`${b.where}: ${b.message}`}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {p.unusedColumns.length ? (
        <details open>
          <summary>{`${p.unusedColumns.length} column(s) not used`}</summary>
          <ul id="import-unused">
            {p.unusedColumns.map((u) => (
              <li key={u.cell}>{`${u.header} (${u.where}): ${u.reason}`}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {m.leavers.length ? (
        <details>
          <summary>{`${m.leavers.length} pupil(s) here are not in this file — kept unless you confirm they have left`}</summary>
          <ul id="import-leavers">
            {m.leavers.map((l) => (
              <li key={l.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={l.confirmed}
                    onChange={(e) => toggleLeaver(l.id, (e.currentTarget as HTMLInputElement).checked)}
                  />{' '}
                  {`${l.name} (${l.id}) has left`}
                </label>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {m.updated.length ? (
        <details>
          <summary>What changes for existing pupils</summary>
          <ul id="import-updated">
            {m.updated.map((u) => (
              <li key={u.id}>{`${u.name} (${u.id}, matched by ${u.matchedBy}): ${u.changes.join('; ')}`}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <button type="button" id="import-confirm" onClick={onConfirm}>
        Import
      </button>{' '}
      <button type="button" id="import-cancel" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
