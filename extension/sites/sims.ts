// SIMS (web: SIMS Next Gen / ESS online services) at https://<tenant>.sims.co.uk/. An Angular-style app whose
// student record routes look like /students/<id>/<tab> (or the same after "#" on hash-routed tenants).
// Lists show "Surname, Forename" links to those routes.

import { allOf, firstOf, hostIs } from './dom';
import type { SiteAdapter } from './types';

const STUDENT_ROUTE = /\/students\/(\d+)(?:\/|$)/;
const PROFILE_NAME = ['[data-automation-id="student-name"]', '.student-banner .student-name', 'sims-student-header h1', 'h1'];
const STUDENT_LINKS = ['a[href*="/students/"]'];

export const sims: SiteAdapter = {
  id: 'sims',
  name: 'SIMS',
  hostPatterns: ['*://*.sims.co.uk/*'],
  matches: (url) => hostIs(url.hostname, 'sims.co.uk'),
  currentPupil(doc, url) {
    const misId = STUDENT_ROUTE.exec(url.pathname)?.[1] ?? STUDENT_ROUTE.exec(url.hash)?.[1];
    if (!misId) return undefined;
    return { misId, nameElement: firstOf(doc, PROFILE_NAME) };
  },
  nameElements: (root) => allOf(root, STUDENT_LINKS).filter((a) => STUDENT_ROUTE.test(a.getAttribute('href') ?? '')),
};
