// @vitest-environment happy-dom
// The overlay panel wired to the real background router and a real (fake-indexeddb) store: a tap on a rating
// must land in IndexedDB as the right LogEntry, "Saved" must wait for the write, and Undo must remove it.
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRouter } from '../../extension/background/router';
import { createGuard, memoryTabGrants } from '../../extension/background/guard';
import type { Reply, Request, RequestType } from '../../extension/messages';
import { Panel, UNDO_MS, type PanelApi } from '../../extension/overlay/panel';
import { openCaseloadDb } from '../../extension/store/db';
import { replaceCaseload } from '../../extension/store/caseload';
import { IdbLogStore } from '../../extension/store/logs';
import { setMeta } from '../../extension/store/db';
import type { Pupil, Target } from '../../shared/model';

const pupils: Pupil[] = [
  {
    id: 'P005',
    firstName: 'Mohammed',
    lastName: 'Rahman',
    year: '8',
    className: '8RB',
    areasOfNeed: ['C&L'],
    senStatus: 'E',
    phaseTransfer: false,
  },
  {
    id: 'P006',
    firstName: 'Mohammed',
    lastName: 'Rahman',
    year: '10',
    className: '10LW',
    areasOfNeed: ['SEMH'],
    senStatus: 'K',
    primaryNeed: 'SEMH',
    phaseTransfer: false,
  },
];
const targets: Target[] = [
  {
    id: 'T51',
    pupilId: 'P005',
    text: 'Reads aloud <img src=x onerror="window.__pwned=1"> for 2 minutes',
    successCriteria: '3 sessions in a row',
    status: 'Developing',
  },
  { id: 'T61', pupilId: 'P006', text: 'Uses a calm-down card', status: 'Emerging' },
];

let n = 0;

/**
 * The panel's API as a content script in tab 1 of a granted MIS origin sees it: the real router, through the real
 * guard, on `db`, with the clock `now`. `gate.hold`, while set, holds each add back (to see "Saved" wait for it).
 */
function panelApi(db: Awaited<ReturnType<typeof openCaseloadDb>>, now: () => number, pageUrl: string) {
  const guard = createGuard({ grantedOrigins: async () => ['https://*.arbor.sc/*'], tabs: memoryTabGrants() });
  const route = createRouter({ db: async () => db, guard, now });
  const gate: { hold?: Promise<void> } = {};
  const call = async <T extends RequestType>(req: Request): Promise<Reply<T>> =>
    (await route(req, { url: 'https://demo.uk.arbor.sc/', tabId: 1 })) as Reply<T>;
  const api: PanelApi = {
    details: (pupilId) => call({ type: 'pupil/details', pupilId }),
    add: async (entry) => {
      await gate.hold;
      return call({ type: 'log/add', entry });
    },
    update: (id, changes) => call({ type: 'log/update', id, changes }),
    undo: (id) => call({ type: 'log/undo', id }),
    tapContext: (pupilId) => ({ pupilId, staffId: 'S02', pageUrl, now: new Date(now()), uuid: () => crypto.randomUUID() }),
    now,
  };
  const root = document.createElement('div');
  document.body.append(root);
  return { api, root, gate };
}

