// Same-name matches settled by their row: when two caseload pupils share "Leo Harris", the table row, list item
// or card the name sits in often also shows the class, year group or UPN, and that decides which Leo it is.
// Only evidence in the match's own row counts (never the rest of the page), and only when exactly one
// candidate fits it; otherwise the badge still asks, as before.

import { type CaseloadIndex, type CaseloadPupil, tokensAt } from './caseload-index';
import { foldText } from '../../shared/index';
import { nameTokens, tokenizeFolded } from './tokens';
import type { PupilMatch } from './types';

/** The record a name belongs to: a table row, a list item, an ARIA row, or a card-like block. */
export const RECORD = 'tr, li, [role="row"], article, .card, [class*="-card"], [class*="card-"]';

/** A match with more than one candidate, narrowed by its row when the row decides; otherwise unchanged. */
export function decideFromRow(m: PupilMatch, index: CaseloadIndex): PupilMatch {
  if (m.pupilIds.length < 2) return m;
  const row = m.element.closest(RECORD);
  return row ? decideFromContext(m, index, row) : m;
}

/** As decideFromRow, reading `context` (a row, or a profile page's main content for its heading). */
export function decideFromContext(m: PupilMatch, index: CaseloadIndex, context: Element): PupilMatch {
  if (m.pupilIds.length < 2) return m;
  const evidence = readEvidence(context);
  const candidates = m.pupilIds.map((id) => index.pupils.get(id)).filter((p): p is CaseloadPupil => p !== undefined);
  // A UPN is unique; a class is more specific than a year group. Each decides only when exactly one fits.
  const tests: [NonNullable<PupilMatch['decidedBy']>, (p: CaseloadPupil) => boolean][] = [
    ['upn', (p) => !!p.upn && evidence.tokens.includes(foldText(p.upn.trim()))],
    ['class', (p) => !!p.className && hasSequence(evidence.tokens, nameTokens(p.className))],
    ['year', (p) => !!p.year && evidence.years.has(normaliseYear(p.year))],
  ];
  for (const [decidedBy, fits] of tests) {
    const hits = candidates.filter(fits);
    if (hits.length === 1) return { ...m, pupilIds: [hits[0]!.id], decidedBy };
  }
  return m;
}

interface Evidence {
  tokens: string[];
  years: Set<string>;
}

// "Year 9", "Yr 9", "Y9", "Year group: 9", "Year 10", "Reception", "Nursery 1": folded text.
const YEAR_IN_TEXT = /\b(?:year|yr|y)\s*(?:group\s*)?:?\s*(\d{1,2}|r|n[12])\b/g;
const YEAR_CELL = /^(?:(?:year|yr|y)\s*(?:group\s*)?:?\s*)?(\d{1,2}|r|n[12]|reception)$/;
const YEAR_HEADER = /\b(?:year|yr|nc year)\b/i;

function readEvidence(context: Element): Evidence {
  const text = foldText(spacedText(context));
  const tokens = tokenizeFolded(text);
  const years = new Set<string>();
  for (const m of text.matchAll(YEAR_IN_TEXT)) years.add(normaliseYear(m[1]!));
  if (/\breception\b/.test(text)) years.add('r');
  // A bare "9" under a "Year" column header: read the row's cells against its table's header row.
  if (context.localName === 'tr') {
    const headers = headerCells(context);
    const cells = (context as HTMLTableRowElement).cells ?? [];
    for (let i = 0; i < Math.min(headers.length, cells.length); i++) {
      if (!YEAR_HEADER.test(headers[i]!)) continue;
      const cell = foldText((cells[i]!.textContent ?? '').trim());
      const year = YEAR_CELL.exec(cell);
      if (year) years.add(normaliseYear(year[1]!));
    }
  }
  return { tokens, years };
}

/** The element's text with a space between text nodes: cells' textContent runs together ("Mohammed" + "8RB"). */
function spacedText(el: Element): string {
  const walker = el.ownerDocument.createTreeWalker(el, 0x4);
  const parts: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent && (parent.localName === 'script' || parent.localName === 'style' || parent.localName.startsWith('caseload-'))) continue;
    parts.push((n as Text).data);
  }
  return parts.join(' ');
}

function headerCells(row: Element): string[] {
  const table = row.closest('table');
  const head = table?.querySelector('thead tr') ?? table?.querySelector('tr');
  if (!head || head === row) return [];
  return [...(head as HTMLTableRowElement).cells].map((c) => c.textContent ?? '');
}

export function normaliseYear(year: string): string {
  const y = foldText(year.trim()).replace(/^(?:year|yr|y)\s*/, '');
  if (y === 'reception') return 'r';
  return /^\d+$/.test(y) ? String(Number(y)) : y;
}

function hasSequence(tokens: readonly string[], wanted: readonly string[]): boolean {
  if (wanted.length === 0) return false;
  for (let i = 0; i < tokens.length; i++) if (tokensAt(tokens, i, wanted)) return true;
  return false;
}
