// Each site adapter against its product's pages: which URLs it claims, who a profile page is about, and which
// elements on list pages hold pupil names. Pages are the demo MIS pages (as served by routes.ts) and saved
// renders of the Arbor SPA.
import { describe, expect, it } from 'vitest';
import { DEMO_HOSTS } from '../../../demo/mis/routes';
import { ADAPTERS, adapterFor } from '../../../extension/sites';
import { arbor, arborRoute } from '../../../extension/sites/arbor';
import { bromcom } from '../../../extension/sites/bromcom';
import { gibbon } from '../../../extension/sites/gibbon';
import { scholarpack } from '../../../extension/sites/scholarpack';
import { sims } from '../../../extension/sites/sims';
import { loadDemoPage, loadFixture } from './load-page';

const texts = (els: Element[]) => els.map((e) => e.textContent!.trim());

describe('adapterFor and the registry', () => {
  it.each([
    ['https://northgate.uk.arbor.sc/?/students/list', 'arbor'],
    ['http://demo.uk.arbor.sc:5173/?/students/profile-ui/dashboard/student-id/12', 'arbor'],
    ['https://cloudmis.bromcom.com/Nucleus/UI/Areas/People/StudentList.aspx', 'bromcom'],
    ['https://CLOUDMIS.BROMCOM.COM/nucleus/ui/areas/people/studentdetails.aspx?studentids=5', 'bromcom'],
    ['https://northgate.sims.co.uk/students/4150/summary', 'sims'],
    ['https://northgate.scholarpack.com/students/4262/support', 'scholarpack'],
    ['https://gibbon.school.example/index.php?q=/modules/Students/student_view.php', 'gibbon'],
    ['http://demo.gibbon.test:8080/?q=/modules/Individual Needs/in_view.php', 'gibbon'],
  ])('%s → %s', (url, id) => {
    expect(adapterFor(new URL(url))?.id).toBe(id);
  });

  it.each([
    'https://arbor.sc.evil.example/?/students/student-id/1',
    'https://example.com/?/students/profile-ui/dashboard/student-id/1',
    'https://www.bromcom.com/about-us',
    'https://notbromcom.com/Nucleus/UI/x.aspx',
    'https://sims.co.uk.example.org/students/1',
    'https://example.com/index.php?q=/blog/2024',
    'https://example.com/modules/Students/student_view.php',
  ])('claims nothing for %s', (url) => {
    expect(adapterFor(new URL(url))).toBeUndefined();
  });

  it('has one adapter per product, each with a name, and host patterns in match-pattern form', () => {
    expect(ADAPTERS.map((a) => a.id)).toEqual(['arbor', 'bromcom', 'sims', 'scholarpack', 'gibbon']);
    for (const a of ADAPTERS) {
      expect(a.name).not.toBe('');
      for (const p of a.hostPatterns) expect(p).toMatch(/^\*:\/\/\*\.[a-z.]+\/\*$/);
    }
  });

  it('matches the demo server hosts', () => {
    expect(adapterFor(new URL(`http://${DEMO_HOSTS.arbor}:4000/?/students/list`))?.id).toBe('arbor');
    expect(adapterFor(new URL(`http://${DEMO_HOSTS.sims}:4000/students`))?.id).toBe('sims');
    expect(adapterFor(new URL(`http://${DEMO_HOSTS.scholarpack}:4000/students/4262/support`))?.id).toBe('scholarpack');
  });
});

describe('Arbor', () => {
  it('reads the route only after "?/"', () => {
    expect(arborRoute(new URL('https://s.uk.arbor.sc/?/guardians/home-ui/dashboard'))).toBe('/guardians/home-ui/dashboard');
    expect(arborRoute(new URL('https://s.uk.arbor.sc/?/students/student-id/5?tab=sen'))).toBe('/students/student-id/5');
    expect(arborRoute(new URL('https://s.uk.arbor.sc/?page=2'))).toBeUndefined();
    expect(arborRoute(new URL('https://s.uk.arbor.sc/students/student-id/5'))).toBeUndefined();
  });

  it('finds the student of a profile route and their name heading', () => {
    const url = 'https://demo.uk.arbor.sc/?/students/profile-ui/dashboard/student-id/4150';
    const { document, url: u } = loadFixture('arbor-student-profile.html', url);
    const current = arbor.currentPupil!(document, u);
    expect(current?.misId).toBe('4150');
    expect(current?.nameElement?.textContent).toBe('Zoë Okonkwo-Hart');
  });

  it('finds no current student for a query that is not a route, or a route without a student', () => {
    const { document } = loadFixture('arbor-student-profile.html', 'https://demo.uk.arbor.sc/');
    expect(arbor.currentPupil!(document, new URL('https://demo.uk.arbor.sc/?page=2&student-id/4150'))).toBeUndefined();
    expect(arbor.currentPupil!(document, new URL('https://demo.uk.arbor.sc/?/students/list'))).toBeUndefined();
    expect(arbor.currentPupil!(document, new URL('https://demo.uk.arbor.sc/?/students/not-student-id/4150'))).toBeUndefined();
  });

  it('lists student links on the student list, and nothing else', () => {
    const { document } = loadFixture('arbor-student-list.html', 'https://demo.uk.arbor.sc/?/students/list');
    const names = texts(arbor.nameElements!(document));
    expect(names).toHaveLength(13);
    expect(names[0]).toBe('Alfie Brennan');
    expect(names).not.toContain('Students');
  });
});

