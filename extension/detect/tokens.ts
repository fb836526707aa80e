// Text becomes a list of tokens: words (letters/digits, with inner apostrophes and hyphens, so "O'Brien" and
// "Smith-Jones" stay whole), the punctuation marks that name forms use ("," in "Hartley, Amelia", "." in
// "A. Hartley", and round brackets round a preferred name in "Amelia (Millie) Hartley"), and BREAK for any other punctuation, so "Amelia / Hartley" or "Amelia: Hartley" never read as a
// name. Whitespace only separates. Whole-word matching falls out of this: "Hartleyson" is one token.

import { foldText } from '../../shared/index';

export const BREAK = '|';

const TOKEN = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const POSSESSIVE = /'s$/i; // case-blind so text in its original case (foldMarks) splits the same way

/** Tokens of already folded text, appended to `out` (reused by the scanner to avoid allocations). */
export function tokenizeFolded(folded: string, out: string[] = []): string[] {
  for (const m of folded.matchAll(TOKEN)) {
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
