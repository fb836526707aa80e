// One pass over a page (or a subtree of it): adapter elements first, then taught rules, then the generic
// detector over every remaining text node. The page is only read (textContent of text nodes), never changed
// and never evaluated, so hostile text stays inert.

import { type CaseloadIndex, longestFormAt, misIdKey, UPN_TOKEN } from './caseload-index';
import { foldText } from './fold';
import { isIgnoredElement, isInline, isInsideIgnored, runContainer } from './ignored';
import { tokenizeFolded } from './tokens';
import type { PupilMatch, ScanOptions, SiteRule } from './types';

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const FILTER_ACCEPT = 1;
const FILTER_REJECT = 2;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;

export function scanForPupils(root: ParentNode, index: CaseloadIndex, opts: ScanOptions = {}): PupilMatch[] {
  const doc = documentOf(root);
  if (!doc) return [];
  if (isElement(root) && isInsideIgnored(root, opts.ignore)) return [];
  const out = new MatchList();
  // Elements an adapter or rule has already read: the generic walk skips their subtrees.
  const claimed = new Set<Element>();
  const url = opts.url ?? pageUrl(doc);

  if (opts.adapter) scanAdapter(root, doc, url, index, opts, claimed, out);
  if (opts.rules?.length && url) scanRules(root, url, opts.rules, index, opts, claimed, out);
  walkText(doc, root, index, opts.ignore, claimed, out);
  return withoutRedundantIdentifiers(out.matches);
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

function scanAdapter(
  root: ParentNode, doc: Document, url: URL | undefined, index: CaseloadIndex, opts: ScanOptions,
  claimed: Set<Element>, out: MatchList,
): void {
  const adapter = opts.adapter!;
  if (url && adapter.currentPupil) {
    const current = adapter.currentPupil(doc, url);
    const el = current?.nameElement;
    if (el && within(root, el) && !isInsideIgnored(el, opts.ignore)) {
      // The MIS id is the page's own statement of who this is: it settles same-name ambiguity.
      const byId = current.misId ? index.byMisId.get(misIdKey(current.misId)) : undefined;
      if (byId) out.add(el, [...byId], 'adapter');
      else for (const ids of idsInElement(el, index, opts.ignore)) out.add(el, ids, 'adapter');
      claimed.add(el);
    }
  }
  for (const el of adapter.nameElements?.(root) ?? []) {
    if (claimed.has(el) || isInsideIgnored(el, opts.ignore)) continue;
    for (const ids of idsInElement(el, index, opts.ignore)) out.add(el, ids, 'adapter');
    claimed.add(el);
  }
}

function scanRules(
  root: ParentNode, url: URL, rules: readonly SiteRule[], index: CaseloadIndex, opts: ScanOptions,
  claimed: Set<Element>, out: MatchList,
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
      for (const ids of idsInElement(el, index, opts.ignore)) out.add(el, ids, 'rule');
      claimed.add(el);
    }
  }
}

/** Every pupil (id list) named anywhere in an element's text, for elements known to hold a name. */
function idsInElement(el: Element, index: CaseloadIndex, ignore?: (el: Element) => boolean): string[][] {
  const found = new MatchList();
  walkText(documentOf(el)!, el, index, ignore, new Set(), found);
  return found.matches.map((m) => m.pupilIds);
}

/**
 * The generic detector: one TreeWalker pass. Text under the same non-inline container is read as one run of
 * tokens (so "<b>HARTLEY</b> Amelia" is found); each run is matched against the index token by token.
 */
function walkText(
  doc: Document, root: ParentNode, index: CaseloadIndex, ignore: ((el: Element) => boolean) | undefined,
  claimed: ReadonlySet<Element>, out: MatchList,
): void {
  const walker = doc.createTreeWalker(root as Node, SHOW_ELEMENT | SHOW_TEXT, {
    acceptNode: (node: Node) =>
      node.nodeType === ELEMENT_NODE && (claimed.has(node as Element) || isIgnoredElement(node as Element, ignore))
        ? FILTER_REJECT
        : FILTER_ACCEPT,
  });
  const run = new TextRun(index, out);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === TEXT_NODE) {
      const parent = node.parentElement;
      if (parent) run.add(node as Text, runContainer(parent));
    } else if (!isInline(node as Element)) {
      run.flush(); // a cell, block or <br> ends the line of text
    }
  }
  run.flush();
}

/** Tokens of consecutive text nodes under one container, with the node each token came from. */
class TextRun {
  private container: Element | undefined;
  private readonly tokens: string[] = [];
  private readonly tokenNode: number[] = [];
  private readonly nodes: Text[] = [];

  constructor(private readonly index: CaseloadIndex, private readonly out: MatchList) {}

  add(text: Text, container: Element): void {
    const data = text.data;
    if (container !== this.container) {
      this.flush();
      this.container = container;
    }
    if (!HAS_WORD.test(data)) return;
    const folded = foldText(data);
    // A MIS id counts only as the whole text of a node (an "Adm No" cell), and only when it is distinctive:
    // short numbers (row numbers, counts, years) collide with ids like 1001. Short numeric ids still work
    // through adapters, which read them from URLs.
    if (this.index.byMisId.size > 0 && data.length <= 40) {
      const whole = folded.trim();
      if (whole.length >= 6 || NON_DIGIT.test(whole)) {
        const ids = this.index.byMisId.get(misIdKey(whole));
        if (ids) this.out.add(text.parentElement!, [...ids], 'misId');
      }
    }
    const before = this.tokens.length;
    tokenizeFolded(folded, this.tokens);
    const nodeAt = this.nodes.push(text) - 1;
    for (let i = before; i < this.tokens.length; i++) this.tokenNode.push(nodeAt);
  }

  flush(): void {
    const { tokens, index } = this;
    for (let i = 0; i < tokens.length; ) {
      const form = longestFormAt(index, tokens, i);
      if (form) {
        this.emit(i, i + form.tokens.length - 1, [...form.pupilIds], 'name');
        i += form.tokens.length;
        continue;
      }
      const token = tokens[i]!;
      if (token.length === 13 && UPN_TOKEN.test(token)) {
        const ids = index.byUpn.get(token);
        if (ids) this.emit(i, i, [...ids], 'upn');
      }
      i++;
    }
    this.tokens.length = 0;
    this.tokenNode.length = 0;
    this.nodes.length = 0;
    this.container = undefined;
  }

  private emit(first: number, last: number, ids: string[], via: PupilMatch['via']): void {
    const a = this.nodes[this.tokenNode[first]!]!;
    const b = this.nodes[this.tokenNode[last]!]!;
    const el = a === b ? a.parentElement : commonAncestor(a, b);
    if (el) this.out.add(el, ids, via);
  }
}

const HAS_WORD = /[\p{L}\p{N}]/u;
const NON_DIGIT = /\D/;

/** Matches in document order, each (element, pupils) pair once. */
class MatchList {
  readonly matches: PupilMatch[] = [];
  private readonly seen = new Map<Element, Set<string>>();

  add(element: Element, pupilIds: string[], via: PupilMatch['via']): void {
    const key = pupilIds.join('\u0000');
    let keys = this.seen.get(element);
    if (!keys) this.seen.set(element, (keys = new Set()));
    if (keys.has(key)) return;
    keys.add(key);
    this.matches.push({ element, pupilIds, via });
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
