// @vitest-environment happy-dom
// The live watcher: one full scan, then only changes (added rows, changed text), each batch reporting every
// match under the roots it rescanned (the badge layer keeps one badge per mention and drops stale ones), SPA
// navigation rescans (adapters read the pupil from the URL), and nothing after abort.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCaseloadIndex, type PupilMatch, type ScanScope, watchPage } from '../../../extension/detect';
import type { SiteAdapter } from '../../../extension/sites/types';

const index = buildCaseloadIndex([
  { id: 'P001', firstName: 'Amelia', lastName: 'Hartley', misId: '1001' },
  { id: 'P002', firstName: 'Zoë', lastName: 'Brennan', misId: '1002' },
  { id: 'P003', firstName: 'Oliver', lastName: 'Chukwu', misId: '1003' },
]);

// Work is deferred through this queue so each test decides when a batch runs.
let queue: Array<() => void> = [];
const schedule = (run: () => void) => queue.push(run);
async function settle(): Promise<void> {
  await Promise.resolve(); // MutationObserver callbacks are microtasks
  await new Promise((r) => setTimeout(r, 0));
  const jobs = queue;
  queue = [];
  for (const job of jobs) job();
}

let controller: AbortController;
let batches: PupilMatch[][];
let scopes: ScanScope[];
/** Batches that found someone (a full scan of a page naming nobody is reported too, empty, to clear stale badges). */
const ids = () => batches.filter((b) => b.length > 0).map((b) => b.map((m) => `${m.pupilIds.join('+')}:${m.via}`));
const record = (m: PupilMatch[], scope: ScanScope) => {
  batches.push(m);
  scopes.push(scope);
};

function start(opts: Parameters<typeof watchPage>[4] = {}) {
  watchPage(document, index, record, controller.signal, { schedule, urlPollMs: 0, ...opts });
}

beforeEach(() => {
  document.body.innerHTML = '<table><tbody id="rows"><tr><td>Hartley, Amelia</td></tr></tbody></table>';
  history.replaceState({}, '', '/list');
  controller = new AbortController();
  batches = [];
  scopes = [];
  queue = [];
});
afterEach(() => controller.abort());

describe('watchPage', () => {
  it('reports the first scan at once', () => {
    start();
    expect(ids()).toEqual([['P001:name']]);
  });

  it('finds rows added later, in one batch that rescans only the new rows', async () => {
    start();
    const rows = document.getElementById('rows')!;
    for (const name of ['Zoë Brennan', 'Jack Hartley', 'Oliver Chukwu']) {
      const tr = document.createElement('tr');
      tr.innerHTML = '<td></td>';
      tr.firstElementChild!.textContent = name;
      rows.append(tr);
    }
    await settle();
    expect(ids()).toEqual([['P001:name'], ['P002:name', 'P003:name']]);
    expect(scopes.map((s) => [s.full, s.roots.length])).toEqual([
      [true, 1],
      [false, 3],
    ]);
    // A re-render that moves a row rescans that row alone: its match again, scoped to it (no duplicate badge,
    // because the badge layer finds the badge already after the name).
    const moved = rows.firstElementChild!;
    rows.append(moved);
    await settle();
    expect(ids()).toEqual([['P001:name'], ['P002:name', 'P003:name'], ['P001:name']]);
    expect(scopes[2]!.roots).toEqual([moved]);
  });

  it('finds a name typed into existing text (characterData) and completed across inline elements', async () => {
    document.body.innerHTML = '<p id="p"><b id="b">BRENNAN</b> <span id="s">Z</span></p>';
    start();
    expect(ids()).toEqual([]);
    (document.getElementById('s')!.firstChild as Text).data = 'Zoë';
    await settle();
    expect(ids()).toEqual([['P002:name']]);
    expect(batches.at(-1)![0]!.element.id).toBe('p');
    // The badge goes after "Zoë", the name's last word, not after the paragraph.
    expect(batches.at(-1)![0]!.mention).toMatchObject({ node: document.getElementById('s')!.firstChild, end: 3 });
  });

  it('reports an element again when its text comes to name a different pupil', async () => {
    document.body.innerHTML = '<h1 id="h">Amelia Hartley</h1>';
    start();
    document.getElementById('h')!.textContent = 'Oliver Chukwu';
    await settle();
    expect(ids()).toEqual([['P001:name'], ['P003:name']]);
  });

  it("ignores our own badges and the caller's UI when they are added", async () => {
    start({ ignore: (el) => el.classList.contains('our-panel') });
    const badge = document.createElement('caseload-badge');
    badge.textContent = 'Zoë Brennan';
    document.body.append(badge);
    const panel = document.createElement('div');
    panel.className = 'our-panel';
    panel.textContent = 'Oliver Chukwu';
    document.body.append(panel);
    await settle();
    expect(ids()).toEqual([['P001:name']]);
  });

  it('rescans on SPA navigation (pushState) so URL-based adapters see the new pupil', async () => {
    document.body.innerHTML = '<h1 class="name">Profile</h1>';
    const adapter: SiteAdapter = {
      id: 'arbor',
      name: 'Test',
      hostPatterns: [],
      matches: () => true,
      currentPupil: (doc, url) => {
        const misId = /student-id\/(\d+)/.exec(url.search)?.[1];
        return misId ? { misId, nameElement: doc.querySelector('h1.name') ?? undefined } : undefined;
      },
    };
    start({ adapter });
    expect(ids()).toEqual([]);
    // The SPA pushes a route; nothing in the DOM changes (no mutation to notice), so the URL poll must.
    controller.abort();
    controller = new AbortController();
    batches = [];
    watchPage(document, index, record, controller.signal, { schedule, urlPollMs: 5, adapter });
    history.pushState({}, '', '/?/students/profile-ui/dashboard/student-id/1002');
    await new Promise((r) => setTimeout(r, 30));
    await settle();
    expect(ids()).toEqual([['P002:adapter']]);
    // Navigating to another student through popstate.
    history.pushState({}, '', '/?/students/profile-ui/dashboard/student-id/1003');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();
    expect(ids()).toEqual([['P002:adapter'], ['P003:adapter']]);
  });

  it('reports nothing after the signal aborts', async () => {
    start();
    controller.abort();
    const p = document.createElement('p');
    p.textContent = 'Zoë Brennan';
    document.body.append(p);
    await settle();
    expect(ids()).toEqual([['P001:name']]);
  });

  it('does nothing when started with an aborted signal', () => {
    controller.abort();
    start();
    expect(batches).toEqual([]);
  });
});
