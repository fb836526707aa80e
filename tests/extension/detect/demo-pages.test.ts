// The whole detector (adapter fast path + generic pass) on every demo MIS page, with the demo caseload: every
// caseload pupil shown is found, no classmate is, and names in fields, scripts and attributes are left alone.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CASELOAD, DEMO_OTHERS } from '../../../demo/mis/pupils';
import { registerRows } from '../../../demo/mis/register';
import { DEMO_HOSTS, DEMO_PROFILE_PUPILS, DEMO_ROUTES, findDemoRoute } from '../../../demo/mis/routes';
import { buildCaseloadIndex, type PupilMatch, scanForPupils } from '../../../extension/detect';
import { adapterFor } from '../../../extension/sites';
import { loadDemoPage, loadFixture, loadHtml } from '../sites/load-page';

const index = buildCaseloadIndex(DEMO_CASELOAD);
const otherIds = new Set(DEMO_OTHERS.map((p) => p.id));

function scanDemo(path: string, host: string): { matches: PupilMatch[]; document: Document } {
  const url = `http://${host}:4173${path}`;
  const { document, url: u } = loadDemoPage(url);
  const adapter = adapterFor(u);
  return { matches: scanForPupils(document, index, { ...(adapter ? { adapter } : {}), url: u }), document };
}
const summary = (ms: PupilMatch[]) => ms.map((m) => `${m.pupilIds.join('+')}:${m.via}`);

describe('demo routes', () => {
  it('serves every route from an existing file or a renderer, and finds each by its example URL', () => {
    for (const r of DEMO_ROUTES) {
      if (r.file) expect(existsSync(join(import.meta.dirname, '../../../demo/mis', r.file)), r.file).toBe(true);
      else expect(r.render).toBeTypeOf('function');
      expect(findDemoRoute(new URL(`http://${r.host}:9${r.example}`))).toBe(r);
    }
  });
});

describe('one badge per pupil on a profile page', () => {
  // Every static profile page (plus Arbor's, which arbor.js renders: a saved render of the same page), the pupil
  // it is about, and the other caseload pupils it mentions.
  const profiles = [
    ...DEMO_ROUTES.filter((r) => r.site in DEMO_PROFILE_PUPILS && r.file?.endsWith('.html')).map((r) => ({
      site: r.site,
      load: () => loadDemoPage(`http://${r.host}:4173${r.example}`),
      pupil: DEMO_PROFILE_PUPILS[r.site as keyof typeof DEMO_PROFILE_PUPILS],
    })),
    {
      site: 'arbor',
      load: () => loadFixture('arbor-student-profile.html', `http://${DEMO_HOSTS.arbor}/?/students/profile-ui/dashboard/student-id/4150`),
      pupil: 'P008',
    },
  ]
    .map((p) => {
      const { document, url } = p.load();
      const adapter = adapterFor(url)!;
      return { ...p, document, url, adapter, matches: scanForPupils(document, index, { adapter, url }) };
    })
    // Profile pages only: a list page has no current pupil.
    .filter((p) => p.adapter.currentPupil?.(p.document, p.url)?.nameElement);

  it('covers a profile page of every adapter', () => {
    expect(profiles.map((p) => p.site).sort()).toEqual(['arbor', 'bromcom', 'gibbon', 'scholarpack', 'sims']);
  });

  it.each(profiles.map((p) => [p.site, p] as const))('%s: the page pupil is badged once, at the header', (_site, p) => {
    const header = p.adapter.currentPupil!(p.document, p.url)!.nameElement!;
    const ofPupil = p.matches.filter((m) => m.pupilIds.includes(p.pupil));
    expect(ofPupil.map((m) => [m.element === header, m.pupilIds.join('+'), m.via])).toEqual([[true, p.pupil, 'adapter']]);
  });

  it('other pupils on a profile page keep their badges: siblings, classmates, a tutor note', () => {
    const others = Object.fromEntries(
      profiles.map((p) => [p.site, p.matches.filter((m) => !m.pupilIds.includes(p.pupil)).map((m) => m.pupilIds.join('+'))]),
    );
    expect(others).toEqual({ arbor: [], bromcom: ['P011'], gibbon: ['P016'], scholarpack: ['P010', 'P011'], sims: [] });
  });

  it('a subtree scanned on its own (rows an SPA adds under the header) does not badge the page pupil again', () => {
    const p = profiles.find((x) => x.site === 'arbor')!;
    const identity = p.document.querySelector('.profile-section')!;
    // On a page about no one pupil (pagePupil: null) the same table names Zoë twice: her legal name and her UPN,
    // one row each. (This document's own h1 names Zoë, so the generic reading would make it her page.)
    const listUrl = new URL(`http://${DEMO_HOSTS.arbor}/?/students/list`);
    expect(summary(scanForPupils(identity, index, { adapter: p.adapter, url: listUrl, pagePupil: null }))).toEqual([
      'P008:name',
      'P008:upn',
    ]);
    expect(scanForPupils(identity, index, { adapter: p.adapter, url: listUrl })).toEqual([]);
    expect(scanForPupils(identity, index, { adapter: p.adapter, url: p.url })).toEqual([]);
  });

  it('a same-name match that could be someone else is kept; so is everything when the header names nobody', () => {
    const { document, url } = loadHtml(
      `<h1 data-testid="student-name">Leo Harris</h1><p>Leo Harris (the other one) and Zoë Okonkwo-Hart</p>`,
      `http://${DEMO_HOSTS.arbor}/?/students/profile-ui/dashboard/student-id/4115`,
    );
    const adapter = adapterFor(url)!;
    // The URL's id settles the header as P003; "Leo Harris" in the text could be P003 or P015: not dropped.
    expect(summary(scanForPupils(document, index, { adapter, url }))).toEqual(['P003:adapter', 'P003+P015:name', 'P008:name']);
    // A pupil not on the caseload: the header matches nobody, so nothing is dropped.
    const other = loadHtml(
      `<h1 data-testid="student-name">Jack Harris</h1><p>Zoë Okonkwo-Hart</p>`,
      `http://${DEMO_HOSTS.arbor}/?/students/profile-ui/dashboard/student-id/2002`,
    );
    expect(summary(scanForPupils(other.document, index, { adapter, url: other.url }))).toEqual(['P008:name']);
  });
});

