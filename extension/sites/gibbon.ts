// Gibbon (open source, PHP, self-hosted on any domain): every page is index.php?q=/modules/<Module>/<page>.php.
// A student's profile is q=/modules/Students/student_view_details.php&gibbonPersonID=<id> (ids are zero-padded
// to ten digits); its breadcrumb ends with the student's name, "Surname, Preferred name". Lists link names to it.

import { allOf, firstOf, queryParam } from './dom';
import type { SiteAdapter } from './types';

const PROFILE_PAGE = '/modules/Students/student_view_details.php';
// Gibbon's own template writes aria-label="breadcrumb" and marks the last crumb aria-current="page".
const PROFILE_NAME = [
  'nav[aria-label="breadcrumb"] li[aria-current="page"]',
  'nav[aria-label="Breadcrumb"] li:last-child',
  '.breadcrumbs li:last-child',
  '#content h2',
  'h2',
];
const STUDENT_LINKS = ['a[href*="student_view_details.php"][href*="gibbonPersonID="]'];

export const gibbon: SiteAdapter = {
  id: 'gibbon',
  name: 'Gibbon',
  // Self-hosted: there is no Gibbon domain to ask for; the user grants their school's own origin.
  hostPatterns: [],
  matches: (url) => /(?:^|\/)(?:index\.php)?$/.test(url.pathname) && (queryParam(url, 'q') ?? '').startsWith('/modules/'),
  currentPupil(doc, url) {
    if (queryParam(url, 'q') !== PROFILE_PAGE) return undefined;
    const misId = queryParam(url, 'gibbonPersonID');
    if (!misId || !/^\d+$/.test(misId)) return undefined;
    return { misId, nameElement: firstOf(doc, PROFILE_NAME) };
  },
  nameElements: (root) => allOf(root, STUDENT_LINKS),
};
