// The caseload, precomputed for matching: every way a page may write a pupil's name, as a token sequence,
// filed under its first token. The scanner then looks up each token of the page once (token → candidates)
// instead of testing every pupil against every text node.

import { foldText } from '../../shared/index';
import { nameTokens } from './tokens';

export interface CaseloadPupil {
  id: string;
  firstName: string;
  lastName: string;
  upn?: string;
  misId?: string;
  /** Year group ("4", "R", "N1") and class/form ("4H"): what a row may show beside a shared name to tell pupils apart. */
  year?: string;
  className?: string;
}

/** One written form of a name and every pupil it could mean (more than one when two pupils share it). */
export interface NameForm {
  tokens: readonly string[];
  pupilIds: readonly string[];
}

/**
 * A full name with room for a middle name between its parts: "Amelia [Rose] Hartley" is `head` (the first
 * name), one or two middle-name words the scanner checks, then `tail` (the surname).
 */
export interface SpacedNameForm {
  head: readonly string[];
  tail: readonly string[];
  pupilIds: readonly string[];
}

export interface CaseloadIndex {
  /** Name forms by their first token, longest first so the scanner takes the longest match. */
  readonly formsByFirstToken: ReadonlyMap<string, readonly NameForm[]>;
  /** "First Middle Last" forms by their first token. */
  readonly spacedFormsByFirstToken: ReadonlyMap<string, readonly SpacedNameForm[]>;
  /**
   * Matches folded text that could name a caseload pupil or hold their UPN: every name form contains the whole
   * surname, so text without any caseload surname's first word (or a UPN) in it names nobody on the caseload.
   */
  readonly mentionPattern: RegExp;
  /**
   * Matches the folded text of a whole subtree (its textContent) when some text node inside it could name a
   * caseload pupil, hold their UPN or be their MIS id: the detector steps over any block this does not match
   * without visiting its nodes. A superset test: the concatenated text contains every node's own text.
   */
  readonly subtreePattern: RegExp;
  /** Folded UPN → pupil ids. */
  readonly byUpn: ReadonlyMap<string, readonly string[]>;
  /** MIS id key (see misIdKey) → pupil ids. */
  readonly byMisId: ReadonlyMap<string, readonly string[]>;
  readonly pupilCount: number;
  /** Every pupil by id, for reading the class, year or UPN that settles a same-name match. */
  readonly pupils: ReadonlyMap<string, CaseloadPupil>;
}

/** 13 characters: a check letter, then 11 digits, then a digit (permanent) or a letter (temporary UPN). */
export const UPN_TOKEN = /^[a-z]\d{11}[a-z0-9]$/;

/**
 * MIS ids compare folded and, when all digits, without leading zeros: Gibbon pads ids to ten digits in URLs
 * while an export or a typed tracker often does not.
 */
export function misIdKey(misId: string): string {
  const folded = foldText(misId.trim());
  return /^\d+$/.test(folded) ? folded.replace(/^0+(?=\d)/, '') : folded;
}

/**
 * The index as plain data, for chrome.storage: worked out once where the caseload is stored (the background,
 * Options after an import) and kept with the overlay's fast copy (page-caseload.ts), so a page only turns it back
 * into maps. Built on the page it cost milliseconds of cold code inside the page's DOMContentLoaded.
 */
export interface PortableIndex {
  v: 1;
  forms: [string, NameForm[]][];
  spaced: [string, SpacedNameForm[]][];
  /** Folded words that any mention of a caseload pupil contains: surnames' first words and UPNs. */
  mentions: string[];
  byUpn: [string, string[]][];
  byMisId: [string, string[]][];
}

export function buildCaseloadIndex(pupils: readonly CaseloadPupil[]): CaseloadIndex {
  return indexFromPortable(portableIndex(pupils), pupils);
}

/** The index for `pupils` from its plain-data form (see PortableIndex); `pupils` must be the ones it was built from. */
export function indexFromPortable(p: PortableIndex, pupils: readonly CaseloadPupil[]): CaseloadIndex {
  const byMisId = new Map(p.byMisId);
  const mentions = new Set(p.mentions);
  return {
    formsByFirstToken: new Map(p.forms),
    spacedFormsByFirstToken: new Map(p.spaced),
    mentionPattern: alternation(mentions),
    // MIS ids count only as a node's whole text, and numeric ones without leading zeros ("004192" is 4192): the
    // key is a substring of any text that can hold the id. Final sigma is folded with sigma (see scan.ts mayName).
    subtreePattern: alternation(new Set([...mentions, ...byMisId.keys()].map((m) => m.replaceAll('ς', 'σ')))),
    byUpn: new Map(p.byUpn),
    byMisId,
    pupilCount: pupils.length,
    pupils: new Map(pupils.map((x) => [x.id, x])),
  };
}

/** A stored PortableIndex this version can use (an older or damaged copy is rebuilt instead). */
export function isPortableIndex(v: unknown): v is PortableIndex {
  const p = v as PortableIndex | undefined;
  return (
    typeof p === 'object' && p !== null && p.v === 1 && [p.forms, p.spaced, p.mentions, p.byUpn, p.byMisId].every((x) => Array.isArray(x))
  );
}