describe('detector on the demo MIS pages', () => {
  it('Bromcom list: every caseload row by adapter, the same-name pupils told apart by their rows, classmates never', () => {
    const { matches } = scanDemo('/Nucleus/UI/Areas/People/StudentList.aspx', DEMO_HOSTS.bromcom);
    // The two Leo Harris rows show Year 3 / 3B and Year 9 / 9T: each row decides its own Leo.
    expect(summary(matches)).toEqual([
      'P014:adapter',
      'P004:adapter',
      'P003:adapter',
      'P024:adapter',
      'P017:adapter',
      'P009:adapter',
      'P028:adapter',
      'P008:adapter',
      'P019:adapter',
      'P015:adapter',
    ]);
  });

  it('Bromcom details: the header is the page pupil by StudentIDs (its UPN cell is not badged again); the sibling link is found too', () => {
    const { matches } = scanDemo('/Nucleus/UI/Areas/People/StudentDetails.aspx?StudentIDs=4164#Profile', DEMO_HOSTS.bromcom);
    expect(matches[0]).toMatchObject({ pupilIds: ['P010'], via: 'adapter' });
    expect(matches[0]!.element.id).toBe('ctl00_MainContent_ucStudentHeader_lblStudentName');
    expect(summary(matches)).toEqual(['P010:adapter', 'P011:adapter']);
    // The photo's alt text names Kai too: attributes are never read.
    expect(matches.every((m) => m.element.localName !== 'img')).toBe(true);
  });

  it('Gibbon profile: zero-padded gibbonPersonID resolves the breadcrumb; tutor notes found by name', () => {
    const { matches } = scanDemo('/index.php?q=/modules/Students/student_view_details.php&gibbonPersonID=0000004213', DEMO_HOSTS.gibbon);
    // Breadcrumb by adapter (the "Official Name" cell names him again: no second badge); the tutor note's
    // Mia Fernández by name.
    expect(summary(matches)).toEqual(['P017:adapter', 'P016:name']);
  });

  it('SIMS record and ScholarPack support page find their pupil first', () => {
    // SIMS: the legal name ("OKONKWO-HART Zoë") and UPN rows name Zoë again; the header carries her one badge.
    expect(summary(scanDemo('/students/4150/summary', DEMO_HOSTS.sims).matches)).toEqual(['P008:adapter']);
    const sp = scanDemo('/students/4262/support', DEMO_HOSTS.scholarpack).matches;
    // ScholarPack: Riley's header, then the two classmates in "Others in 5K".
    expect(summary(sp)).toEqual(['P024:adapter', 'P010:adapter', 'P011:adapter']);
    expect(sp.flatMap((m) => m.pupilIds).some((id) => otherIds.has(id))).toBe(false);
  });

  it('generic page: prose and table forms found; inputs, select, textarea, script, editable, noscript and attributes not', () => {
    const { matches } = scanDemo('/learning-support/notes', DEMO_HOSTS.school);
    const found = matches.map((m) => [m.element.localName, m.pupilIds.join('+'), m.via]);
    expect(found).toEqual([
      ['p', 'P023', 'name'], // Amelia Chen in prose
      ['p', 'P008', 'name'], // "Zoe Okonkwo-Hart" without the diaeresis
      ['p', 'P016', 'name'], // Mia Fernández's
      ['p', 'P003+P015', 'name'], // Leo Harris: both, never a guess (the row has no class or year to decide)
      ['p', 'P003+P015', 'name'], // "which Leo Harris": a second mention, its own badge
      ['td', 'P009', 'name'], // Parker, Lily-Mae
      ['td', 'P014', 'name'], // <b>DOYLE</b> Harvey
      ['td', 'P019', 'name'], // BEGUM Fatima
      ['td', 'P017', 'name'], // L. Kowalczyk (Łukasz: Ł folds to L)
      ['td', 'P024', 'upn'], // a UPN on a row naming nobody on the caseload
    ]);
  });

  it('hostile page: names next to markup-looking text are found, and the page is left exactly as it was', () => {
    const { matches, document } = scanDemo('/hostile', DEMO_HOSTS.school);
    const before = document.documentElement.outerHTML;
    expect(matches.map((m) => m.element.id || m.element.localName)).toEqual(['h1', 'h2', 'a', 'h5', 'h6']);
    expect(document.documentElement.outerHTML).toBe(before);
    expect(document.documentElement.dataset.pwned).toBeUndefined();
    expect(document.querySelector('#h1 img, #h2 script')).toBeNull();
  });

  it('register: all 30 caseload pupils among 2,000 rows, and nobody else', () => {
    const rows = registerRows();
    const { matches } = scanDemo('/register', DEMO_HOSTS.school);
    const expected = rows
      .filter((r) => r.caseloadId)
      .map((r) => (r.caseloadId === 'P003' || r.caseloadId === 'P015' ? 'P003+P015' : r.caseloadId));
    expect(rows).toHaveLength(2000);
    expect(matches.map((m) => m.pupilIds.join('+'))).toEqual(expected);
    expect(new Set(matches.flatMap((m) => m.pupilIds)).size).toBe(30);
  });
});
