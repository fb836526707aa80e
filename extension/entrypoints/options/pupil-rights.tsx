// Options: "Export everything about one pupil" and "Erase one pupil" for this device's store (subject access
// and erasure requests; the tracker itself is handled with `caseload pupil-export` / `pupil-erase` or by hand,
// see PRIVACY.md). Names are rendered as text only.
import { useState } from 'preact/hooks';
import type { IDBPDatabase } from 'idb';
import type { CaseloadDb } from '../../store/db';
import { devicePupilRecord, eraseDevicePupil } from '../../store/pupil-rights';
import { ConfirmErase } from './confirm-erase';

export interface PupilRightsProps {
  db: () => Promise<IDBPDatabase<CaseloadDb>>;
  pupils: { id: string; name: string }[];
  download(name: string, text: string, type: string): void;
  onErased(): Promise<void>;
}

export function PupilRightsSection({ db, pupils, download, onErased }: PupilRightsProps) {
  const [pupilId, setPupilId] = useState('');
  const [confirming, setConfirming] = useState<{ logs: number; unsynced: number } | undefined>();
  const [message, setMessage] = useState('');
  const chosen = pupils.find((p) => p.id === pupilId);
  return (
    <section aria-labelledby="pupil-rights-h">
      <h2 id="pupil-rights-h">One pupil (subject access and erasure)</h2>
      <label for="rights-pupil">Pupil: </label>
      <select
        id="rights-pupil"
        value={pupilId}
        onChange={(e) => {
          setPupilId((e.target as HTMLSelectElement).value);
          setConfirming(undefined);
        }}
      >
        <option value="">Choose…</option>
        {pupils.map((p) => (
          <option value={p.id} key={p.id}>
            {p.name} ({p.id})
          </option>
        ))}
      </select>{' '}
      <button
        type="button"
        id="rights-export"
        disabled={!chosen}
        onClick={async () => {
          const record = await devicePupilRecord(await db(), pupilId);
          download(`caseload-pupil-${pupilId}.json`, JSON.stringify(record, null, 2), 'application/json');
          setMessage(
            `Downloaded everything this device holds about ${chosen!.name}: ${record.logs.length} logs, ${record.targets.length} targets.`,
          );
        }}
      >
        Export everything about this pupil
      </button>{' '}
      {!confirming ? (
        <button
          type="button"
          id="rights-erase"
          class="danger"
          disabled={!chosen}
          onClick={async () => {
            const r = await devicePupilRecord(await db(), pupilId);
            setConfirming({ logs: r.logs.length, unsynced: r.waitingToSync.length });
          }}
        >
          Erase this pupil…
        </button>
      ) : (
        <ConfirmErase
          questionId="rights-q"
          question={
            <>
              This deletes {chosen?.name} and {confirming.logs} logs about them from this device
              {confirming.unsynced > 0 ? `, including ${confirming.unsynced} not yet sent to the tracker` : ''}. Erase them from the tracker
              Sheet too, or the next sync brings them back.
            </>
          }
          confirmLabel="Yes, erase this pupil"
          confirmId="rights-erase-confirm"
          onConfirm={async () => {
            const r = await eraseDevicePupil(await db(), pupilId);
            setConfirming(undefined);
            setMessage(`Erased ${chosen?.name ?? pupilId} from this device (${r.logs} logs, ${r.targets} targets).`);
            setPupilId('');
            await onErased();
          }}
          onCancel={() => setConfirming(undefined)}
        />
      )}
      <p role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
