// @vitest-environment happy-dom
// One badge per name mention, right after the name's own text; profile pages found without an adapter; same
// names settled by the row's class, year or UPN; and the badge layer kept exact across rescans and swaps.
import { afterEach, describe, expect, it } from 'vitest';
import { buildCaseloadIndex, pagePupilOf, type PupilMatch, scanForPupils, watchPage } from '../../../extension/detect';
import type { PagePupil } from '../../../extension/messages';
import { BadgeLayer } from '../../../extension/overlay/badges';

const PUPILS: PagePupil[] = [
  { id: 'P023', firstName: 'Amelia', lastName: 'Chen', year: '1', senStatus: 'E', className: '1W', misId: '4223', upn: 'Z999432123001' },
  { id: 'P008', firstName: 'Zoë', lastName: 'Okonkwo-Hart', year: '4', senStatus: 'E', className: '4H', misId: '4150' },
  { id: 'P016', firstName: 'Mia', lastName: 'Fernández', year: '7', senStatus: 'E', className: '7N', misId: '4216' },
  { id: 'P003', firstName: 'Leo', lastName: 'Harris', year: '3', senStatus: 'E', className: '3B', misId: '4115', upn: 'Z999432103003' },
  { id: 'P015', firstName: 'Leo', lastName: 'Harris', year: '9', senStatus: 'E', className: '9T', misId: '4215', upn: 'Z999432115015' },
];
const index = buildCaseloadIndex(PUPILS);
const byId = new Map(PUPILS.map((p) => [p.id, p]));

function load(html: string, url = '/people/list', title = ''): void {
  history.replaceState({}, '', url);
  document.title = title;
  document.body.innerHTML = html; // test-authored markup only
}
/** The text just before each match's end: what the badge will sit after. */
const _ends = (ms: PupilMatch[]) =>
  ms.map(
    (m) =>
      `${m
        .mention!.node.data.slice(0, m.mention!.end)
        .trim()
        .split(/\s{2,}/)
        .pop()}=${m.pupilIds.join('+')}`,
  );

afterEach(() => {
  document.body.innerHTML = '';
  document.title = '';
});

describe('mentions', () => {
  it('finds every name in a paragraph, each ending at its own last word', () => {
    load(
      '<p id="p">This week Amelia Chen read two chapters, Zoe Okonkwo-Hart joined the group. Mia Fernández\'s handwriting continues.</p>',
    );
    const ms = scanForPupils(document.body, index);
    expect(ms.map((m) => m.pupilIds.join())).toEqual(['P023', 'P008', 'P016']);
    const text = document.getElementById('p')!.textContent!;
    // The end offsets point just past "Chen", "Okonkwo-Hart" and "Fernández" (before the possessive).
    expect(ms.map((m) => text.slice(0, m.mention!.end).split(' ').pop())).toEqual(['Chen', 'Okonkwo-Hart', 'Fernández']);
  });

  it("ends a caption cell's name before the <br> and caption, and a header's before its id", () => {
    load(
      '<table><tr><td id="c">Amelia  Chen<br><span class="caption">Name</span></td></tr></table><h2 id="h">Zoë Okonkwo-Hart - 4150</h2>',
    );
    const ms = scanForPupils(document.body, index);
    expect(ms.map((m) => [m.mention!.node.data.slice(0, m.mention!.end), m.pupilIds.join()])).toEqual([
      ['Amelia  Chen', 'P023'],
      ['Zoë Okonkwo-Hart', 'P008'],
    ]);
  });
});

describe('profile pages without an adapter', () => {
  it('the main heading names one pupil: one match for them, on the heading; others keep theirs', () => {
    load(
      `<nav><a href="/p/4150">Okonkwo-Hart, Zoë</a></nav><h1 id="h">Zoë Okonkwo-Hart - 4150</h1>
       <table><tr><td>Zoë Okonkwo-Hart<br><span class="caption">Name</span></td></tr></table>
       <p>Works with Amelia Chen.</p>`,
      '/people/profile',
    );
    const ms = scanForPupils(document, index);
    expect(ms.map((m) => [m.element.id || m.element.localName, m.pupilIds.join()])).toEqual([
      ['h', 'P008'],
      ['p', 'P023'],
    ]);
    expect(pagePupilOf(document, index)?.via).toBe('heading');
  });

  it('a heading naming two pupils is not a profile page: everyone keeps their badge', () => {
    load('<h1>Amelia Chen and Zoë Okonkwo-Hart</h1><p>Amelia Chen</p>');
    expect(pagePupilOf(document, index)).toBeNull();
    expect(scanForPupils(document, index)).toHaveLength(3);
  });

  it('the title, or an id in the URL, names the pupil when no heading does', () => {
    load(
      '<h1>Student record</h1><div class="side">Mia Fernández</div><p>Mia Fernández</p>',
      '/people/view',
      'Mia Fernández – Student record',
    );
    expect(scanForPupils(document, index)).toHaveLength(1);
    expect(pagePupilOf(document, index)?.via).toBe('title');
    load('<h1>Student record</h1><div class="side">Mia Fernández</div><p>Mia Fernández</p>', '/people/view?pid=4216');
    expect(scanForPupils(document, index)).toHaveLength(1);
    expect(pagePupilOf(document, index)?.via).toBe('url');
  });

  it('a same-name heading is settled by the URL id, else by the year the page shows', () => {
    load('<h1>Leo Harris</h1><p>Year group: Year 9</p>', '/people/view?pid=4115');
    expect(scanForPupils(document, index).map((m) => m.pupilIds.join())).toEqual(['P003']);
    load('<h1>Leo Harris</h1><p>Year group: Year 9</p>', '/people/view');
    expect(scanForPupils(document, index).map((m) => [m.pupilIds.join(), m.decidedBy])).toEqual([['P015', 'year']]);
  });
});

