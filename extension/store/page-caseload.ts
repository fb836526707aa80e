// The store's side of the overlay's fast copy (extension/page-caseload.ts): built from IndexedDB by the
// background (on each `page/caseload` answer and at start-up) and by Options right after an import.
import type { IDBPDatabase } from 'idb';
import { type PortableIndex, portableIndex } from '../detect/caseload-index';
import type { PagePupil } from '../messages';
import type { PageCaseload } from '../page-caseload';
import { getMeta, type CaseloadDb } from './db';
import { allSiteRules } from './site-rules';

/** Only what a page's badges need: identity to match, and the SEN status the badge says (E/K) — never targets,
 * logs or notes. The primary need goes only to the panel of the pupil the user opened (`pupil/details`). A pupil
 * stored before SEN status existed has `ehcp` instead. */
export function pagePupil(p: PagePupil): PagePupil {
  const out: PagePupil = {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    senStatus: p.senStatus ?? ((p as { ehcp?: boolean }).ehcp ? 'E' : 'K'),
  };
  if (p.upn) out.upn = p.upn;
  if (p.misId) out.misId = p.misId;
  if (p.year) out.year = p.year;
  if (p.className) out.className = p.className;
  return out;
}

/** The last index built, and the pupils it was built from (as JSON). Every MIS page load asks the background for
 * its caseload, and between two loads the pupils almost never change: the index is built again only when they do. */
let lastIndex: { pupils: string; index: PortableIndex } | undefined;

function indexOf(forPages: readonly PagePupil[]): PortableIndex {
  const pupils = JSON.stringify(forPages);
  if (lastIndex?.pupils !== pupils) lastIndex = { pupils, index: portableIndex(forPages) };
  return lastIndex.index;
}

/** Everything any granted page's overlay needs to start, read in one go from the store. */
export async function pageCaseloadOf(db: IDBPDatabase<CaseloadDb>): Promise<PageCaseload> {
  const [pupils, me, rules] = await Promise.all([db.getAll('pupils'), getMeta(db, 'me'), allSiteRules(db)]);
  const selectors: Record<string, string> = {};
  for (const r of rules) selectors[r.origin] = r.selector;
  const forPages = pupils.map(pagePupil);
  return { pupils: forPages, ...(me ? { me } : {}), selectors, index: indexOf(forPages) };
}
