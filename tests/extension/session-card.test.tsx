// @vitest-environment happy-dom
// The popup's Now card records session outcomes through the real router and IndexedDB store (fake-indexeddb):
// Delivered in one tap, Missed ▸ reason in two, Other asks for a note; an ended session with no outcome reads
// "Not recorded"; nothing is recorded without a tap.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pupil, RotaBlock } from '../../shared/model';
import { openPopupAt } from './popup-world';
import { until } from './until';

afterEach(() => {
  document.body.innerHTML = '';
});

const pupils: Pupil[] = [
  { id: 'P1', firstName: 'Sam', lastName: 'Jones', areasOfNeed: [], senStatus: 'E', phaseTransfer: false },
  { id: 'P2', firstName: 'Ava', lastName: 'Lee', areasOfNeed: [], senStatus: 'E', phaseTransfer: false },
];
// Monday: Amelia (S01) has Sam 09:00–10:00 and Ava 10:00–11:00.
const rota: RotaBlock[] = [
  { day: 'Mon', start: 540, end: 600, staffId: 'S01', activity: '1:1', pupilIds: ['P1'], needs: [] },
  { day: 'Mon', start: 600, end: 660, staffId: 'S01', activity: '1:1', pupilIds: ['P2'], needs: [] },
];

const popupAt = (hour: number, minute: number) =>
  openPopupAt({ pupils, staff: [{ id: 'S01', name: 'Amelia Hartley' }], rota }, hour, minute);

describe('session outcomes from the popup', () => {
  it('suggests Delivered but records nothing until tapped; one tap records it through the store', async () => {
    const { root, store, click } = await popupAt(9, 30);
    const sam = root.querySelector('[data-session="2026-11-23 09:00-10:00 S01"] [data-pupil="P1"]')!;
    expect(sam.querySelector('.session-status')!.textContent).toBe('Now: no outcome yet');
    expect(sam.querySelector('button.suggested')!.textContent).toBe('Delivered');
    expect(await store.all()).toEqual([]);
    await click('Delivered: Sam Jones');
    await until(() => sam.querySelector('.session-status')!.textContent === 'Delivered');
    const [log] = await store.all();
    expect(log).toMatchObject({
      kind: 'Session outcome',
      pupilId: 'P1',
      session: '2026-11-23 09:00-10:00 S01',
      outcome: 'Delivered',
      staffId: 'S01',
    });
  });

  it('Missed ▸ reason in two taps; Other asks what happened; an ended session without an outcome says Not recorded', async () => {
    const { root, store, click } = await popupAt(11, 15);
    const ava = () => root.querySelector('[data-session="2026-11-23 10:00-11:00 S01"] [data-pupil="P2"]')!;
    expect(ava().querySelector('.session-status')!.textContent).toBe('Not recorded');
    await click('Missed: Ava Lee');
    await click('Redeployed to cover');
    await until(() => ava().querySelector('.session-status')!.textContent === 'Missed: Redeployed to cover');
    await click('Missed: Sam Jones');
    await click('Other');
    const form = await until(() => root.querySelector('[data-pupil="P1"] form'));
    (form.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await until(() => root.querySelector('[data-pupil="P1"] [role=alert]')?.textContent?.includes('Say in a note'));
    const input = form.querySelector('input')!;
    input.value = 'Fire drill';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    (form.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await until(() => root.querySelector('[data-pupil="P1"] .session-status')!.textContent === 'Missed: Other (Fire drill)');
    const logs = await store.all();
    expect(logs.map((l) => [l.pupilId, l.outcome, l.missedReason, l.note])).toEqual(
      expect.arrayContaining([
        ['P2', 'Missed', 'Redeployed to cover', undefined],
        ['P1', 'Missed', 'Other', 'Fire drill'],
      ]),
    );
  });
});