describe('same names settled by their row', () => {
  it('by class, year column or UPN; asks when the row cannot tell', () => {
    load(`<table><thead><tr><th>Name</th><th>Year</th><th>Reg</th></tr></thead><tbody>
      <tr><td>Harris, Leo</td><td>9</td><td>—</td></tr>
      <tr><td>Harris, Leo</td><td>—</td><td>3B</td></tr>
      <tr><td>Harris, Leo</td><td>Z999432115015</td><td></td></tr>
      <tr><td>Harris, Leo</td><td>—</td><td>Maths</td></tr></tbody></table>
      <ul><li>Leo Harris (Y3)</li></ul><div class="pupil-card"><b>Leo Harris</b> Year 9</div>`);
    expect(scanForPupils(document.body, index).map((m) => [m.pupilIds.join('+'), m.decidedBy ?? '-'])).toEqual([
      ['P015', 'year'],
      ['P003', 'class'],
      ['P015', 'upn'],
      ['P003+P015', '-'],
      ['P003', 'year'],
      ['P015', 'year'],
    ]);
  });
});

describe('badge layer', () => {
  const openFor: string[] = [];
  const layer = () => new BadgeLayer(document, (pupils) => openFor.push(pupils.map((p) => p.id).join('+')));
  const sync = (l: BadgeLayer, root: ParentNode = document) =>
    l.sync(
      scanForPupils(root, index).map((match) => ({ match, pupils: match.pupilIds.map((id) => byId.get(id)!) })),
      [root],
    );
  /** Each badge with the text right before it. */
  const placed = () =>
    [...document.querySelectorAll('caseload-badge')].map((b) => {
      const before = b.previousSibling?.textContent ?? '';
      return `${before.trim().split(/\s+/).slice(-1)[0]}→${b.shadowRoot!.querySelector('button')!.getAttribute('aria-label')!.replace('Caseload: log for ', '')}`;
    });

  it('one badge right after each name; a rescan adds none; a name edited away loses its badge and the text is whole again', () => {
    load('<p id="p">Amelia Chen read, Zoe Okonkwo-Hart joined. Mia Fernández too.</p>');
    const l = layer();
    sync(l);
    expect(placed()).toEqual(['Chen→Amelia Chen', 'Okonkwo-Hart→Zoë Okonkwo-Hart', 'Fernández→Mia Fernández']);
    const p = document.getElementById('p')!;
    expect(p.textContent).toBe('Amelia Chen read, Zoe Okonkwo-Hart joined. Mia Fernández too.');
    sync(l);
    sync(l, p);
    expect(l.size).toBe(3);
    // Each badge opens its own pupil.
    for (const b of document.querySelectorAll('caseload-badge')) b.shadowRoot!.querySelector('button')!.click();
    expect(openFor.splice(0)).toEqual(['P023', 'P008', 'P016']);
    // The middle name is edited away: its badge goes, and the two text pieces either side are one node again.
    const zoeText = [...p.childNodes].find((n) => n.nodeType === 3 && (n as Text).data.includes('Okonkwo'))! as Text;
    zoeText.data = zoeText.data.replace('Zoe Okonkwo-Hart', 'A visitor');
    sync(l, p);
    expect(placed()).toEqual(['Chen→Amelia Chen', 'Fernández→Mia Fernández']);
    expect(p.textContent).toBe('Amelia Chen read, A visitor joined. Mia Fernández too.');
  });

  it('caption cells and headers with ids: the badge sits before the <br> / the id', () => {
    load('<table><tr><td id="c">Amelia Chen<br><span class="caption">Name</span></td></tr></table><h3 id="h">Zoë Okonkwo-Hart - 4150</h3>');
    sync(layer());
    expect(document.querySelector('#c caseload-badge')!.nextElementSibling!.localName).toBe('br');
    const h = document.getElementById('h')!;
    expect([...h.childNodes].map((n) => (n.nodeType === 3 ? (n as Text).data : (n as Element).localName))).toEqual([
      'Zoë Okonkwo-Hart',
      'caseload-badge',
      ' - 4150',
    ]);
  });

  it('a name inside a link gets its badge after the link, not inside it', () => {
    load('<table><tr><td id="c"><a href="/p/1">Amelia Chen</a></td></tr></table>');
    sync(layer());
    expect(document.querySelector('#c caseload-badge')!.previousElementSibling!.localName).toBe('a');
  });

  it('through the live watcher, an AJAX swap of the content keeps exactly one badge per mention', async () => {
    load('<div id="content-wrap"><p>Amelia Chen and Mia Fernández</p></div>');
    const l = layer();
    const controller = new AbortController();
    let batches = 0;
    watchPage(
      document,
      index,
      (matches, scope) => {
        batches++;
        l.sync(
          matches.map((match) => ({ match, pupils: match.pupilIds.map((id) => byId.get(id)!) })),
          scope.roots,
        );
      },
      controller.signal,
      { urlPollMs: 0, schedule: (run) => setTimeout(run, 0) },
    );
    const settle = async () => {
      for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 5));
    };
    await settle();
    expect(placed()).toEqual(['Chen→Amelia Chen', 'Fernández→Mia Fernández']);
    // The MIS swaps the content (htmx-style outerHTML) for another list.
    document.getElementById('content-wrap')!.outerHTML =
      '<div id="content-wrap"><p>Zoë Okonkwo-Hart</p><ul><li>Leo Harris, 3B</li></ul></div>';
    await settle();
    expect(placed()).toEqual(['Okonkwo-Hart→Zoë Okonkwo-Hart', 'Harris→Leo Harris']);
    expect(l.size).toBe(2);
    expect(batches).toBeGreaterThan(1);
    controller.abort();
  });
});
