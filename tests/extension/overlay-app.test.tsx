// @vitest-environment happy-dom
// The content script's feature end to end inside one document: caseload from a (fake) background, the real
// detector, badges placed without breaking the page's markup, the panel opened from a badge.
import { afterEach, describe, expect, it } from 'vitest';
import { badgeLabel, placeBadge } from '../../extension/overlay/badges';
import { type OverlayEnv, startOverlay as attach } from '../../extension/overlay/app';
import { startBadges } from '../../extension/overlay/badger';
import type { PagePupil, Request } from '../../extension/messages';

/** Both halves, as on a page: the early one's badging, then the panel attached to it. */
const startOverlay = (env: OverlayEnv, started = startBadges(env)) => attach(env, started);

const pupils: PagePupil[] = [
  { id: 'P1', firstName: 'Amelia', lastName: 'Hartley', year: '7', className: '7HN', senStatus: 'E' },
  { id: 'P5', firstName: 'Mohammed', lastName: 'Rahman', year: '8', className: '8RB', senStatus: 'K' },
  { id: 'P6', firstName: 'Mohammed', lastName: 'Rahman', year: '10', className: '10LW', senStatus: 'K' },
];

function fakeBackground(extra: Partial<Record<Request['type'], unknown>> = {}) {
  const asked: Request[] = [];
  const send = async (m: unknown) => {
    const req = m as Request;
    asked.push(req);
    if (req.type in extra) return extra[req.type];
    if (req.type === 'page/caseload') return { ok: true, pupils, me: 'S1' };
    if (req.type === 'pupil/details') return { ok: true, pupil: pupils.find((p) => p.id === req.pupilId), targets: [] };
    return { ok: false, error: 'nope' };
  };
  return { send, asked };
}

