// Text becomes a list of tokens: words (letters/digits, with inner apostrophes and hyphens, so "O'Brien" and
// "Smith-Jones" stay whole), the punctuation marks that name forms use ("," in "Hartley, Amelia", "." in
// "A. Hartley", and round brackets round a preferred name in "Amelia (Millie) Hartley"), and BREAK for any other punctuation, so "Amelia / Hartley" or "Amelia: Hartley" never read as a
// name. Whitespace only separates. Whole-word matching falls out of this: "Hartleyson" is one token.

import { foldText, isAscii } from '../../shared/index';

export const BREAK = '|';

const TOKEN = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
// The same split for text that is all ASCII (most MIS text, and most names once folded): there \p{L} is A–Z and
// a–z and \p{N} is 0–9, so the tokens are identical. It matters on every page load: a content script's regular
// expressions are compiled anew on each page, and the Unicode classes cost milliseconds to compile, inside the
// page's DOMContentLoaded (tests/extension/detect/tokens-ascii.test.ts checks the two agree).
const ASCII_TOKEN = /[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]/g;
const POSSESSIVE = /'s$/i; // case-blind so text in its original case (foldMarks) splits the same way

/** Tokens of already folded text, appended to `out` (reused by the scanner to avoid allocations). */
export function tokenizeFolded(folded: string, out: string[] = []): string[] {
  for (const m of folded.matchAll(isAscii(folded) ? ASCII_TOKEN : TOKEN)) {
    const t = m[0];
    const first = t.charCodeAt(0);
    // A single non-word character: keep , . ( ) (name punctuation), everything else is a break. No name form
    // holds a bracket, so to whole-form matching a bracket is a break all the same.
    if (t.length === 1 && !isWordChar(first, t)) {
      out.push(t === ',' || t === '.' || t === '(' || t === ')' ? t : BREAK);
    } else if (t.length > 2 && POSSESSIVE.test(t)) {
      // "Hartley's notes": the name is "Hartley".
      out.push(t.slice(0, -2), "'s");
    } else {
      out.push(t);
    }
  }
  return out;
}

export function tokenize(text: string): string[] {
  return tokenizeFolded(foldText(text));
}

/** Word tokens of a name field ("Mary-Jane", "van der Berg"), punctuation dropped. */
export function nameTokens(name: string): string[] {
  return tokenize(name).filter((t) => t !== ',' && t !== '.' && t !== '(' && t !== ')' && t !== BREAK);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
function isWordChar(code: number, ch: string): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return WORD_CHAR.test(ch);
}

// The same split as tokenizeFolded, on text as the page wrote it: combining marks and typographic apostrophes
// and hyphens stay inside words here, because folding has not removed or replaced them yet.
const RAW_TOKEN = /[\p{L}\p{N}\p{M}]+(?:['\u2018\u2019\u02bc\u0060\u00b4\u2010\u2011-][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;
/** RAW_TOKEN for ASCII text: of its joiners only ' ` and - are ASCII, and there are no combining marks. */
const ASCII_RAW_TOKEN = /[A-Za-z0-9]+(?:['`-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]/g;

/**
 * Where each token of `raw` ends (a character offset into `raw`), in the order tokenizeFolded(foldText(raw))
 * gives them: the badge goes right after a name's last token, so it needs that token's end in the page's own
 * text. Undefined when the split does not agree with `expected` tokens (then the caller falls back to the end of
 * the node rather than guess a position).
 */
export function tokenEnds(raw: string, expected: number): number[] | undefined {
  const ends: number[] = [];
  for (const m of raw.matchAll(isAscii(raw) ? ASCII_RAW_TOKEN : RAW_TOKEN)) {
    const end = m.index + m[0].length;
    if (m[0].length > 2 && POSSESSIVE_RAW.test(m[0]))
      ends.push(end - 2, end); // "Hartley's" → "hartley", "'s"
    else ends.push(end);
  }
  return ends.length === expected ? ends : undefined;
}
const POSSESSIVE_RAW = /['\u2018\u2019\u02bc\u0060\u00b4]s$/i;

/** The patterns, for the test that the ASCII ones split ASCII text exactly as the Unicode ones do. */
export const PATTERNS_FOR_TESTS = { TOKEN, ASCII_TOKEN, RAW_TOKEN, ASCII_RAW_TOKEN } as const;
