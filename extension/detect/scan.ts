// One pass over a page (or a subtree of it): adapter elements first, then taught rules, then the generic
// detector over every remaining text node. The page is only read (textContent of text nodes), never changed
// and never evaluated, so hostile text stays inert.

import { type CaseloadIndex, longestFormAt, tokensAt, UPN_TOKEN } from './caseload-index';
import { decideFromRow } from './context';
import { foldMarks, foldText, isAscii } from '../../shared/index';
import { isIgnoredName, isInlineName, isInsideIgnored, makesEditable, runContainer } from './ignored';
import { findPagePupil } from './page-pupil';
import { tokenEnds, tokenizeFolded } from './tokens';
import type { MentionEnd, PagePupil, PupilMatch, ScanOptions, SiteRule } from './types';

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;

export function scanForPupils(root: ParentNode, index: CaseloadIndex, opts: ScanOptions = {}): PupilMatch[] {
  return scanInSlices(root, index, opts).next(() => true).matches;
}

/**
 * A scan that can stop before a row and go on later, so the first scan of a big page can badge what it reaches
 * at once and do the rest in later tasks (see watch.ts). One pass, the same as scanForPupils.
 */
export interface SlicedScan {
  /**
   * Scan on while `more(found)` says so (asked before each table row or list item, with the number of matches
   * this slice has found so far). Until the scan is done, the
   * matches are the ones this slice found; once done, every match of the whole scan (so a caller can settle
   * the page's badges against the complete set).
   */
  next(more: (found: number) => boolean): { matches: PupilMatch[]; done: boolean };
  /** True when the node the scan would go on from has left the document (the page re-rendered): start again. */
  readonly stale: boolean;
}

export function scanInSlices(root: ParentNode, index: CaseloadIndex, opts: ScanOptions = {}): SlicedScan {
  const doc = documentOf(root);
  if (!doc || (isElement(root) && isInsideIgnored(root, opts.ignore))) return { next: () => ({ matches: [], done: true }), stale: false };
  const out = new MatchList();
  // Elements an adapter or rule has already read: the generic walk skips their subtrees.
  const claimed = new Set<Element>();
  const url = opts.url ?? pageUrl(doc);

  // The page's own pupil counts even when this scan is of another part of the page (a rescan of rows an SPA
  // added under an already badged header): the pupil it names is still the page's pupil.
  const page = opts.pagePupil !== undefined ? opts.pagePupil : pagePupilOf(doc, index, { ...opts, ...(url ? { url } : {}) });
  if (page) {
    for (const m of page.matches) {
      if (!within(root, m.element)) continue;
      out.add(m.element, m.pupilIds, m.via, m.mention, m.decidedBy);
      // An adapter's header is read whole by the adapter; a generic heading's other text is still walked.
      if (m.via === 'adapter') claimed.add(m.element);
    }
  }
  if (opts.adapter) scanAdapter(root, index, opts, claimed, out);
  if (opts.rules?.length && url) scanRules(root, url, opts.rules, index, opts, claimed, out);
  const walk = new TextWalk(doc, root, index, opts.ignore, claimed, out);
  const all: PupilMatch[] = [];
  const settle = (matches: PupilMatch[]) => {
    const decided = withoutRedundantIdentifiers(matches).map((m) => decideFromRow(m, index));
    return page ? withoutPagePupilRepeats(decided, page) : decided;
  };
  return {
    next(more) {
      const done = walk.walk(more);
      const found = out.take();
      all.push(...found);
      // A slice ends before a row, never inside one, so its rows are whole for the one-badge-per-row rule.
      return { matches: settle(done ? all : found), done };
    },
    get stale() {
      return walk.stale;
    },
  };
}

/** The pupil this document is about, if it is one pupil's page (see page-pupil.ts); null when it is not. */
export function pagePupilOf(doc: Document, index: CaseloadIndex, opts: ScanOptions = {}): PagePupil | null {
  return findPagePupil(doc, index, opts, opts.url ?? pageUrl(doc), (el) => matchesInElement(el, index, opts.ignore));
}

