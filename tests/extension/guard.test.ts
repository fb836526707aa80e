// Least privilege in the background, rule by rule (extension/background/guard.ts), through the real router on
// fake-indexeddb. A "content script" here is a sender with a tab and a URL, as chrome.runtime.onMessage gives it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createGuard, memoryTabGrants, patternCoversOrigin, type SenderInfo } from '../../extension/background/guard';
import { createRouter } from '../../extension/background/router';
import { replaceCaseload } from '../../extension/store/caseload';
import { openCaseloadDb } from '../../extension/store/db';
import type { LogEntry } from '../../shared/model';

const GRANTED = ['https://*.arbor.sc/*', 'https://mis.example.sch.uk/*'];
const page = (url: string, tabId = 7): SenderInfo => ({ url, tabId });
const MIS = page('https://kestrel.uk.arbor.sc/students/3');
const POPUP: SenderInfo = { extensionPage: true, url: 'chrome-extension://abc/popup.html' };

let n = 0;
async function setup() {
  const db = await openCaseloadDb(`guard-${++n}-${Math.random()}`);
  const pupil = (id: string, firstName: string, lastName: string) => ({
    id,
    firstName,
    lastName,
    areasOfNeed: [],
    ehcp: true,
    phaseTransfer: false,
    keyWorker: 'S1',
    fundedHours: 10,
  });
  await replaceCaseload(
    {
      pupils: [pupil('P1', 'Isla', 'MacLeod'), pupil('P2', 'Kai', 'Thompson')],
      targets: [
        { id: 'T1', pupilId: 'P1', text: 'Waits for a turn', status: 'Developing' },
        { id: 'T2', pupilId: 'P2', text: 'Reads aloud', status: 'Developing' },
      ],
      staff: [{ id: 'S1', name: 'Jo Patel' }],
      rota: [],
    } as never,
    { db },
  );
  const route = createRouter({
    db: async () => db,
    now: () => new Date(2026, 10, 23, 11).getTime(),
    guard: createGuard({ grantedOrigins: async () => GRANTED, tabs: memoryTabGrants() }),
  });
  return { db, route };
}

const log = (pupilId: string, targetId: string): LogEntry => ({
  id: crypto.randomUUID(),
  time: '2026-11-23T11:00:00+00:00',
  pupilId,
  targetId,
  kind: 'Progress',
  rating: 'Secure',
});

