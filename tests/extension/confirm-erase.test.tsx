// @vitest-environment happy-dom
// Options › "Erase one pupil": the confirmation step (shared with "Erase everything", confirm-erase.tsx) asks
// before anything goes, Cancel leaves it all, and confirming erases and says what went.
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PupilRightsSection } from '../../extension/entrypoints/options/pupil-rights';
import { openCaseloadDb } from '../../extension/store/db';
import { until } from './until';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('erasing one pupil from this device', () => {
  it('asks first (the dialog is labelled by its question), Cancel keeps everything, Yes erases and says so', async () => {
    const db = await openCaseloadDb(`confirm-erase-${Math.random().toString(36).slice(2)}`);
    let erased = 0;
    render(
      <PupilRightsSection
        db={async () => db}
        pupils={[{ id: 'P01', name: 'Sam Jones' }]}
        download={() => undefined}
        onErased={async () => {
          erased++;
        }}
      />,
      document.body,
    );
    const select = document.querySelector<HTMLSelectElement>('#rights-pupil')!;
    select.value = 'P01';
    select.dispatchEvent(new Event('change'));
    await until(() => !document.querySelector<HTMLButtonElement>('#rights-erase')!.disabled);

    document.querySelector<HTMLButtonElement>('#rights-erase')!.click();
    const dialog = await until(() => document.querySelector('[role=alertdialog]'));
    expect(dialog.getAttribute('aria-labelledby')).toBe('rights-q');
    expect(document.querySelector('#rights-q')!.textContent).toBe(
      'This deletes Sam Jones and 0 logs about them from this device. Erase them from the tracker Sheet too, or the next sync brings them back.',
    );

    [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click();
    await until(() => document.querySelector('[role=alertdialog]') === null);
    expect(erased).toBe(0);

    document.querySelector<HTMLButtonElement>('#rights-erase')!.click();
    await until(() => document.querySelector('#rights-erase-confirm'));
    expect(document.querySelector('#rights-erase-confirm')!.textContent).toBe('Yes, erase this pupil');
    document.querySelector<HTMLButtonElement>('#rights-erase-confirm')!.click();
    await until(() => erased === 1);
    expect(document.querySelector('[role=status]')!.textContent).toBe('Erased Sam Jones from this device (0 logs, 0 targets).');
    expect(document.querySelector('[role=alertdialog]')).toBeNull();
  });
});