/** Same mention: the same text position, or (for matches without one) the same element and pupils. */
function sameMatch(a: PupilMatch, b: PupilMatch): boolean {
  if (a.mention && b.mention) return a.mention.node === b.mention.node && a.mention.end === b.mention.end;
  return a.element === b.element && a.pupilIds.join('+') === b.pupilIds.join('+');
}

/**
 * A profile page names its pupil in the header and again in its details (legal name, UPN, admission number):
 * the header's badge is the one, so other matches naming only that pupil are dropped. Anyone else on the page
 * (a sibling, a classmate, a tutor note about a friend) keeps their badge, and so does a same-name match that
 * could also be someone else.
 */
function withoutPagePupilRepeats(matches: PupilMatch[], page: PagePupil): PupilMatch[] {
  const isPage = (m: PupilMatch) => page.matches.some((p) => sameMatch(p, m) || (p.via === 'adapter' && p.element === m.element));
  return matches.filter((m) => isPage(m) || !m.pupilIds.every((id) => page.pupilIds.has(id)));
}

/**
 * A grid row often shows a pupil's name and their UPN or admission number side by side: one badge per row is
 * enough, so an identifier match is dropped when the same pupils are already named in the same row.
 */
function withoutRedundantIdentifiers(matches: PupilMatch[]): PupilMatch[] {
  if (!matches.some((m) => m.via === 'upn' || m.via === 'misId')) return matches;
  const namedInRow = new Map<Element, Set<string>>();
  for (const m of matches) {
    if (m.via === 'upn' || m.via === 'misId') continue;
    const row = m.element.closest(ROW);
    if (!row) continue;
    const keys = namedInRow.get(row) ?? new Set<string>();
    for (const id of m.pupilIds) keys.add(id);
    namedInRow.set(row, keys);
  }
  return matches.filter((m) => {
    if (m.via !== 'upn' && m.via !== 'misId') return true;
    const row = m.element.closest(ROW);
    const named = row ? namedInRow.get(row) : undefined;
    return !named || !m.pupilIds.every((id) => named.has(id));
  });
}

const ROW = 'tr, li, [role="row"]';

function scanAdapter(root: ParentNode, index: CaseloadIndex, opts: ScanOptions, claimed: Set<Element>, out: MatchList): void {
  for (const el of opts.adapter!.nameElements?.(root) ?? []) {
    if (claimed.has(el) || isInsideIgnored(el, opts.ignore)) continue;
    for (const m of matchesInElement(el, index, opts.ignore)) out.add(el, m.pupilIds, 'adapter', m.mention);
    claimed.add(el);
  }
}

function scanRules(
  root: ParentNode,
  url: URL,
  rules: readonly SiteRule[],
  index: CaseloadIndex,
  opts: ScanOptions,
  claimed: Set<Element>,
  out: MatchList,
): void {
  for (const rule of rules) {
    if (rule.origin !== url.origin) continue;
    let found: Element[];
    try {
      found = [...root.querySelectorAll(rule.selector)];
      if (isElement(root) && root.matches(rule.selector)) found.unshift(root);
    } catch {
      continue; // A stored selector that no longer parses must not stop the page scan.
    }
    for (const el of found) {
      if (claimed.has(el) || isInsideIgnored(el, opts.ignore)) continue;
      for (const m of matchesInElement(el, index, opts.ignore)) out.add(el, m.pupilIds, 'rule', m.mention);
      claimed.add(el);
    }
  }
}

/** Every mention of a pupil anywhere in an element's text, for elements known to hold a name. */
function matchesInElement(el: Element, index: CaseloadIndex, ignore?: (el: Element) => boolean): PupilMatch[] {
  const found = new MatchList();
  new TextWalk(documentOf(el)!, el, index, ignore, new Set(), found).walk(() => true);
  return found.matches;
}

