// Which pupil a page is about, for every MIS: a profile page names its pupil in its main heading (or its title,
// or carries their MIS id in the URL), then again in a side menu, a breadcrumb and a "Name" field. The page's
// one badge goes on the heading; the repeats get none. A site adapter, where there is one, only refines this:
// its header element and URL id come first.

import { type CaseloadIndex, misIdKey } from './caseload-index';
import { decideFromContext } from './context';
import { foldText } from '../../shared/index';
import { isInsideIgnored } from './ignored';
import type { PagePupil, PupilMatch, ScanOptions } from './types';

/** The headings that name a profile page's pupil: the page's h1s, then a breadcrumb's current page. */
const HEADINGS = ['h1', '[role="heading"][aria-level="1"]', '[aria-current="page"]'];
/** Where a profile page's own details are, for settling a same-name heading. */
const MAIN = ['main', '[role="main"]', '#content', '#content-wrap', 'body'];

export type MatchesIn = (el: Element) => PupilMatch[];

export function findPagePupil(
  doc: Document,
  index: CaseloadIndex,
  opts: ScanOptions,
  url: URL | undefined,
  matchesIn: MatchesIn,
): PagePupil | null {
  const fromUrl = url ? idsFromUrl(url, index) : [];
  const adapted = url ? fromAdapter(doc, index, opts, url, matchesIn) : undefined;
  if (adapted !== undefined) return adapted;

  // The main heading: it must name exactly one pupil (a heading naming two is a group, not a profile).
  // One pass over the page for all three kinds (each query is a walk of every element on a 2,000-row
  // register), then taken in order of preference.
  const candidates = [...doc.querySelectorAll(HEADINGS.join(', '))];
  for (const selector of HEADINGS) {
    for (const heading of candidates) {
      if (!heading.matches(selector) || isInsideIgnored(heading, opts.ignore)) continue;
      const found = matchesIn(heading);
      if (found.length === 0) continue;
      const identities = new Set(found.map((m) => m.pupilIds.join('+')));
      if (identities.size > 1) return null;
      return settle(doc, index, found[0]!, fromUrl, 'heading');
    }
  }

  // No heading names anyone: the title, or an id in the URL, may still say whose page it is.
  const titleIds = titleNames(doc, matchesIn);
  const ids = titleIds ?? (fromUrl.length === 1 ? fromUrl : undefined);
  if (!ids) return null;
  const first = firstMentionOf(doc, ids, matchesIn);
  return { matches: first ? [first] : [], pupilIds: new Set(ids), via: titleIds ? 'title' : 'url' };
}

function fromAdapter(doc: Document, index: CaseloadIndex, opts: ScanOptions, url: URL, matchesIn: MatchesIn): PagePupil | null | undefined {
  const current = opts.adapter?.currentPupil?.(doc, url);
  const el = current?.nameElement;
  // biome-ignore lint/complexity/useOptionalChain: the explicit check narrows `current` for TypeScript
  if (!el || !el.isConnected || isInsideIgnored(el, opts.ignore)) return undefined;
  // The MIS id is the page's own statement of who this is: it settles same-name ambiguity.
  const byId = current.misId ? index.byMisId.get(misIdKey(current.misId)) : undefined;
  const found = matchesIn(el);
  if (byId) {
    const mention = found.find((m) => m.pupilIds.some((id) => byId.includes(id)))?.mention ?? found[0]?.mention;
    const match: PupilMatch = { element: el, pupilIds: [...byId], via: 'adapter', ...(mention ? { mention } : {}) };
    return { matches: [match], pupilIds: new Set(byId), via: 'adapter' };
  }
  if (found.length === 0) return undefined;
  const matches = found.map((m) => ({ ...m, element: el, via: 'adapter' as const }));
  return { matches, pupilIds: new Set(matches.flatMap((m) => m.pupilIds)), via: 'adapter' };
}

/** A heading match made the page's: narrowed by the URL's id, else by the page's own details, when it is ambiguous. */
function settle(doc: Document, index: CaseloadIndex, match: PupilMatch, fromUrl: readonly string[], via: PagePupil['via']): PagePupil {
  let m = match;
  if (m.pupilIds.length > 1) {
    const narrowed = m.pupilIds.filter((id) => fromUrl.includes(id));
    if (narrowed.length === 1) m = { ...m, pupilIds: narrowed, decidedBy: 'page' };
    else {
      const main = MAIN.map((s) => doc.querySelector(s)).find((x): x is Element => x !== null);
      if (main) m = decideFromContext(m, index, main);
    }
  }
  return { matches: [m], pupilIds: new Set(m.pupilIds), via };
}

/** The one pupil the document's title names, if it names exactly one. */
function titleNames(doc: Document, matchesIn: MatchesIn): string[] | undefined {
  const title = doc.title;
  if (!title || !doc.body) return undefined;
  // Read through the same detector as the page, on a detached element that is never inserted.
  const holder = doc.createElement('div');
  holder.textContent = title;
  const found = matchesIn(holder);
  const identities = new Set(found.map((m) => m.pupilIds.join('+')));
  return identities.size === 1 && found[0]!.pupilIds.length === 1 ? [...found[0]!.pupilIds] : undefined;
}

/** The pupil ids a URL carries: a query value or path segment equal to a caseload MIS id or UPN. */
export function idsFromUrl(url: URL, index: CaseloadIndex): string[] {
  const values = [...url.searchParams.values(), ...url.pathname.split('/')];
  const found = new Set<string>();
  for (const raw of values) {
    const value = raw.trim();
    // Short numbers are page numbers, years and counts far more often than pupil ids.
    if (value.length < 4 || value.length > 40) continue;
    const key = misIdKey(value);
    if (/^\d+$/.test(key) && key.length < 4) continue;
    for (const id of index.byMisId.get(key) ?? []) found.add(id);
    for (const id of index.byUpn.get(foldText(value)) ?? []) found.add(id);
  }
  return [...found];
}

/** The first match on the page naming exactly `ids`, for a page whose heading names nobody. */
function firstMentionOf(doc: Document, ids: readonly string[], matchesIn: MatchesIn): PupilMatch | undefined {
  const key = ids.join('+');
  for (const selector of ['h1, h2, h3', 'body']) {
    for (const el of doc.querySelectorAll(selector)) {
      const m = matchesIn(el).find((x) => x.pupilIds.join('+') === key);
      if (m) return m;
    }
  }
  return undefined;
}
