// Finding caseload pupils on a page: the API the content script uses.
//   buildCaseloadIndex(pupils) → index (once per caseload change)
//   scanForPupils(root, index, opts) → matches in a document or subtree
//   watchPage(doc, index, onMatches, signal, opts) → live: mutations and SPA navigation
//   selectorFor(el) → a stored selector for "teach a site"

export { buildCaseloadIndex, type CaseloadIndex, type CaseloadPupil } from './caseload-index';
export { foldText } from '../../shared/index';
export { OWN_ELEMENT_PREFIX } from './ignored';
export { pagePupilOf, scanForPupils } from './scan';
export { selectorFor } from './selector';
export type { MentionEnd, PagePupil, PupilMatch, ScanOptions, SiteRule } from './types';
export { type ScanScope, watchPage, type WatchOptions } from './watch';