/**
 * The generic detector: one TreeWalker pass. Text under the same non-inline container is read as one run of
 * tokens (so "<b>HARTLEY</b> Amelia" is found); each run is matched against the index token by token.
 * The walker has no filter (a filter is a call from the DOM into script for every node, most of the cost on a
 * 2,000-row register): claimed and ignored elements are stepped over here instead, subtree and all. It can stop
 * before a row (tr, li, role=row) and go on from there later.
 */
class TextWalk {
  private readonly walker: TreeWalker;
  private readonly run: TextRun;
  /** Where the walk goes on from: null once done. */
  private node: Node | null;
  private parent: Element | null = null;
  private container: Element | undefined;

  constructor(
    doc: Document,
    root: ParentNode,
    private readonly index: CaseloadIndex,
    private readonly ignore: ((el: Element) => boolean) | undefined,
    private readonly claimed: ReadonlySet<Element>,
    out: MatchList,
  ) {
    this.walker = doc.createTreeWalker(root as Node, SHOW_ELEMENT | SHOW_TEXT);
    this.run = new TextRun(index, out);
    this.node = this.walker.nextNode();
  }

  get stale(): boolean {
    return this.node !== null && !this.node.isConnected;
  }

  /** Walk on until the end (true) or until `more(found)` says stop before a row (false). */
  walk(more: (found: number) => boolean): boolean {
    const { walker, run } = this;
    let node = this.node;
    // The row the walk stopped before is taken without asking again, so every slice makes progress.
    let ask = false;
    while (node) {
      if (node.nodeType === TEXT_NODE) {
        const p = node.parentElement;
        if (p) {
          if (p !== this.parent) {
            this.parent = p;
            this.container = runContainer(p);
          }
          run.add(node as Text, this.container!);
        }
        node = walker.nextNode();
        ask = true;
        continue;
      }
      // isIgnoredElement, with the tag read once. Only the elements the walk visits are asked whether they are
      // editable: rows it steps over whole never are (a query for every editable region cost a pass over the page).
      const el = node as Element;
      const name = el.localName;
      if (this.claimed.has(el) || isIgnoredName(name) || makesEditable(el) || this.ignore?.(el)) {
        node = nextOutside(walker);
      } else if (isInlineName(name)) {
        node = walker.nextNode();
      } else {
        run.flush(); // a cell, block or <br> ends the line of text
        if (ask && isRow(el, name) && !more(this.run.found)) {
          this.node = node;
          return false;
        }
        // A block with elements inside whose text names nobody on the caseload is stepped over whole: one native
        // textContent instead of a visit per node (on a 2,000-row register, all but the caseload's ~30 rows).
        // Only asked of blocks with several siblings (rows, list items, cards): the page's few big containers
        // (body, a table, its tbody) nearly always name someone, and reading their whole text at every level
        // cost more than walking into them.
        const skip =
          el.firstElementChild !== null && (el.parentElement?.childElementCount ?? 0) >= MANY_SIBLINGS && !mayName(el, this.index);
        node = skip ? nextOutside(walker) : walker.nextNode();
      }
      ask = true;
    }
    run.flush();
    this.node = null;
    return true;
  }
}

function isRow(el: Element, name: string): boolean {
  return name === 'tr' || name === 'li' || el.getAttribute('role') === 'row';
}

/** Whether any text node under `el` could match the index (a superset test over its whole text; see subtreePattern). */
function mayName(el: Element, index: CaseloadIndex): boolean {
  const text = el.textContent;
  if (!text) return false;
  // Lower-casing alone finds most names (a superset is safe: it only means looking inside). Text with no
  // accented letter anywhere needs nothing more; folding (NFD and all) is kept for text that has one, and big
  // blocks of it are simply looked inside rather than folded whole at every level of the page.
  const lower = text.toLowerCase();
  if (index.subtreePattern.test(lower)) return true;
  if (isAscii(text)) return false;
  if (text.length > FOLD_WHOLE_BELOW) return true;
  const folded = foldText(text);
  // Lower-casing a whole run of text can give a final sigma where a node alone ended in a plain one (or back):
  // the pattern and the text both use plain sigma, so the test never misses a name.
  return index.subtreePattern.test(folded.includes('ς') ? folded.replaceAll('ς', 'σ') : folded);
}