describe('the background answers a content script only within its rights', () => {
  it('rule 1: a page may not ask for today’s logs, status, sync or registration; the popup may', async () => {
    const { route } = await setup();
    for (const type of ['logs/today', 'status', 'sync/now', 'sync/opened', 'registration/refresh'] as const) {
      expect(await route({ type } as never, MIS)).toEqual({ ok: false, error: 'That is not available from a web page.' });
    }
    expect(await route({ type: 'logs/today' }, POPUP)).toMatchObject({ ok: true, names: { P1: 'Isla MacLeod' } });
    // The options page opened in a tab is still an extension page.
    expect(await route({ type: 'status' }, { ...POPUP, tabId: 3 })).toMatchObject({ ok: true });
  });

  it('rule 2/3: names, UPNs and MIS IDs go only to a granted origin, and only for the sender’s own origin', async () => {
    const { route } = await setup();
    const granted = await route({ type: 'page/caseload', url: MIS.url! }, MIS);
    expect(granted).toMatchObject({ ok: true, pupils: [{ id: 'P1' }, { id: 'P2' }] });

    const stranger = page('https://analytics.example.com/x');
    expect(await route({ type: 'page/caseload', url: stranger.url! }, stranger)).toMatchObject({
      ok: false,
      error: expect.stringContaining('not allowed on this site'),
    });
    // A granted page cannot ask on behalf of another origin, nor an ungranted one claim a granted URL.
    expect(await route({ type: 'page/caseload', url: 'https://other.example/' }, MIS)).toMatchObject({ ok: false });
    expect(await route({ type: 'page/caseload', url: MIS.url! }, stranger)).toMatchObject({ ok: false });
    // http:// of a granted https:// host is a different origin, and is not granted.
    const plain = page('http://kestrel.uk.arbor.sc/students/3');
    expect(await route({ type: 'page/caseload', url: plain.url! }, plain)).toMatchObject({ ok: false });
    // A sender with no tab (not a page, not ours) gets nothing.
    expect(await route({ type: 'page/caseload', url: MIS.url! }, { url: MIS.url! })).toMatchObject({ ok: false });
  });

  it('rule 4: pupil details and logs only for the pupil opened in that tab', async () => {
    const { route, db } = await setup();
    // Nothing opened yet: a log is refused.
    expect(await route({ type: 'log/add', entry: log('P1', 'T1') }, MIS)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Open that pupil'),
    });
    expect(await route({ type: 'pupil/details', pupilId: 'P1' }, MIS)).toMatchObject({ ok: true, pupil: { id: 'P1' } });
    expect(await route({ type: 'log/add', entry: log('P1', 'T1') }, MIS)).toMatchObject({ ok: true });
    // A log about another pupil, while P1 is open, is refused and not stored.
    const sneaky = log('P2', 'T2');
    expect(await route({ type: 'log/add', entry: sneaky }, MIS)).toMatchObject({ ok: false });
    expect(await db.get('logs', sneaky.id)).toBeUndefined();
    // Opening P1 in tab 7 opens nothing in tab 8.
    expect(await route({ type: 'log/add', entry: log('P1', 'T1') }, page(MIS.url!, 8))).toMatchObject({ ok: false });
    // Opening P2 closes P1 for this tab.
    await route({ type: 'pupil/details', pupilId: 'P2' }, MIS);
    expect(await route({ type: 'log/add', entry: log('P1', 'T1') }, MIS)).toMatchObject({ ok: false });
    // Moving the tab to another granted site forgets what was open.
    const moved = page('https://mis.example.sch.uk/p');
    expect(await route({ type: 'log/add', entry: log('P2', 'T2') }, moved)).toMatchObject({ ok: false });
    // Details from an ungranted origin: refused before the store is read.
    expect(await route({ type: 'pupil/details', pupilId: 'P1' }, page('https://evil.example/'))).toMatchObject({
      ok: false,
      error: expect.stringContaining('not allowed'),
    });
  });

  it('rule 5: a page undoes only logs it saved itself; edits from the popup, or of the page’s own logs', async () => {
    const { route, db } = await setup();
    const fromPopup = log('P1', 'T1');
    await route({ type: 'pupil/details', pupilId: 'P1' }, POPUP);
    expect(await route({ type: 'log/add', entry: fromPopup }, POPUP)).toMatchObject({ ok: true });
    await route({ type: 'pupil/details', pupilId: 'P1' }, MIS);
    const mine = log('P1', 'T1');
    await route({ type: 'log/add', entry: mine }, MIS);

    expect(await route({ type: 'log/undo', id: fromPopup.id }, MIS)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Only a log saved from this page'),
    });
    expect(await db.get('logs', fromPopup.id)).toBeDefined();
    // The panel may amend the log it saved itself (prompt chips, minutes), and only from its own tab.
    expect(await route({ type: 'log/update', id: mine.id, changes: { note: 'y' } }, page(MIS.url!, 9))).toMatchObject({ ok: false });
    expect(await route({ type: 'log/update', id: mine.id, changes: { note: 'y' } }, MIS)).toEqual({ ok: true, updated: true });
    expect(await route({ type: 'log/undo', id: mine.id }, page(MIS.url!, 9))).toMatchObject({ ok: false });
    expect(await route({ type: 'log/undo', id: mine.id }, MIS)).toEqual({ ok: true, removed: true });
    expect(await route({ type: 'log/update', id: fromPopup.id, changes: { note: 'x' } }, MIS)).toMatchObject({ ok: false });
    expect(await route({ type: 'log/update', id: fromPopup.id, changes: { note: 'x' } }, POPUP)).toEqual({ ok: true, updated: true });
    // A log that is not on this device cannot be edited or undone from anywhere.
    expect(await route({ type: 'log/update', id: crypto.randomUUID(), changes: { note: 'x' } }, POPUP)).toMatchObject({
      ok: false,
      error: expect.stringContaining('not on this device'),
    });
    expect(await route({ type: 'log/undo', id: crypto.randomUUID() }, POPUP)).toMatchObject({
      ok: false,
      error: expect.stringContaining('not on this device'),
    });
  });

  it('matches origins against Chrome match patterns exactly', () => {
    expect(patternCoversOrigin('https://*.arbor.sc/*', 'https://kestrel.uk.arbor.sc')).toBe(true);
    expect(patternCoversOrigin('https://*.arbor.sc/*', 'https://arbor.sc')).toBe(true);
    expect(patternCoversOrigin('https://*.arbor.sc/*', 'https://evilarbor.sc')).toBe(false);
    expect(patternCoversOrigin('https://*.arbor.sc/*', 'http://x.arbor.sc')).toBe(false);
    expect(patternCoversOrigin('http://mis.local/*', 'http://mis.local')).toBe(true);
    expect(patternCoversOrigin('https://mis.example.sch.uk/*', 'https://mis.example.sch.uk.evil.com')).toBe(false);
  });
});
