// Which demo page is served at which host and path, so the demo server, the e2e tests and the fixture tests
// agree. The server maps these hostnames to 127.0.0.1 in Chromium (--host-resolver-rules) and serves on any
// port; scheme and port do not matter to the adapters.
//
// Matching (findDemoRoute): the host and the path must be equal (paths compare case-insensitively, as ASP.NET
// does), and every `query` entry must be present with that value; other query parameters and the hash are free.
// A route has either a static `file` (relative to demo/mis/) or a `render` function (the 2,000-row register).
// Static profile pages always show one pupil: `example` is the URL that fits the page.

import { demoMisPupil } from './pupils';
import { registerPageHtml } from './register';

/** The one pupil each static profile page shows (demo/school.ts ids): Bromcom, SIMS, ScholarPack, Gibbon. */
export const DEMO_PROFILE_PUPILS = { bromcom: 'P010', sims: 'P008', scholarpack: 'P024', gibbon: 'P017' } as const;
const misIdOf = (site: keyof typeof DEMO_PROFILE_PUPILS) => demoMisPupil(DEMO_PROFILE_PUPILS[site]).misId;

export type DemoSite = 'arbor' | 'bromcom' | 'sims' | 'scholarpack' | 'gibbon' | 'generic' | 'register' | 'hostile' | 'unadapted';

export interface DemoRoute {
  site: DemoSite;
  host: string;
  path: string;
  query?: Record<string, string>;
  file?: string;
  render?: () => string;
  /** Path and query to open in a browser or test (host-relative). */
  example: string;
}

export const DEMO_HOSTS = {
  arbor: 'demo.uk.arbor.sc',
  bromcom: 'cloudmis.bromcom.com',
  sims: 'northgate.sims.co.uk',
  scholarpack: 'northgate.scholarpack.com',
  gibbon: 'demo.gibbon.test',
  school: 'intranet.northgate.test',
  /** A school system no adapter knows (pages modelled on Gibbon's markup, served where the Gibbon adapter does not look). */
  unadapted: 'mis.kestrel-lane.test',
} as const;

const GIBBON_Q = (page: string) => ({ q: `/modules/Students/${page}` });

export const DEMO_ROUTES: readonly DemoRoute[] = [
  // Arbor: one document for every route (the route is in the query, after "?/"); arbor.js renders it.
  { site: 'arbor', host: DEMO_HOSTS.arbor, path: '/', file: 'arbor/index.html', example: '/?/students/list' },
  { site: 'arbor', host: DEMO_HOSTS.arbor, path: '/arbor.js', file: 'arbor/arbor.js', example: '/arbor.js' },
  { site: 'arbor', host: DEMO_HOSTS.arbor, path: '/arbor.css', file: 'arbor/arbor.css', example: '/arbor.css' },
  { site: 'arbor', host: DEMO_HOSTS.arbor, path: '/roster.json', file: 'arbor/roster.json', example: '/roster.json' },

  {
    site: 'bromcom',
    host: DEMO_HOSTS.bromcom,
    path: '/Nucleus/UI/Areas/People/StudentList.aspx',
    file: 'bromcom/StudentList.html',
    example: '/Nucleus/UI/Areas/People/StudentList.aspx',
  },
  {
    site: 'bromcom',
    host: DEMO_HOSTS.bromcom,
    path: '/Nucleus/UI/Areas/People/StudentDetails.aspx',
    file: 'bromcom/StudentDetails.html',
    example: `/Nucleus/UI/Areas/People/StudentDetails.aspx?StudentIDs=${misIdOf('bromcom')}#Profile`,
  },
  {
    site: 'bromcom',
    host: DEMO_HOSTS.bromcom,
    path: '/Nucleus/UI/bromcom.css',
    file: 'bromcom/bromcom.css',
    example: '/Nucleus/UI/bromcom.css',
  },

  { site: 'sims', host: DEMO_HOSTS.sims, path: '/students', file: 'sims/students.html', example: '/students' },
  {
    site: 'sims',
    host: DEMO_HOSTS.sims,
    path: `/students/${misIdOf('sims')}/summary`,
    file: 'sims/student.html',
    example: `/students/${misIdOf('sims')}/summary`,
  },

  {
    site: 'scholarpack',
    host: DEMO_HOSTS.scholarpack,
    path: `/students/${misIdOf('scholarpack')}/support`,
    file: 'scholarpack/support.html',
    example: `/students/${misIdOf('scholarpack')}/support`,
  },

  {
    site: 'gibbon',
    host: DEMO_HOSTS.gibbon,
    path: '/index.php',
    query: GIBBON_Q('student_view.php'),
    file: 'gibbon/student_view.html',
    example: '/index.php?q=/modules/Students/student_view.php',
  },
  {
    site: 'gibbon',
    host: DEMO_HOSTS.gibbon,
    path: '/index.php',
    query: GIBBON_Q('student_view_details.php'),
    file: 'gibbon/student_view_details.html',
    example: `/index.php?q=/modules/Students/student_view_details.php&gibbonPersonID=${misIdOf('gibbon').padStart(10, '0')}`,
  },

  {
    site: 'generic',
    host: DEMO_HOSTS.school,
    path: '/learning-support/notes',
    file: 'generic/index.html',
    example: '/learning-support/notes',
  },
  { site: 'register', host: DEMO_HOSTS.school, path: '/register', render: () => registerPageHtml(), example: '/register' },
  {
    site: 'register',
    host: DEMO_HOSTS.school,
    path: '/register-held',
    render: () => registerPageHtml(2000, 2026, { holdRendering: true }),
    example: '/register-held',
  },
  { site: 'hostile', host: DEMO_HOSTS.school, path: '/hostile', file: 'hostile/index.html', example: '/hostile' },

  {
    site: 'unadapted',
    host: DEMO_HOSTS.unadapted,
    path: '/unadapted/students',
    file: 'unadapted/students.html',
    example: '/unadapted/students',
  },
  {
    site: 'unadapted',
    host: DEMO_HOSTS.unadapted,
    path: '/unadapted/students_page2',
    file: 'unadapted/students_page2.html',
    example: '/unadapted/students_page2',
  },
  {
    site: 'unadapted',
    host: DEMO_HOSTS.unadapted,
    path: '/unadapted/student',
    file: 'unadapted/student.html',
    example: '/unadapted/student?pid=4150',
  },
];

export function findDemoRoute(url: URL): DemoRoute | undefined {
  const path = url.pathname.toLowerCase();
  return DEMO_ROUTES.find(
    (r) =>
      r.host === url.hostname &&
      r.path.toLowerCase() === path &&
      Object.entries(r.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v),
  );
}