/** The node after the walker's current node and its whole subtree (null past the root's last descendant). */
function nextOutside(walker: TreeWalker): Node | null {
  for (;;) {
    const next = walker.nextSibling();
    if (next) return next;
    if (!walker.parentNode()) return null;
  }
}

/**
 * Text nodes that follow each other under one container, matched as one run of tokens. Most runs on a big page
 * name nobody on the caseload: a run is only tokenized when one of its nodes contains a caseload surname or UPN
 * (the index's mention pattern), so the rest cost a lower-casing and one regular-expression test per node.
 */
class TextRun {
  private container: Element | undefined;
  private readonly nodes: Text[] = [];
  /** Each node's folded text. */
  private readonly folded: string[] = [];
  private mentions = false;
  private readonly tokens: string[] = [];
  private readonly tokenNode: number[] = [];
  /** Index in `tokens` of each node's first token. */
  private readonly nodeFirstToken: number[] = [];

  constructor(
    private readonly index: CaseloadIndex,
    private readonly out: MatchList,
  ) {}

  /** Matches found since the list was last taken (see MatchList.take). */
  get found(): number {
    return this.out.matches.length;
  }

  add(text: Text, container: Element): void {
    const data = text.data;
    if (container !== this.container) {
      this.flush();
      this.container = container;
    }
    if (!hasWord(data)) return;
    const folded = foldText(data);
    // A MIS id counts only as the whole text of a node (an "Adm No" cell), and only when it is distinctive:
    // short numbers (row numbers, counts, years) collide with ids like 1001. Short numeric ids still work
    // through adapters, which read them from URLs.
    if (this.index.byMisId.size > 0 && data.length <= 40) {
      const whole = folded.trim();
      if (whole.length >= 6 || NON_DIGIT.test(whole)) {
        // misIdKey(whole), without folding again: `whole` is folded already.
        const ids = this.index.byMisId.get(ALL_DIGITS.test(whole) ? whole.replace(LEADING_ZEROS, '') : whole);
        if (ids) this.out.add(text.parentElement!, [...ids], 'misId', { node: text, end: data.trimEnd().length });
      }
    }
    this.nodes.push(text);
    this.folded.push(folded);
    if (!this.mentions && this.index.mentionPattern.test(folded)) this.mentions = true;
  }

  flush(): void {
    this.container = undefined;
    if (this.nodes.length === 0) return; // most calls: an element started, no text since the last one
    if (this.mentions) this.match();
    this.nodes.length = 0;
    this.folded.length = 0;
    this.mentions = false;
    this.tokens.length = 0;
    this.tokenNode.length = 0;
    this.nodeFirstToken.length = 0;
  }

  private match(): void {
    const { tokens, index } = this;
    for (let n = 0; n < this.nodes.length; n++) {
      const before = tokens.length;
      tokenizeFolded(this.folded[n]!, tokens);
      this.nodeFirstToken.push(before);
      for (let i = before; i < tokens.length; i++) this.tokenNode.push(n);
    }
    for (let i = 0; i < tokens.length; ) {
      const form = longestFormAt(index, tokens, i);
      const end = form ? i + form.tokens.length : i;
      const spaced = index.spacedFormsByFirstToken.has(tokens[i]!) ? this.middleNamedAt(i, end) : undefined;
      if (spaced) {
        this.emit(i, spaced.end - 1, spaced.pupilIds, 'name');
        i = spaced.end;
        continue;
      }
      if (form) {
        this.emit(i, end - 1, [...form.pupilIds], 'name');
        i = end;
        continue;
      }
      const token = tokens[i]!;
      if (token.length === 13 && UPN_TOKEN.test(token)) {
        const ids = index.byUpn.get(token);
        if (ids) this.emit(i, i, [...ids], 'upn');
      }
      i++;
    }
  }

