// The popup on a device with this caseload, signed in as S01, on Monday 23/11/2026 at the given time: the real
// router and IndexedDB store (fake-indexeddb) behind it, as the session card and absence tests need it.
import { render } from 'preact';
import { createRouter } from '../../extension/background/router';
import type { Request } from '../../extension/messages';
import { Popup } from '../../extension/entrypoints/popup/Popup';
import { openCaseloadDb, setMeta } from '../../extension/store/db';
import { replaceCaseload } from '../../extension/store/caseload';
import { IdbLogStore } from '../../extension/store/logs';
import type { Pupil, RotaBlock, Staff } from '../../shared/model';
import { until } from './until';

export async function openPopupAt(caseload: { pupils: Pupil[]; staff: Staff[]; rota: RotaBlock[] }, hour: number, minute: number) {
  const db = await openCaseloadDb(`popup-${Math.random().toString(36).slice(2)}`);
  await replaceCaseload({ ...caseload, targets: [] }, { db });
  await setMeta(db, 'me', 'S01');
  const route = createRouter({ db: async () => db, syncNow: async () => {}, syncOnOpen: async () => {}, syncConnected: async () => false });
  const root = document.createElement('div');
  document.body.append(root);
  const now = new Date(2026, 10, 23, hour, minute).getTime();
  render(
    <Popup
      send={(m) => route(m as Request, {})}
      loadCaseload={async () => caseload}
      openOptions={() => {}}
      teachThisSite={async () => undefined}
      now={() => now}
    />,
    root,
  );
  await until(() => root.querySelector('.session'));
  const store = new IdbLogStore(db);
  /** Click the button with this label or text once it is on screen (Preact renders state changes asynchronously). */
  const click = async (label: string) => {
    const b = await until(() =>
      [...root.querySelectorAll('button')].find((x) => x.getAttribute('aria-label') === label || x.textContent === label),
    );
    b.click();
  };
  return { root, store, click };
}
