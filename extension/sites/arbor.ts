// Arbor: a single-page app at https://<school>.uk.arbor.sc/?/<route>. The route is everything after a "?" that
// is immediately followed by "/" (so "?page=2" is an ordinary query, not a route). Student pages carry
// "student-id/<n>" in the route and change without a reload; links to students carry the same in their href.

import { allOf, firstOf, hostIs } from './dom';
import type { SiteAdapter } from './types';

/** The Arbor route of a URL ("/students/profile-ui/dashboard/student-id/12"), or undefined. */
export function arborRoute(url: URL): string | undefined {
  if (!url.search.startsWith('?/')) return undefined;
  const route = url.search.slice(1);
  const inner = route.indexOf('?');
  return inner === -1 ? route : route.slice(0, inner);
}

const STUDENT_ID = /(?:^|\/)student-id\/(\d+)(?:\/|$)/;

/** Headings of a student profile, most specific first. */
const PROFILE_NAME = ['[data-testid="student-name"]', '.student-profile-header .profile-name', '.mis-page-header h1', 'main h1'];
/** Links to a student's profile: their text is the student's name in lists, registers and search results. */
const STUDENT_LINKS = ['a[href*="student-id/"]'];

export const arbor: SiteAdapter = {
  id: 'arbor',
  name: 'Arbor',
  hostPatterns: ['*://*.arbor.sc/*'],
  matches: (url) => hostIs(url.hostname, 'arbor.sc'),
  currentPupil(doc, url) {
    const route = arborRoute(url);
    const misId = route ? STUDENT_ID.exec(route)?.[1] : undefined;
    if (!misId) return undefined;
    return { misId, nameElement: firstOf(doc, PROFILE_NAME) };
  },
  nameElements: (root) => allOf(root, STUDENT_LINKS),
};