  /**
   * "Amelia Rose Hartley" (or "Amelia R. Hartley", "Amelia Rose Grace Hartley", "Amelia (Millie) Hartley") for
   * the caseload's Amelia Hartley: a full name with one or two capitalised middle names or a bracketed preferred
   * name, when it reaches further than `exactEnd` (the end of a whole form found at `at`, so "Amelia Grace
   * Hartley" on the caseload is still taken whole).
   * When the words could also be someone else's whole name ("Rose Hartley" on the caseload too, or a whole form
   * at `at`; "Millie Hartley" for "Amelia (Millie) Hartley"), the match names every pupil it could be: never a
   * guess.
   */
  private middleNamedAt(at: number, exactEnd: number): { end: number; pupilIds: string[] } | undefined {
    const { tokens, index } = this;
    let end = exactEnd;
    let ids: Set<string> | undefined;
    /** Where the bracketed preferred name of the match is, if it has one. */
    let bracketed: number | undefined;
    for (const form of index.spacedFormsByFirstToken.get(tokens[at]!)!) {
      if (!tokensAt(tokens, at, form.head)) continue;
      let j = at + form.head.length;
      let preferred: number | undefined;
      for (let words = 0; words < MAX_MIDDLE_NAMES; words++) {
        if (tokens[j] === '(' && tokens[j + 2] === ')' && this.isMiddleName(j + 1)) {
          preferred = j + 1; // "Amelia (Millie) Hartley": a preferred name in brackets
          j += 3;
        } else if (this.isMiddleName(j)) {
          j += tokens[j]!.length === 1 && tokens[j + 1] === '.' ? 2 : 1; // "R." is one middle initial
        } else {
          break;
        }
        if (!tokensAt(tokens, j, form.tail)) continue;
        const formEnd = j + form.tail.length;
        if (formEnd > end) {
          end = formEnd;
          ids = new Set(form.pupilIds);
          bracketed = preferred;
        } else if (formEnd === end && ids) {
          for (const id of form.pupilIds) ids.add(id);
        }
        break;
      }
    }
    if (!ids) return undefined;
    // "Amelia (Millie) Hartley" could also be the caseload's Millie Hartley under her legal first name.
    if (bracketed !== undefined) {
      const tail = tokens.slice(bracketed + 2, end);
      for (const other of index.formsByFirstToken.get(tokens[bracketed]!) ?? []) {
        if (other.tokens.length === tail.length + 1 && tokensAt(tail, 0, other.tokens.slice(1)))
          for (const id of other.pupilIds) ids.add(id);
      }
    }
    // Whole forms inside the span that end where it ends ("Rose Hartley"), and a shorter one at its start.
    if (exactEnd > at) for (const id of longestFormAt(index, tokens, at)!.pupilIds) ids.add(id);
    for (let k = at + 1; k < end; k++) {
      for (const other of index.formsByFirstToken.get(tokens[k]!) ?? []) {
        if (k + other.tokens.length === end && tokensAt(tokens, k, other.tokens)) for (const id of other.pupilIds) ids.add(id);
      }
    }
    return { end, pupilIds: [...ids].sort() };
  }

  /** A word written with a capital that is not a joining word: "Rose" in "Amelia Rose Hartley", not "and" or "told". */
  private isMiddleName(t: number): boolean {
    const token = this.tokens[t];
    if (token === undefined || !startsWithLetter(token) || NOT_MIDDLE_NAMES.has(token)) return false;
    // Case was folded away: read this token again from its node's own text.
    const n = this.tokenNode[t]!;
    const own = tokenizeFolded(foldMarks(this.nodes[n]!.data));
    const written = own[t - this.nodeFirstToken[n]!];
    // Only trust the re-read when it splits the text the same way (it always should).
    const sameSplit = own.length === (this.nodeFirstToken[n + 1] ?? this.tokens.length) - this.nodeFirstToken[n]!;
    return sameSplit && written !== undefined && written.charAt(0) !== written.charAt(0).toLowerCase();
  }

  private emit(first: number, last: number, ids: string[], via: PupilMatch['via']): void {
    const a = this.nodes[this.tokenNode[first]!]!;
    const n = this.tokenNode[last]!;
    const b = this.nodes[n]!;
    const el = a === b ? a.parentElement : commonAncestor(a, b);
    if (el) this.out.add(el, ids, via, this.endOf(last, n));
  }