describe('Bromcom', () => {
  const host = `https://${DEMO_HOSTS.bromcom}/Nucleus/UI/Areas/People`;

  it('names the student of StudentDetails.aspx from StudentIDs and the header label', () => {
    const { document, url } = loadDemoPage(`${host}/StudentDetails.aspx?StudentIDs=4164#Profile`);
    const current = bromcom.currentPupil!(document, url);
    expect(current?.misId).toBe('4164');
    expect(current?.nameElement?.id).toBe('ctl00_MainContent_ucStudentHeader_lblStudentName');
    expect(current?.nameElement?.textContent).toBe('Kai Thompson');
  });

  it('has no single current student for several StudentIDs or on the list', () => {
    const { document } = loadDemoPage(`${host}/StudentDetails.aspx?StudentIDs=4164`);
    expect(bromcom.currentPupil!(document, new URL(`${host}/StudentDetails.aspx?StudentIDs=4164,4101`))).toBeUndefined();
    expect(bromcom.currentPupil!(document, new URL(`${host}/StudentList.aspx`))).toBeUndefined();
  });

  it('lists the grid name cells (not the search box or view state)', () => {
    const { document } = loadDemoPage(`${host}/StudentList.aspx`);
    const names = texts(bromcom.nameElements!(document));
    expect(names).toHaveLength(12);
    expect(names.slice(0, 3)).toEqual(['Doyle, Harvey', 'Clarke, Maisie-Rose', 'Turner, Sophie']);
  });
});

describe('SIMS', () => {
  it('reads the student id from the record path and the banner name', () => {
    const { document, url } = loadDemoPage(`https://${DEMO_HOSTS.sims}/students/4150/summary`);
    const current = sims.currentPupil!(document, url);
    expect(current).toMatchObject({ misId: '4150' });
    expect(current?.nameElement?.textContent).toBe('Zoë Okonkwo-Hart');
  });

  it('reads hash-routed records too, and nothing from the search page', () => {
    const { document } = loadDemoPage(`https://${DEMO_HOSTS.sims}/students`);
    expect(sims.currentPupil!(document, new URL('https://x.sims.co.uk/#/students/77/summary'))?.misId).toBe('77');
    expect(sims.currentPupil!(document, new URL('https://x.sims.co.uk/students'))).toBeUndefined();
    expect(texts(sims.nameElements!(document))).toHaveLength(11);
  });
});

describe('ScholarPack', () => {
  it('reads the student of Profile › Support and the class list links', () => {
    const { document, url } = loadDemoPage(`https://${DEMO_HOSTS.scholarpack}/students/4262/support`);
    const current = scholarpack.currentPupil!(document, url);
    expect(current?.misId).toBe('4262');
    expect(current?.nameElement?.textContent).toBe("Riley O'Neill");
    const names = texts(scholarpack.nameElements!(document));
    // Tabs link to the same student's pages ("Profile", "Support"): they are links, but not names.
    expect(names).toEqual(expect.arrayContaining(['Kai Thompson', 'Aoife Gallagher']));
  });

  it('accepts the older ?student_id= form and rejects non-numeric ids', () => {
    const { document } = loadDemoPage(`https://${DEMO_HOSTS.scholarpack}/students/4262/support`);
    expect(scholarpack.currentPupil!(document, new URL('https://a.scholarpack.com/profile?student_id=42'))?.misId).toBe('42');
    expect(scholarpack.currentPupil!(document, new URL('https://a.scholarpack.com/profile?student_id=abc'))).toBeUndefined();
  });
});

describe('Gibbon', () => {
  const base = `http://${DEMO_HOSTS.gibbon}/index.php?q=/modules/Students/`;

  it('reads gibbonPersonID on the profile page and the breadcrumb name', () => {
    const { document, url } = loadDemoPage(`${base}student_view_details.php&gibbonPersonID=0000004213`);
    const current = gibbon.currentPupil!(document, url);
    expect(current?.misId).toBe('0000004213');
    expect(current?.nameElement?.textContent).toBe('Kowalczyk, Łukasz');
  });

  it('lists profile links on the student list and has no current student there', () => {
    const { document, url } = loadDemoPage(`${base}student_view.php`);
    expect(gibbon.currentPupil!(document, url)).toBeUndefined();
    const names = texts(gibbon.nameElements!(document));
    expect(names).toHaveLength(11);
    expect(names[0]).toBe('Kowalczyk, Łukasz');
  });
});