export function portableIndex(pupils: readonly CaseloadPupil[]): PortableIndex {
  const full = new Map<string, { tokens: string[]; ids: Set<string> }>();
  // Initial forms ("A. Hartley") are kept only when every pupil they could mean has the same full name:
  // "A. Hartley" for Amelia and Alfie Hartley would be a guess, so it matches nobody.
  const initials = new Map<string, { tokens: string[]; ids: Set<string>; names: Set<string> }>();
  const byUpn = new Map<string, string[]>();
  const byMisId = new Map<string, string[]>();
  const spaced = new Map<string, { head: string[]; tail: string[]; ids: Set<string> }>();
  const mentions = new Set<string>();

  const addFull = (tokens: string[], id: string) => {
    const key = tokens.join(' ');
    const entry = full.get(key) ?? { tokens, ids: new Set<string>() };
    entry.ids.add(id);
    full.set(key, entry);
  };
  const addInitial = (tokens: string[], id: string, fullName: string) => {
    const key = tokens.join(' ');
    const entry = initials.get(key) ?? { tokens, ids: new Set<string>(), names: new Set<string>() };
    entry.ids.add(id);
    entry.names.add(fullName);
    initials.set(key, entry);
  };

  for (const p of pupils) {
    const first = nameTokens(p.firstName);
    const last = nameTokens(p.lastName);
    if (first.length > 0 && last.length > 0) {
      mentions.add(last[0]!);
      addFull([...first, ...last], p.id); // Amelia Hartley
      addFull([...last, ',', ...first], p.id); // Hartley, Amelia
      addFull([...last, ...first], p.id); // HARTLEY Amelia (SIMS style); case is folded away
      // Amelia Rose Hartley (a middle name the caseload does not record). "Hartley, Amelia Rose" and
      // "HARTLEY Amelia Rose" need nothing more: "Hartley, Amelia" is already a whole form at their start.
      const spacedKey = `${first.join(' ')}\u0000${last.join(' ')}`;
      const entry = spaced.get(spacedKey) ?? { head: first, tail: last, ids: new Set<string>() };
      entry.ids.add(p.id);
      spaced.set(spacedKey, entry);
      const initial = first[0]!.charAt(0);
      const fullName = [...first, ...last].join(' ');
      addInitial([initial, '.', ...last], p.id, fullName); // A. Hartley
      addInitial([initial, ...last], p.id, fullName); // A Hartley
      addInitial([...last, ',', initial], p.id, fullName); // Hartley, A (also "Hartley, A.")
    }
    if (p.upn?.trim()) {
      push(byUpn, foldText(p.upn.trim()), p.id);
      mentions.add(foldText(p.upn.trim()));
    }
    if (p.misId?.trim()) push(byMisId, misIdKey(p.misId), p.id);
  }

  const forms = new Map<string, NameForm[]>();
  const file = (tokens: string[], ids: Set<string>) => {
    const list = forms.get(tokens[0]!) ?? [];
    list.push({ tokens, pupilIds: [...ids].sort() });
    forms.set(tokens[0]!, list);
  };
  for (const { tokens, ids } of full.values()) file(tokens, ids);
  for (const [key, { tokens, ids, names }] of initials) {
    if (names.size === 1 && !full.has(key)) file(tokens, ids);
  }
  for (const list of forms.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

  const spacedForms = new Map<string, SpacedNameForm[]>();
  for (const { head, tail, ids } of spaced.values()) {
    const list = spacedForms.get(head[0]!) ?? [];
    list.push({ head, tail, pupilIds: [...ids].sort() });
    spacedForms.set(head[0]!, list);
  }

  return {
    v: 1,
    forms: [...forms],
    spaced: [...spacedForms],
    mentions: [...mentions],
    byUpn: [...byUpn],
    byMisId: [...byMisId],
  };
}

/** A pattern matching any of `words` (literally), or nothing when there are none. */
function alternation(words: ReadonlySet<string>): RegExp {
  return words.size > 0 ? new RegExp([...words].map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')) : /(?!)/;
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

/** The longest name form starting at `tokens[at]`, if any. */
export function longestFormAt(index: CaseloadIndex, tokens: readonly string[], at: number): NameForm | undefined {
  const candidates = index.formsByFirstToken.get(tokens[at]!);
  if (!candidates) return undefined;
  for (const form of candidates) {
    if (at + form.tokens.length > tokens.length) continue;
    let ok = true;
    for (let k = 1; k < form.tokens.length; k++) {
      if (tokens[at + k] !== form.tokens[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return form;
  }
  return undefined;
}

/** True when `tokens` from `at` on begin with `form`. */
export function tokensAt(tokens: readonly string[], at: number, form: readonly string[]): boolean {
  if (at + form.length > tokens.length) return false;
  for (let k = 0; k < form.length; k++) if (tokens[at + k] !== form[k]) return false;
  return true;
}
