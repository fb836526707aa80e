// The whole detector (adapter fast path + generic pass) on every demo MIS page, with the demo caseload: every
// caseload pupil shown is found, no classmate is, and names in fields, scripts and attributes are left alone.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CASELOAD, DEMO_OTHERS } from '../../../demo/mis/pupils';
import { registerRows } from '../../../demo/mis/register';
import { DEMO_HOSTS, DEMO_ROUTES, findDemoRoute } from '../../../demo/mis/routes';
import { buildCaseloadIndex, type PupilMatch, scanForPupils } from '../../../extension/detect';
import { adapterFor } from '../../../extension/sites';
import { loadDemoPage } from '../sites/load-page';

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

describe('detector on the demo MIS pages', () => {
  it('Bromcom list: every caseload row by adapter, the same-name pupil as both, classmates never', () => {
    const { matches } = scanDemo('/Nucleus/UI/Areas/People/StudentList.aspx', DEMO_HOSTS.bromcom);
    expect(summary(matches)).toEqual([
      'P014:adapter', 'P004:adapter', 'P003+P015:adapter', 'P024:adapter', 'P017:adapter', 'P009:adapter',
      'P028:adapter', 'P008:adapter', 'P019:adapter', 'P003+P015:adapter',
    ]);
  });

  it('Bromcom details: the header is the page pupil by StudentIDs; the sibling link is found too', () => {
    const { matches } = scanDemo('/Nucleus/UI/Areas/People/StudentDetails.aspx?StudentIDs=4164#Profile', DEMO_HOSTS.bromcom);
    expect(matches[0]).toMatchObject({ pupilIds: ['P010'], via: 'adapter' });
    expect(matches[0]!.element.id).toBe('ctl00_MainContent_ucStudentHeader_lblStudentName');
    expect(summary(matches)).toContain('P011:adapter');
    // The photo's alt text names Kai too: attributes are never read.
    expect(matches.every((m) => m.element.localName !== 'img')).toBe(true);
  });

  it('Gibbon profile: zero-padded gibbonPersonID resolves the breadcrumb; tutor notes found by name', () => {
    const { matches } = scanDemo('/index.php?q=/modules/Students/student_view_details.php&gibbonPersonID=0000004213', DEMO_HOSTS.gibbon);
    // Breadcrumb by adapter; "Łukasz Kowalczyk" (official name) and the tutor note's Mia Fernández by name.
    expect(summary(matches)).toEqual(['P017:adapter', 'P017:name', 'P016:name']);
  });

  it('SIMS record and ScholarPack support page find their pupil first', () => {
    expect(summary(scanDemo('/students/4150/summary', DEMO_HOSTS.sims).matches)[0]).toBe('P008:adapter');
    const sp = scanDemo('/students/4262/support', DEMO_HOSTS.scholarpack).matches;
    expect(summary(sp)[0]).toBe('P024:adapter');
    expect(sp.flatMap((m) => m.pupilIds).some((id) => otherIds.has(id))).toBe(false);
  });

  it('generic page: prose and table forms found; inputs, select, textarea, script, editable, noscript and attributes not', () => {
    const { matches } = scanDemo('/learning-support/notes', DEMO_HOSTS.school);
    const found = matches.map((m) => [m.element.localName, m.pupilIds.join('+'), m.via]);
    expect(found).toEqual([
      ['p', 'P023', 'name'], // Amelia Chen in prose
      ['p', 'P008', 'name'], // "Zoe Okonkwo-Hart" without the diaeresis
      ['p', 'P016', 'name'], // Mia Fernández's
      ['p', 'P003+P015', 'name'], // Leo Harris: both, never a guess
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
    const expected = rows.filter((r) => r.caseloadId).map((r) => (r.caseloadId === 'P003' || r.caseloadId === 'P015' ? 'P003+P015' : r.caseloadId));
    expect(rows).toHaveLength(2000);
    expect(matches.map((m) => m.pupilIds.join('+'))).toEqual(expected);
    expect(new Set(matches.flatMap((m) => m.pupilIds)).size).toBe(30);
  });
});
