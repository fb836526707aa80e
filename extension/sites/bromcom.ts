// Bromcom: https://cloudmis.bromcom.com/Nucleus/UI/…, ASP.NET WebForms. The student list is a grid
// (Areas/People/StudentList.aspx) whose name cells link to StudentDetails.aspx?StudentIDs=<id>; the details page
// names the student in a header label. ASP.NET paths and parameter names are case-insensitive.

import { allOf, firstOf, hostIs, queryParam } from './dom';
import type { SiteAdapter } from './types';

const PROFILE_NAME = ['[id$="lblStudentName"]', '.student-header .student-name', '#StudentHeader h1', 'h1'];
const STUDENT_LINKS = ['a[href*="StudentDetails.aspx"]', 'a[href*="studentdetails.aspx"]'];
/** Name cells of grids that render names as plain text (no link to the details page). */
const NAME_CELLS = ['td[data-field="StudentName"]'];

export const bromcom: SiteAdapter = {
  id: 'bromcom',
  name: 'Bromcom',
  hostPatterns: ['*://*.bromcom.com/*'],
  matches: (url) => hostIs(url.hostname, 'bromcom.com') && url.pathname.toLowerCase().startsWith('/nucleus/'),
  currentPupil(doc, url) {
    if (!url.pathname.toLowerCase().endsWith('/studentdetails.aspx')) return undefined;
    // StudentIDs may list several students (a multi-select); only one id names "the" pupil of the page.
    const ids = (queryParam(url, 'StudentIDs') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length !== 1) return undefined;
    return { misId: ids[0], nameElement: firstOf(doc, PROFILE_NAME) };
  },
  nameElements: (root) => {
    const links = allOf(root, STUDENT_LINKS);
    const cells = allOf(root, NAME_CELLS).filter((cell) => !cell.querySelector(STUDENT_LINKS.join(', ')));
    return [...links, ...cells];
  },
};
