// @vitest-environment happy-dom
// "A pupil is absent today" in the popup, through the real router and IndexedDB store (fake-indexeddb): one action
// records every session the pupil has today, with anyone, as Missed (Pupil absent); a session already recorded is
// left as it is; the session cards then show the outcome.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pupil, RotaBlock, Staff } from '../../shared/model';
import { openPopupAt } from './popup-world';
import { until } from './until';

afterEach(() => {
  document.body.innerHTML = '';
});

const pupils: Pupil[] = [
  { id: 'P1', firstName: 'Sam', lastName: 'Jones', areasOfNeed: [], senStatus: 'E', phaseTransfer: false },
  { id: 'P2', firstName: 'Ava', lastName: 'Lee', areasOfNeed: [], senStatus: 'E', phaseTransfer: false },
  { id: 'P3', firstName: 'Zac', lastName: 'Other', areasOfNeed: [], senStatus: 'K', phaseTransfer: false },
];
const staff: Staff[] = [
  { id: 'S01', name: 'Amelia Hartley' },
  { id: 'S02', name: 'Ben Bell' },
];
// Monday: Amelia (S01) has Sam 09:00–10:00 and Ava 10:00–11:00; Ben (S02) has Sam again 13:00–14:00 and Zac
// (not one of Amelia's pupils) at 14:00; a Tuesday block for Sam is not today.
const rota: RotaBlock[] = [
  { day: 'Mon', start: 540, end: 600, staffId: 'S01', activity: '1:1', pupilIds: ['P1'], needs: [] },
  { day: 'Mon', start: 600, end: 660, staffId: 'S01', activity: '1:1', pupilIds: ['P2'], needs: [] },
  { day: 'Mon', start: 780, end: 840, staffId: 'S02', activity: 'Intervention', pupilIds: ['P1'], needs: [] },
  { day: 'Mon', start: 840, end: 900, staffId: 'S02', activity: '1:1', pupilIds: ['P3'], needs: [] },
  { day: 'Tue', start: 540, end: 600, staffId: 'S01', activity: '1:1', pupilIds: ['P1'], needs: [] },
];

async function popupAt(hour: number, minute: number) {
  const { root, store, click } = await openPopupAt({ pupils, staff, rota }, hour, minute);
  /** Choose a pupil in the absence form and press "Mark absent for today". */
  const markAbsent = async (pupilId: string) => {
    const select = await until(() => root.querySelector<HTMLSelectElement>('.pupil-absent select'));
    select.value = pupilId;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const button = await until(() => root.querySelector<HTMLButtonElement>('.pupil-absent button[type=submit]:not([disabled])'));
    button.click();
  };
  return { root, store, click, markAbsent };
}

describe('a pupil absent for the day, from the popup', () => {
  it('offers only my pupils today, and records nothing until asked', async () => {
    const { root, store } = await popupAt(9, 30);
    const options = [...root.querySelectorAll('.pupil-absent option')].map((o) => o.textContent);
    expect(options).toEqual(['Choose…', 'Ava Lee', 'Sam Jones']);
    expect(root.querySelector<HTMLButtonElement>('.pupil-absent button[type=submit]')!.disabled).toBe(true);
    expect(await store.all()).toEqual([]);
  });

  it('one action marks every session the pupil has today, with anyone, as Missed (Pupil absent)', async () => {
    const { root, store, markAbsent } = await popupAt(9, 30);
    await markAbsent('P1');
    const status = await until(() => root.querySelector('.pupil-absent-result')?.textContent);
    expect(status).toBe('Sam Jones marked absent today: 2 sessions recorded as Missed (Pupil absent): 09:00–10:00, 13:00–14:00.');
    const logs = await store.all();
    expect(logs.map((l) => [l.pupilId, l.session, l.outcome, l.missedReason, l.staffId, l.source]).sort()).toEqual([
      ['P1', '2026-11-23 09:00-10:00 S01', 'Missed', 'Pupil absent', 'S01', 'caseload:popup'],
      ['P1', '2026-11-23 13:00-14:00 S02', 'Missed', 'Pupil absent', 'S01', 'caseload:popup'],
    ]);
    expect(logs.every((l) => l.kind === 'Session outcome')).toBe(true);
    // The Now card shows it at once, and Ava's session is untouched.
    await until(
      () =>
        root.querySelector('[data-session="2026-11-23 09:00-10:00 S01"] [data-pupil="P1"] .session-status')?.textContent ===
        'Missed: Pupil absent',
    );
  });

  it('leaves a session that already has an outcome as it is, and says when there is nothing left to mark', async () => {
    const { root, store, click, markAbsent } = await popupAt(9, 30);
    await click('Delivered: Sam Jones');
    await until(() => root.querySelector('[data-pupil="P1"] .session-status')?.textContent === 'Delivered');
    await markAbsent('P1');
    await until(() => root.querySelector('.pupil-absent-result')?.textContent?.includes('1 session recorded'));
    const outcomes = (await store.all()).map((l) => [l.session, l.outcome, l.missedReason]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        ['2026-11-23 09:00-10:00 S01', 'Delivered', undefined],
        ['2026-11-23 13:00-14:00 S02', 'Missed', 'Pupil absent'],
      ]),
    );
    expect(outcomes).toHaveLength(2);
    await markAbsent('P1');
    await until(() => root.querySelector('.pupil-absent-result')?.textContent?.includes('already has an outcome'));
    expect(await store.all()).toHaveLength(2);
  });
});