async function setup() {
  const db = await openCaseloadDb(`panel-${++n}-${Math.random()}`);
  await replaceCaseload({ pupils, targets, staff: [], rota: [] }, { db });
  return { db, ...panelApi(db, () => Date.now(), 'https://demo.uk.arbor.sc/?/students/student-id/5') };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
async function until<T>(fn: () => T | undefined | null | false, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out waiting');
}
const button = (root: Element, text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('overlay panel', () => {
  it('shows SEN status and primary need under the name, from the store through the router', async () => {
    const { api, root } = await setup();
    render(<Panel choices={[{ ...pupils[1]!, senStatus: 'E' }]} api={api} onClose={() => {}} />, root);
    // The heading comes from the router's details (the stored pupil), not from what the page passed in.
    const status = await until(() => root.querySelector('p.sen-status'));
    expect(status.textContent).toBe('SEN support · primary need SEMH');
    render(null, root);
    render(<Panel choices={[pupils[0]!]} api={api} onClose={() => {}} />, root);
    expect((await until(() => root.querySelector('p.sen-status'))).textContent).toBe('EHCP');
  });

  it('asks which pupil first when the name is ambiguous, then logs a rating in one tap', async () => {
    const { db, api, root } = await setup();
    render(<Panel choices={pupils} api={api} onClose={() => {}} />, root);
    await flush();
    expect(root.textContent).toContain('Which pupil?');
    expect(root.textContent).toContain('Class 8RB · Year 8');
    expect(root.textContent).toContain('Class 10LW · Year 10');
    (await until(() => [...root.querySelectorAll('button.choice')][1] as HTMLButtonElement)).click();
    await until(() => root.textContent?.includes('Uses a calm-down card'));

    const secure = root.querySelector<HTMLButtonElement>('button[data-rating="Secure"]')!;
    secure.click();
    await until(() => root.textContent?.includes('Saved'));
    const logs = await db.getAll('logs');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      pupilId: 'P006',
      targetId: 'T61',
      kind: 'Progress',
      rating: 'Secure',
      staffId: 'S02',
      source: 'demo.uk.arbor.sc/',
    });
    expect(await db.count('outbox')).toBe(1);
    // Last evidence updates in place.
    expect(root.textContent).toContain('Last evidence just now (Secure)');
    expect(root.textContent).toContain('1 in the last 14 days');
  });

  it('renders hostile target text as text, never as markup', async () => {
    const { api, root } = await setup();
    render(<Panel choices={[pupils[0]!]} api={api} onClose={() => {}} />, root);
    await until(() => root.textContent?.includes('Reads aloud'));
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows "Saved" only after the store confirms, and offers Undo for 10 seconds', async () => {
    const { db, api, root, gate } = await setup();
    let release!: () => void;
    gate.hold = new Promise((r) => (release = r));
    render(<Panel choices={[pupils[0]!]} api={api} onClose={() => {}} />, root);
    await until(() => root.querySelector('button[data-rating="Emerging"]'));
    // No prompt chips before a rating: detail comes after the tap, in the same place.
    expect(root.querySelector('button[data-prompt]')).toBeNull();
    root.querySelector<HTMLButtonElement>('button[data-rating="Emerging"]')!.click();
    await flush();
    expect(root.textContent).toContain('Saving…');
    expect(root.textContent).not.toContain('Saved');
    expect(await db.count('logs')).toBe(0);
    release();
    await until(() => root.textContent?.includes('Saved'));
    expect((await db.getAll('logs'))[0]).toMatchObject({ rating: 'Emerging' });
    expect((await db.getAll('logs'))[0]!.prompt).toBeUndefined();
    // The prompt chips appear inline under the target just rated; one tap amends the same log.
    const chip = await until(() => root.querySelector<HTMLButtonElement>('section.target button[data-prompt="Verbal"]'));
    chip.click();
    await until(() => root.querySelector('button[data-prompt="Verbal"]')?.getAttribute('aria-pressed') === 'true');
    expect(await db.getAll('logs')).toMatchObject([{ rating: 'Emerging', prompt: 'Verbal' }]);
    expect(root.textContent).toContain('Saved: Emerging on');
    expect(root.textContent).toContain(', verbal prompt');

    button(root, 'Undo')!.click();
    await until(() => root.textContent?.includes('Removed — it had not been sent'));
    expect(await db.count('logs')).toBe(0);
    expect(await db.count('outbox')).toBe(0);
  });

  it('withdraws Undo when the undo window ends (10 s in use; shortened here)', async () => {
    expect(UNDO_MS).toBe(10_000);
    const { api, root } = await setup();
    render(<Panel choices={[pupils[0]!]} api={api} onClose={() => {}} undoMs={150} />, root);
    await until(() => root.querySelector('button[data-kind="Praise"]'));
    root.querySelector<HTMLButtonElement>('button[data-kind="Praise"]')!.click();
    await until(() => root.textContent?.includes('Saved: Praise'));
    expect(button(root, 'Undo')).toBeDefined();
    await until(() => button(root, 'Undo') === undefined);
    expect(root.textContent).not.toContain('Saved');
  });

  it('needs a typed note before logging a Note, and Escape closes', async () => {
    const { db, api, root } = await setup();
    const onClose = vi.fn();
    render(<Panel choices={[pupils[0]!]} api={api} onClose={onClose} />, root);
    await until(() => root.querySelector('button[data-kind="Note"]'));
    root.querySelector<HTMLButtonElement>('button[data-kind="Note"]')!.click();
    (await until(() => root.querySelector<HTMLButtonElement>('button[data-save-note]'))).click();
    await flush();
    expect(root.textContent).toContain('Type a note first');
    expect(await db.count('logs')).toBe(0);
    root.querySelector('.panel')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalled();
  });

  it('minutes: a stepper in fives; "twenty" is refused with a message and nothing is changed; figures amend the log', async () => {
    const { db, api, root } = await setup();
    render(<Panel choices={[pupils[0]!]} api={api} onClose={() => {}} />, root);
    (await until(() => root.querySelector<HTMLButtonElement>('button[data-kind="Intervention"]'))).click();
    (await until(() => root.querySelector<HTMLButtonElement>('button[data-more-detail]'))).click();
    const input = await until(() => root.querySelector<HTMLInputElement>('#caseload-minutes'));
    const type = (v: string) => {
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    type('twenty');
    await flush();
    root.querySelector<HTMLButtonElement>('button[data-add-detail]')!.click();
    await until(() => root.querySelector('.field-error'));
    expect(root.querySelector('.field-error')!.textContent).toContain('“twenty” was not saved');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect((await db.getAll('logs'))[0]!.minutes).toBeUndefined();
    type('');
    await flush();
    button(root, '+')!.click();
    await flush();
    button(root, '+')!.click();
    await flush();
    expect(root.querySelector<HTMLInputElement>('#caseload-minutes')!.value).toBe('10');
    root.querySelector<HTMLButtonElement>('button[data-add-detail]')!.click();
    await until(() => root.textContent?.includes('Saved: Intervention, 10 min'));
    expect(await db.getAll('logs')).toMatchObject([{ kind: 'Intervention', minutes: 10 }]);
  });

  it('docks left, right or bottom and collapses to a bar, reporting each choice to be remembered', async () => {
    const { api, root } = await setup();
    const chosen: unknown[] = [];
    render(
      <Panel
        choices={[pupils[0]!]}
        api={api}
        onClose={() => {}}
        layout={{ dock: 'left', collapsed: false }}
        onLayout={(l) => chosen.push(l)}
      />,
      root,
    );
    await until(() => root.textContent?.includes('Reads aloud'));
    const panel = root.querySelector('.panel')!;
    expect(panel.getAttribute('data-dock')).toBe('left');
    root.querySelector<HTMLButtonElement>('button[data-dock="bottom"]')!.click();
    await flush();
    expect(panel.getAttribute('data-dock')).toBe('bottom');
    root.querySelector<HTMLButtonElement>('button[data-collapse]')!.click();
    await flush();
    expect(panel.hasAttribute('data-collapsed')).toBe(true);
    expect(root.querySelector('button[data-rating]')).toBeNull();
    // The slim bar still says whose panel it is.
    expect(root.querySelector('.bar-title')!.textContent).toBe('Mohammed Rahman');
    expect(chosen).toEqual([
      { dock: 'bottom', collapsed: false },
      { dock: 'bottom', collapsed: true },
    ]);
  });

  it('shows the Sheet’s last evidence and window count (colleagues’ logs), joined with this device’s logs it lacks', async () => {
    const now = Date.UTC(2026, 10, 23, 12, 0);
    const db = await openCaseloadDb(`panel-sheet-${++n}-${Math.random()}`);
    const evidence = [
      {
        targetId: 'T51',
        pupilId: 'P005',
        count: 5,
        windowDays: 14,
        asOf: '2026-11-23',
        last: { time: '2026-11-21T09:00:00+00:00', rating: 'Secure' as const, prompt: 'Verbal' as const },
      },
      {
        targetId: 'T61',
        pupilId: 'P006',
        count: 3,
        windowDays: 14,
        asOf: '2026-11-23',
        last: { time: '2026-11-20T09:00:00+00:00', rating: 'Emerging' as const },
      },
    ];
    await replaceCaseload({ pupils, targets, staff: [], rota: [], evidence }, { db, from: 'sheet', at: now - 60_000 });
    const store = new IdbLogStore(db, () => now - 30 * 60_000);
    // This device: one log already in the Sheet when it was read (synced before the pull: not counted twice)
    // and one still in the outbox, newer than anything in the Sheet.
    const mine = { pupilId: 'P006', targetId: 'T61', kind: 'Progress' as const };
    await store.add({ ...mine, id: 'synced-before', time: '2026-11-22T10:00:00+00:00', rating: 'Emerging' });
    await store.markSynced(['synced-before'], now - 120_000);
    await store.add({ ...mine, id: 'unsent', time: '2026-11-23T11:30:00+00:00', rating: 'Developing', prompt: 'Independent' });
    const route = createRouter({ db: async () => db, now: () => now });
    const call = async <T extends RequestType>(req: Request): Promise<Reply<T>> => (await route(req, {})) as Reply<T>;
    const api: PanelApi = {
      details: (pupilId) => call({ type: 'pupil/details', pupilId }),
      add: (entry) => call({ type: 'log/add', entry }),
      update: (id, changes) => call({ type: 'log/update', id, changes }),
      undo: (id) => call({ type: 'log/undo', id }),
      tapContext: (pupilId) => ({
        pupilId,
        staffId: 'S02',
        pageUrl: 'https://demo.uk.arbor.sc/',
        now: new Date(now),
        uuid: () => crypto.randomUUID(),
      }),
      now: () => now,
    };
    const root = document.createElement('div');
    document.body.append(root);

    render(<Panel choices={[pupils[0]!]} api={api} onClose={() => {}} />, root);
    await until(() => root.textContent?.includes('Reads aloud'));
    const text = () => [...root.querySelectorAll('section.target p')].map((p) => p.textContent);
    expect(text()).toContain('Last evidence 2 days ago (Secure, Verbal prompt)');
    expect(text()).toContain('5 in the last 14 days');
    render(null, root);

    render(<Panel choices={[pupils[1]!]} api={api} onClose={() => {}} />, root);
    await until(() => root.textContent?.includes('calm-down card'));
    expect(text()).toContain('Last evidence 30 minutes ago (Developing, Independent)');
    expect(text()).toContain('4 in the last 14 days');
  });
});

describe('overlay panel: the current rota session first', () => {
  // Monday 23/11/2026 at 10:20: S02 is rostered 1:1 with P005 from 10:00 to 11:00.
  const monday = (h: number, m: number) => new Date(2026, 10, 23, h, m).getTime();
  const rota = [
    { day: 'Mon' as const, start: 600, end: 660, staffId: 'S02', activity: '1:1' as const, pupilIds: ['P005', 'P006'], needs: [] },
  ];
  const twoTargets: Target[] = [
    { id: 'T51', pupilId: 'P005', text: 'Reads aloud for 2 minutes', status: 'Developing' },
    { id: 'T52', pupilId: 'P005', text: 'Counts to 20 with objects', status: 'Developing' },
  ];

  async function sessionSetup(clock: () => number, blocks = rota) {
    const db = await openCaseloadDb(`panel-session-${++n}-${Math.random()}`);
    await replaceCaseload({ pupils, targets: twoTargets, staff: [], rota: blocks }, { db });
    await setMeta(db, 'me', 'S02');
    // Last Monday in this block the LSA worked on the counting target: it is this session's target.
    await new IdbLogStore(db, () => new Date(2026, 10, 16, 10, 30).getTime()).add({
      id: 'old-1',
      time: '2026-11-16T10:30:00+00:00',
      pupilId: 'P005',
      targetId: 'T52',
      kind: 'Progress',
      rating: 'Emerging',
      staffId: 'S02',
    });
    return { db, ...panelApi(db, clock, 'https://demo.uk.arbor.sc/') };
  }

  it('shows the session card for this pupil only, suggests Delivered without recording it, and records it in one tap', async () => {
    const { db, api, root } = await sessionSetup(() => monday(10, 20));
    render(<Panel choices={[pupils[0]!]} api={api} onClose={() => {}} />, root);
    const card = await until(() => root.querySelector('section.session-now'));
    expect(card.querySelector('.session-when')?.textContent).toContain('10:00–11:00');
    // Only the open pupil's row: the other pupil in the group is not shown on the MIS page.
    expect([...card.querySelectorAll('li[data-pupil]')].map((li) => li.getAttribute('data-pupil'))).toEqual(['P005']);
    const delivered = card.querySelector<HTMLButtonElement>('button[aria-label^="Delivered"]')!;
    expect(delivered.classList.contains('suggested')).toBe(true);
    expect(card.querySelector('.session-status')?.textContent).toBe('Now: no outcome yet');
    expect((await db.getAll('logs')).filter((l) => l.kind === 'Session outcome')).toHaveLength(0);
    delivered.click();
    await until(() => card.querySelector('.session-status')?.textContent === 'Delivered');
    const [outcome] = (await db.getAll('logs')).filter((l) => l.kind === 'Session outcome');
    expect(outcome).toMatchObject({ pupilId: 'P005', outcome: 'Delivered', session: '2026-11-23 10:00-11:00 S02', staffId: 'S02' });
    render(null, root);
  });

  it('records Missed with a reason in two taps, and puts the target this block works on first', async () => {
    const { db, api, root } = await sessionSetup(() => monday(10, 20));
    render(<Panel choices={[pupils[0]!]} api={api} onClose={() => {}} />, root);
    const card = await until(() => root.querySelector('section.session-now'));
    const targetsShown = [...root.querySelectorAll('section.target')];
    expect(targetsShown[0]?.querySelector('.prompt')?.textContent).toBe('Counts to 20 with objects');
    expect(targetsShown[0]?.hasAttribute('data-this-session')).toBe(true);
    card.querySelector<HTMLButtonElement>('button[aria-label^="Missed"]')!.click();
    (await until(() => button(card, 'Pupil absent'))).click();
    await until(() => card.querySelector('.session-status')?.textContent === 'Missed: Pupil absent');
    const [outcome] = (await db.getAll('logs')).filter((l) => l.kind === 'Session outcome');
    expect(outcome).toMatchObject({ outcome: 'Missed', missedReason: 'Pupil absent' });
    render(null, root);
  });

  it('marks, in "Which pupil?", the one the LSA is rostered with now, and moves the focus there, without reordering', async () => {
    // Two pupils named Mohammed Rahman: at 10:00–11:00 S02 (this LSA) has P006; P005 is with S03.
    const blocks = [
      { ...rota[0]!, pupilIds: ['P006'] },
      { ...rota[0]!, staffId: 'S03', pupilIds: ['P005'] },
    ];
    const { api, root } = await sessionSetup(() => monday(10, 20), blocks);
    render(<Panel choices={pupils} api={api} onClose={() => {}} />, root);
    const marked = await until(() => root.querySelector<HTMLButtonElement>('button.choice[data-with-you]'));
    const choices = [...root.querySelectorAll<HTMLButtonElement>('button.choice')];
    expect(choices.map((b) => b.textContent)).toEqual([
      'Mohammed Rahman — Class 8RB · Year 8',
      'Mohammed Rahman — Class 10LW · Year 10With you now, 10:00–11:00',
    ]);
    expect(marked).toBe(choices[1]);
    expect(document.activeElement).toBe(choices[1]);
    render(null, root);
  });

  it('marks nobody in "Which pupil?" outside the rota block, and leaves the focus on the first', async () => {
    const blocks = [{ ...rota[0]!, pupilIds: ['P006'] }];
    const { api, root } = await sessionSetup(() => monday(11, 5), blocks);
    const details = vi.spyOn(api, 'details');
    render(<Panel choices={pupils} api={api} onClose={() => {}} />, root);
    await until(() => details.mock.calls.length === 2 && details.mock.results.every((r) => r.type === 'return'));
    await Promise.all(details.mock.results.map((r) => r.value));
    await flush();
    const choices = [...root.querySelectorAll<HTMLButtonElement>('button.choice')];
    expect(choices).toHaveLength(2);
    expect(root.querySelector('[data-with-you]')).toBeNull();
    expect(root.textContent).not.toContain('With you now');
    expect(document.activeElement).toBe(choices[0]);
    render(null, root);
  });

  it('a pupil chosen before the lookups have answered is the one the log is for (each lookup opens its pupil in the guard)', async () => {
    const blocks = [{ ...rota[0]!, pupilIds: ['P006'] }];
    const { db, api, root } = await sessionSetup(() => monday(10, 20), blocks);
    // The other pupil's lookup is slow (a service worker waking up): it answers only after the LSA has chosen.
    let release!: () => void;
    const slow = new Promise<void>((r) => {
      release = r;
    });
    const lookUp = api.details;
    let otherAnswered: Promise<unknown> | undefined;
    const withSlowLookup: PanelApi = {
      ...api,
      details: (id) => {
        if (id !== 'P006') return lookUp(id);
        const answer = slow.then(() => lookUp(id));
        otherAnswered = answer;
        return answer;
      },
    };
    render(<Panel choices={pupils} api={withSlowLookup} onClose={() => {}} />, root);
    const first = await until(() => root.querySelector<HTMLButtonElement>('button.choice'));
    await until(() => otherAnswered !== undefined); // the chooser has asked about both pupils
    first.click();
    // Time enough for the chosen pupil's own lookup to be answered; only then does the other one answer.
    await new Promise((r) => setTimeout(r, 50));
    release();
    await otherAnswered;
    const rate = await until(() => root.querySelector<HTMLButtonElement>('section.target button[data-rating="Secure"]'));
    rate.click();
    await until(() => root.querySelector('.status.saved, .status.error'));
    expect(root.querySelector('.status.error')?.textContent ?? '').toBe('');
    expect((await db.getAll('logs')).filter((l) => l.id !== 'old-1').map((l) => [l.pupilId, l.rating])).toEqual([['P005', 'Secure']]);
    render(null, root);
  });

  it('a lookup that never answers holds a choice back no longer than 2 s', async () => {
    const { api, root } = await sessionSetup(() => monday(10, 20), [{ ...rota[0]!, pupilIds: ['P006'] }]);
    let asked = false;
    const stuck: PanelApi = {
      ...api,
      details: (id) => {
        if (id !== 'P006') return api.details(id);
        asked = true;
        return new Promise(() => {});
      },
    };
    render(<Panel choices={pupils} api={stuck} onClose={() => {}} />, root);
    const first = await until(() => root.querySelector<HTMLButtonElement>('button.choice'));
    await until(() => asked);
    first.click();
    await until(() => root.querySelector('section.target'), 800);
    expect(root.textContent).toContain('Counts to 20 with objects');
    render(null, root);
  });

  it('shows no session card outside the pupil’s rota block', async () => {
    const { api, root } = await sessionSetup(() => monday(11, 5));
    render(<Panel choices={[pupils[0]!]} api={api} onClose={() => {}} />, root);
    await until(() => root.querySelector('section.target'));
    expect(root.querySelector('section.session-now')).toBeNull();
    // Order as stored when no session is on.
    expect(root.querySelector('section.target .prompt')?.textContent).toBe('Reads aloud for 2 minutes');
    render(null, root);
  });
});
