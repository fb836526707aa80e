// @vitest-environment happy-dom
// The content script's feature end to end inside one document: caseload from a (fake) background, the real
// detector, badges placed without breaking the page's markup, the panel opened from a badge.
import { afterEach, describe, expect, it } from 'vitest';
import { badgeLabel, placeBadge } from '../../extension/overlay/badges';
import { startOverlay } from '../../extension/overlay/app';
import type { PagePupil, Request } from '../../extension/messages';

const pupils: PagePupil[] = [
  { id: 'P1', firstName: 'Amelia', lastName: 'Hartley', year: '7', className: '7HN' },
  { id: 'P5', firstName: 'Mohammed', lastName: 'Rahman', year: '8', className: '8RB' },
  { id: 'P6', firstName: 'Mohammed', lastName: 'Rahman', year: '10', className: '10LW' },
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
        <tr><td id="b">Rahman, Mohammed</td><td>8RB</td></tr>
        <tr><td id="c">Jack Harris</td><td>3B</td></tr>
      </tbody></table>`;
    const { send } = fakeBackground();
    const controller = new AbortController();
    const overlay = await startOverlay({ doc: document, send, signal: controller.signal, now: () => 0 });
    expect(overlay).toBeDefined();
    await until(() => document.querySelectorAll('caseload-badge').length === 2);

    // Every row still has exactly its two cells; badges live inside cells or after inline links.
    for (const tr of document.querySelectorAll('tr')) expect([...tr.children].map((c) => c.localName)).toEqual(['td', 'td']);
    const amelia = document.querySelector('#a caseload-badge')!;
    expect(amelia.previousElementSibling?.localName).toBe('a');
    const button = amelia.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).toBe('Caseload: log for Amelia Hartley');
    const rahman = document.querySelector('#b caseload-badge')!.shadowRoot!.querySelector('button')!;
    expect(rahman.hasAttribute('data-ambiguous')).toBe(true);
    expect(document.querySelector('#c caseload-badge')).toBeNull();

    // A tap opens the panel for that pupil; the page's link is not followed.
    let followed = false;
    document.querySelector('#a a')!.addEventListener('click', () => (followed = true));
    button.click();
    await until(() => document.querySelector('caseload-panel')?.shadowRoot?.textContent?.includes('Amelia Hartley') ?? false);
    expect(followed).toBe(false);

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
});
