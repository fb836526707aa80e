// @vitest-environment happy-dom
// The detector's index travels as plain data in the overlay's fast copy (chrome.storage), worked out where the
// copy is written, so a page does not build it while loading (extension/detect/caseload-index.ts). Through JSON
// and back it must match exactly as the index built on the page, and a stored copy of another version is not used.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { buildCaseloadIndex, type CaseloadPupil, indexFromPortable, portableIndex } from '../../../extension/detect/caseload-index';
import { scanForPupils as scan } from '../../../extension/detect';
import type { PagePupil } from '../../../extension/messages';
import { PAGE_CASELOAD_KEY, publishPageCaseload, readPageCaseload } from '../../../extension/page-caseload';
import { replaceCaseload } from '../../../extension/store/caseload';
import { openCaseloadDb } from '../../../extension/store/db';
import { pageCaseloadOf } from '../../../extension/store/page-caseload';

const PUPILS: CaseloadPupil[] = [
  { id: 'P001', firstName: 'Amelia', lastName: 'Hartley', upn: 'H820400124001', misId: '004192' },
  { id: 'P002', firstName: 'Zoë', lastName: 'Okonkwo-Hart', misId: 'ADM1002' },
  { id: 'P003', firstName: 'Łukasz', lastName: 'Kowalczyk' },
  { id: 'P004', firstName: 'Alfie', lastName: 'Hartley', year: '4', className: '4H' },
  { id: 'P005', firstName: 'Mohammed', lastName: 'Rahman' },
  { id: 'P006', firstName: 'Mohammed', lastName: 'Rahman' },
];

describe('the portable index', () => {
  it('through JSON and back, matches a page exactly as the index built on the page', () => {
    const stored = JSON.parse(JSON.stringify(portableIndex(PUPILS)));
    const fromCopy = indexFromPortable(stored, PUPILS);
    const built = buildCaseloadIndex(PUPILS);
    expect(fromCopy.mentionPattern.source).toBe(built.mentionPattern.source);
    expect(fromCopy.subtreePattern.source).toBe(built.subtreePattern.source);
    expect([...fromCopy.formsByFirstToken]).toEqual([...built.formsByFirstToken]);
    expect([...fromCopy.spacedFormsByFirstToken]).toEqual([...built.spacedFormsByFirstToken]);
    document.body.innerHTML = `<table><tbody>
      <tr><td>1</td><td>HARTLEY Amelia</td><td>H820400124001</td></tr><tr><td>2</td><td>Zoe Okonkwo-Hart</td></tr>
      <tr><td>3</td><td>Kowalczyk, Lukasz</td></tr><tr><td>4</td><td>A. Hartley</td></tr><tr><td>5</td><td>Mohammed Rahman</td></tr>
      <tr><td>6</td><td>4192</td></tr><tr><td>7</td><td>0004192</td></tr><tr><td>8</td><td>Amelia Rose Hartley</td></tr>
    </tbody></table>`;
    const ids = (index: typeof built) => scan(document.body, index).map((m) => `${m.pupilIds.join('+')}:${m.via}`);
    expect(ids(fromCopy)).toEqual(ids(built));
    expect(ids(fromCopy).length).toBeGreaterThan(4);
  });

  it('a stored copy whose index is of another version is read without it (the page builds its own)', async () => {
    const good = { pupils: PUPILS, selectors: {}, index: portableIndex(PUPILS) };
    const area = (v: unknown) => ({
      get: async () => ({ [PAGE_CASELOAD_KEY]: structuredClone(v) }),
      set: async () => undefined,
      remove: async () => undefined,
    });
    expect((await readPageCaseload(area(good)))?.index).toEqual(good.index);
    const old = await readPageCaseload(area({ ...good, index: { ...good.index, v: 0 } }));
    expect(old?.pupils).toHaveLength(PUPILS.length);
    expect(old?.index).toBeUndefined();
  });
});

describe('the index in the background’s copy', () => {
  it('is built again only when the pupils change: a page load with the same caseload reuses it', async () => {
    const db = await openCaseloadDb(`page-copy-${Math.random()}`);
    const pupils = PUPILS.map((p) => ({ ...p, senStatus: 'K' as const }));
    await replaceCaseload({ pupils: pupils as never, targets: [], staff: [], rota: [] }, { db });
    const first = await pageCaseloadOf(db);
    const again = await pageCaseloadOf(db);
    expect(again.index).toBe(first.index); // the same object: not built again
    await replaceCaseload(
      {
        pupils: [...pupils, { id: 'P007', firstName: 'Nia', lastName: 'Roberts', senStatus: 'E' }] as never,
        targets: [],
        staff: [],
        rota: [],
      },
      { db },
    );
    const changed = await pageCaseloadOf(db);
    expect(changed.index).not.toBe(first.index);
    expect(changed.index).toEqual(portableIndex(changed.pupils));
    expect(JSON.stringify(changed.index)).toContain('roberts');
    db.close();
  });
});

describe('the background’s writes of the copy', () => {
  it('writes only when the copy changed: page loads with the same caseload leave storage alone', async () => {
    let stored: Record<string, unknown> = {};
    let writes = 0;
    // As chrome.storage.local: values go through structured clone both ways.
    const area = {
      get: async (k: string) => (k in stored ? { [k]: structuredClone(stored[k]) } : {}),
      set: async (items: Record<string, unknown>) => {
        writes++;
        stored = { ...stored, ...structuredClone(items) };
      },
      remove: async (k: string) => void delete stored[k],
    };
    const pupils = PUPILS.map((p) => ({ ...p, senStatus: 'K' as const })) as PagePupil[];
    const copy = { pupils, selectors: {}, index: portableIndex(pupils) };
    expect(await publishPageCaseload(area, copy)).toBe(true);
    expect(await publishPageCaseload(area, structuredClone(copy))).toBe(false);
    expect(await publishPageCaseload(area, { ...copy, me: 'S1' })).toBe(true);
    await area.remove(PAGE_CASELOAD_KEY); // "Erase all data"
    expect(await publishPageCaseload(area, { ...copy, me: 'S1' })).toBe(true);
    expect(writes).toBe(3);
  });
});
