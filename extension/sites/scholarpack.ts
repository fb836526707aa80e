// ScholarPack (primary MIS): https://<school>.scholarpack.com/. A student's profile has tabs; SEN lives under
// Profile › Support › SEN with the SEN status (N, E or K). Profile URLs carry the student id in the path
// (/students/<id>/<tab>) or, on older pages, as ?student_id=<id>.

import { allOf, firstOf, hostIs, queryParam } from './dom';
import type { SiteAdapter } from './types';

const STUDENT_PATH = /\/students\/(\d+)(?:\/|$)/;
const PROFILE_NAME = ['.student-profile-header .student-name', '#student-name', '.profile-header h1', 'h1'];
const STUDENT_LINKS = ['a[href*="/students/"]', 'a[href*="student_id="]'];

export const scholarpack: SiteAdapter = {
  id: 'scholarpack',
  name: 'ScholarPack',
  hostPatterns: ['*://*.scholarpack.com/*'],
  matches: (url) => hostIs(url.hostname, 'scholarpack.com'),
  currentPupil(doc, url) {
    const misId = STUDENT_PATH.exec(url.pathname)?.[1] ?? queryParam(url, 'student_id');
    if (!misId || !/^\d+$/.test(misId)) return undefined;
    return { misId, nameElement: firstOf(doc, PROFILE_NAME) };
  },
  nameElements: (root) =>
    allOf(root, STUDENT_LINKS).filter((a) => {
      const href = a.getAttribute('href') ?? '';
      return STUDENT_PATH.test(href) || /student_id=\d+/.test(href);
    }),
};