const until = async (fn: () => boolean) => {
  for (let i = 0; i < 200 && !fn(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(fn()).toBe(true);
};

afterEach(() => {
  document.body.innerHTML = '';
  for (const e of document.querySelectorAll('caseload-panel')) e.remove();
});

describe('overlay in a page', () => {
  it('badges caseload pupils, marks an ambiguous name, and leaves table structure intact', async () => {
    document.body.innerHTML = `
      <table><tbody>
        <tr><td id="a"><a href="/p/1">Amelia Hartley</a></td><td>7HN</td></tr>
        <tr><td id="b">Rahman, Mohammed</td><td>Maths group</td></tr>
        <tr><td id="c">Jack Harris</td><td>3B</td></tr>
        <tr><td id="d">Rahman, Mohammed</td><td>10LW</td></tr>
      </tbody></table>`;
    const { send } = fakeBackground();
    const controller = new AbortController();
    const overlay = await startOverlay({ doc: document, send, signal: controller.signal, now: () => 0 });
    expect(overlay).toBeDefined();
    await until(() => document.querySelectorAll('caseload-badge').length === 3);

    // Every row still has exactly its two cells; badges live inside cells or after inline links.
    for (const tr of document.querySelectorAll('tr')) expect([...tr.children].map((c) => c.localName)).toEqual(['td', 'td']);
    const amelia = document.querySelector('#a caseload-badge')!;
    expect(amelia.previousElementSibling?.localName).toBe('a');
    const button = amelia.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).toBe('Caseload: log for Amelia Hartley');
    const rahman = document.querySelector('#b caseload-badge')!.shadowRoot!.querySelector('button')!;
    expect(rahman.hasAttribute('data-ambiguous')).toBe(true);
    // The same name in a row that shows 10LW is the Mohammed in 10LW: no question asked.
    const decided = document.querySelector('#d caseload-badge')!.shadowRoot!.querySelector('button')!;
    expect(decided.hasAttribute('data-ambiguous')).toBe(false);

    expect(document.querySelector('#c caseload-badge')).toBeNull();

    // A tap opens the panel for that pupil; the page's link is not followed.
    let followed = false;
    document.querySelector('#a a')!.addEventListener('click', () => (followed = true));
    button.click();
    await until(() => document.querySelector('caseload-panel')?.shadowRoot?.textContent?.includes('Amelia Hartley') ?? false);
    expect(followed).toBe(false);
    decided.click();
    await until(() => document.querySelector('caseload-panel')?.shadowRoot?.textContent?.includes('Year 10') ?? false);

    controller.abort();
    expect(document.querySelectorAll('caseload-badge, caseload-panel')).toHaveLength(0);
  });

  it('in two halves: badges first, a tap before the panel half arrives opens its panel when it does', async () => {
    // What happens on a granted page: overlay-early.ts starts the badging at document_start, overlay.ts attaches
    // the panel at document_end, after the page's first paint.
    document.body.innerHTML = '<p id="a">Amelia Hartley</p><p id="j">Jack Harris</p>';
    const { send, asked } = fakeBackground();
    const controller = new AbortController();
    const env = { doc: document, send, signal: controller.signal };
    const started = startBadges(env);
    const badger = await started;
    await until(() => document.querySelectorAll('#a caseload-badge').length === 1);
    document.querySelector('#a caseload-badge')!.shadowRoot!.querySelector('button')!.click();
    expect(document.querySelector('caseload-panel')).toBeNull();

    const overlay = await startOverlay(env, started);
    expect(overlay?.badges).toBe(badger?.badges);
    await until(() => document.querySelector('caseload-panel')?.shadowRoot?.textContent?.includes('Amelia Hartley') ?? false);
    // One scan, one set of badges, one question to the background for the caseload.
    expect(document.querySelectorAll('caseload-badge')).toHaveLength(1);
    expect(asked.filter((r) => r.type === 'page/caseload')).toHaveLength(1);
    controller.abort();
    expect(document.querySelectorAll('caseload-badge, caseload-panel')).toHaveLength(0);
  });

  it('badges names that arrive later (a list rendered by script)', async () => {
    document.body.innerHTML = '<ul id="list"></ul>';
    const { send } = fakeBackground();
    const controller = new AbortController();
    await startOverlay({ doc: document, send, signal: controller.signal });
    const li = document.createElement('li');
    li.textContent = 'Hartley, Amelia';
    document.getElementById('list')!.append(li);
    await until(() => document.querySelectorAll('#list caseload-badge').length === 1);
    // Inside the li, never as a stray child of the ul.
    expect([...document.getElementById('list')!.children].map((c) => c.localName)).toEqual(['li']);
    controller.abort();
  });

  it('starts from the fast copy without asking the background, then rescans if the background knows better', async () => {
    document.body.innerHTML = '<p id="a">Amelia Hartley</p><p id="j">Jack Harris</p>';
    const jack: PagePupil = { id: 'P9', firstName: 'Jack', lastName: 'Harris', senStatus: 'K' };
    const asked: Request[] = [];
    let answer!: (v: unknown) => void;
    const fresh = new Promise((r) => (answer = r));
    const send = async (m: unknown) => {
      asked.push(m as Request);
      return fresh;
    };
    const controller = new AbortController();
    const overlay = await startOverlay({
      doc: document,
      send,
      signal: controller.signal,
      cached: async () => ({ pupils: [pupils[0]!], selectors: {} }),
    });
    expect(overlay).toBeDefined();
    // Badged from the copy alone: nothing was asked before the first badge.
    await until(() => document.querySelectorAll('#a caseload-badge').length === 1);
    expect(asked.filter((r) => r.type === 'page/caseload')).toHaveLength(0);
    // Once idle the background is asked; its newer caseload (Jack added by a sync) is scanned for.
    await until(() => asked.some((r) => r.type === 'page/caseload'));
    answer({ ok: true, pupils: [pupils[0]!, jack] });
    await until(() => document.querySelectorAll('#j caseload-badge').length === 1);
    expect(document.querySelectorAll('#a caseload-badge')).toHaveLength(1);
    controller.abort();
  });

  it('keeps the same badge element for the same mention when the caseload is re-read (focus and an open panel stay put)', async () => {
    document.body.innerHTML = '<p id="a">Amelia Hartley</p><p id="j">Jack Harris</p>';
    const jack: PagePupil = { id: 'P9', firstName: 'Jack', lastName: 'Harris', senStatus: 'K' };
    let current = [pupils[0]!];
    const { send } = fakeBackground();
    const controller = new AbortController();
    const overlay = await startOverlay({
      doc: document,
      send: async (m) => ((m as Request).type === 'page/caseload' ? { ok: true, pupils: current, me: 'S1' } : send(m)),
      signal: controller.signal,
    });
    await until(() => document.querySelectorAll('#a caseload-badge').length === 1);
    const before = document.querySelector('#a caseload-badge')!;
    const button = before.shadowRoot!.querySelector('button')!;
    button.focus();
    button.click();
    await until(() => document.querySelector('caseload-panel') !== null);
    // A sync adds Jack: the page is rescanned for the new caseload while the panel is open.
    current = [pupils[0]!, jack];
    await overlay!.onTabRequest({ type: 'overlay/refresh' });
    await until(() => document.querySelectorAll('#j caseload-badge').length === 1);
    expect(document.querySelector('#a caseload-badge')).toBe(before);
    expect(document.querySelectorAll('#a caseload-badge')).toHaveLength(1);
    // Escape closes the panel and gives focus back to the badge it was opened from.
    const box = document.querySelector('caseload-panel')!.shadowRoot!.querySelector<HTMLElement>('.panel')!;
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await until(() => document.querySelector('caseload-panel') === null);
    expect(before.shadowRoot!.activeElement).toBe(button);
    controller.abort();
  });

  it('gives focus to the badge that replaced the one the panel came from when the page re-rendered the name', async () => {
    document.body.innerHTML = '<p id="a">Amelia Hartley is here today</p>';
    const { send } = fakeBackground();
    const controller = new AbortController();
    const overlay = await startOverlay({ doc: document, send, signal: controller.signal });
    await until(() => document.querySelectorAll('#a caseload-badge').length === 1);
    const first = document.querySelector('#a caseload-badge')!.shadowRoot!.querySelector('button')!;
    first.click();
    await until(() => document.querySelector('caseload-panel') !== null);
    // The page's script removes our badge (as a re-render would); the next scan badges the name again.
    document.querySelector('#a caseload-badge')!.remove();
    document.getElementById('a')!.append(document.createTextNode(' '));
    await until(() => overlay!.badges.size === 1 && document.querySelector('#a caseload-badge') !== null);
    const replacement = document.querySelector('#a caseload-badge')!;
    expect(replacement.shadowRoot!.querySelector('button')).not.toBe(first);
    const box = document.querySelector('caseload-panel')!.shadowRoot!.querySelector<HTMLElement>('.panel')!;
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await until(() => document.querySelector('caseload-panel') === null);
    expect(document.activeElement).toBe(replacement);
    controller.abort();
  });

  it('asks the background at once when there is no fast copy', async () => {
    document.body.innerHTML = '<p id="a">Amelia Hartley</p>';
    const { send, asked } = fakeBackground();
    const controller = new AbortController();
    await startOverlay({ doc: document, send, signal: controller.signal, cached: async () => undefined });
    await until(() => document.querySelectorAll('#a caseload-badge').length === 1);
    expect(asked.map((r) => r.type)).toEqual(['page/caseload']);
    controller.abort();
  });

  it('waits for the page to be parsed, and starts inside DOMContentLoaded once it reaches the window', async () => {
    const { whenParsed } = await import('../../extension/overlay/badger');
    const events: string[] = [];
    // DOMContentLoaded is fired at the document and bubbles to the window: here the two steps are dispatched by
    // hand. The page's own handlers on the document come first; the scan starts within the event (before any
    // task queued in it), so the badges are in the parsed page's first paint. The real order is checked in
    // Chromium by tests/e2e/extension-perf.e2e.test.ts.
    const win = new EventTarget();
    const fakeDoc = Object.assign(new EventTarget(), { readyState: 'loading', defaultView: win }) as unknown as Document;
    const done = whenParsed(fakeDoc).then(() => events.push('scan may start'));
    fakeDoc.addEventListener('DOMContentLoaded', () => {
      events.push('page handler');
      setTimeout(() => events.push('task queued in the event'), 0);
    });
    await Promise.resolve();
    expect(events).toEqual([]);
    fakeDoc.dispatchEvent(new Event('DOMContentLoaded'));
    await Promise.resolve();
    expect(events).toEqual(['page handler']);
    win.dispatchEvent(new Event('DOMContentLoaded'));
    await done;
    expect(events).toEqual(['page handler', 'scan may start']);
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(['page handler', 'scan may start', 'task queued in the event']);
  });

  it('starts at once on a page that is already parsed', async () => {
    const { whenParsed } = await import('../../extension/overlay/badger');
    const fakeDoc = Object.assign(new EventTarget(), { readyState: 'interactive', defaultView: new EventTarget() }) as unknown as Document;
    let started = false;
    void whenParsed(fakeDoc).then(() => (started = true));
    await Promise.resolve();
    expect(started).toBe(true);
  });

  it('does nothing when background cannot be reached', async () => {
    document.body.innerHTML = '<p>Amelia Hartley</p>';
    const overlay = await startOverlay({
      doc: document,
      send: async () => {
        throw new Error('Extension context invalidated');
      },
      signal: new AbortController().signal,
    });
    expect(overlay).toBeUndefined();
    expect(document.querySelectorAll('caseload-badge')).toHaveLength(0);
  });

  it('places badges where a sibling would break markup, and labels them', () => {
    document.body.innerHTML = '<table><tr><td id="cell">x</td></tr></table><p><span id="s">y</span></p>';
    const a = document.createElement('caseload-badge');
    placeBadge(document.getElementById('cell')!, a);
    expect(a.parentElement?.id).toBe('cell');
    const b = document.createElement('caseload-badge');
    placeBadge(document.getElementById('s')!, b);
    expect(b.previousElementSibling?.id).toBe('s');
    expect(badgeLabel(pupils.slice(1)).aria).toMatch(/2 pupils share this name/);
  });

  it('says the pupil’s SEN status on the badge, in text only: EHCP for E, SEN support for K', () => {
    expect(badgeLabel([pupils[0]!]).text).toBe('EHCP');
    expect(badgeLabel([pupils[1]!]).text).toBe('SEN support');
    expect(badgeLabel(pupils.slice(1)).text).toBe('SEN support ×2');
    expect(badgeLabel([pupils[0]!, pupils[1]!]).text).toBe('Caseload ×2');
    // The status is never in the aria label or title a page could read off the host.
    expect(badgeLabel([pupils[1]!]).aria).not.toMatch(/SEN|EHCP/);
  });
});