  /** The page position just after token `t` (in node `n`): where that name's badge goes. */
  private endOf(t: number, n: number): MentionEnd {
    const node = this.nodes[n]!;
    const firstOfNext = this.nodeFirstToken[n + 1] ?? this.tokens.length;
    const ends = tokenEnds(node.data, firstOfNext - this.nodeFirstToken[n]!);
    return { node, end: ends?.[t - this.nodeFirstToken[n]!] ?? node.data.trimEnd().length };
  }
}

const HAS_WORD = /[\p{L}\p{N}]/u;
const LETTER = /^\p{L}/u;
const ASCII_WORD = /[A-Za-z0-9]/;
// ASCII first: the Unicode classes are compiled on first use, on every page load (see tokens.ts).
const hasWord = (text: string) => ASCII_WORD.test(text) || (!isAscii(text) && HAS_WORD.test(text));
function startsWithLetter(token: string): boolean {
  const c = token.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(token);
}
const MAX_MIDDLE_NAMES = 2;
/** Capitalised in titles and headings, but joining two people rather than naming one ("Amelia And Rose Hartley"). */
const NOT_MIDDLE_NAMES = new Set([
  'and',
  'or',
  'nor',
  'with',
  'without',
  'to',
  'from',
  'of',
  'the',
  'for',
  'by',
  'vs',
  'versus',
  'than',
  'then',
  'plus',
  'not',
  'also',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
]);
const NON_DIGIT = /\D/;
/** Siblings (counting itself) a block needs before the walk asks whether its text could name anyone. */
const MANY_SIBLINGS = 4;
/** Characters of text up to which a block with accented letters is folded whole to test it (see mayName). */
const FOLD_WHOLE_BELOW = 2000;
const ALL_DIGITS = /^\d+$/;
const LEADING_ZEROS = /^0+(?=\d)/;

/** Matches in document order, each mention once (matches without a text position: each (element, pupils) pair once). */
class MatchList {
  readonly matches: PupilMatch[] = [];
  private readonly seen = new Map<Element, Set<string>>();
  private readonly seenMentions = new Map<Text, Set<number>>();

  add(element: Element, pupilIds: string[], via: PupilMatch['via'], mention?: MentionEnd, decidedBy?: PupilMatch['decidedBy']): void {
    if (mention) {
      let ends = this.seenMentions.get(mention.node);
      if (!ends) this.seenMentions.set(mention.node, (ends = new Set()));
      if (ends.has(mention.end)) return;
      ends.add(mention.end);
    } else {
      const key = pupilIds.join('\u0000');
      let keys = this.seen.get(element);
      if (!keys) this.seen.set(element, (keys = new Set()));
      if (keys.has(key)) return;
      keys.add(key);
    }
    this.matches.push({ element, pupilIds, via, ...(mention ? { mention } : {}), ...(decidedBy ? { decidedBy } : {}) });
  }

  /** The matches added since the last take (each mention is still remembered, so it is never added twice). */
  take(): PupilMatch[] {
    return this.matches.splice(0);
  }
}

function commonAncestor(a: Node, b: Node): Element | null {
  for (let at = a.parentElement; at; at = at.parentElement) if (at.contains(b)) return at;
  return null;
}

function isElement(node: ParentNode): node is Element {
  return (node as Node).nodeType === ELEMENT_NODE;
}

function documentOf(root: ParentNode): Document | null {
  const node = root as Node;
  return node.nodeType === DOCUMENT_NODE ? (node as Document) : node.ownerDocument;
}

function within(root: ParentNode, el: Element): boolean {
  const node = root as Node;
  return node.nodeType === DOCUMENT_NODE ? el.isConnected && el.ownerDocument === node : node === el || node.contains(el);
}

export function pageUrl(doc: Document): URL | undefined {
  try {
    return new URL(doc.location?.href ?? doc.URL);
  } catch {
    return undefined;
  }
}
