// Text folding and grouping, the one rule every part matches text by (the detector on MIS pages, the grid-rota
// import's names, the schema's choices). Folding makes "Zoë", "ZOE" and "Zoe" the same key: NFD splits letters from their accents, then the
// combining marks go and everything is lower-cased. Typographic apostrophes and hyphens become ASCII so
// "O’Brien" and "O'Brien" agree.

// biome-ignore lint/suspicious/noControlCharactersInRegex: the range starts at NUL on purpose: anything outside ASCII.
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const HYPHENS = /[\u2010\u2011]/g;
// Letters NFD does not split into base + mark ("Łukasz" stays "Łukasz"): written as their usual ASCII.
const UNDECOMPOSED: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd' };
const UNDECOMPOSED_RE = /[łøđħıßæœþð]/g;

/** True when every character is ASCII: the matchers take cheaper ASCII-only paths for such text (see detect/tokens.ts). */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

export function foldText(text: string): string {
  // Most MIS text is plain ASCII: skip the Unicode work for it (the register page has thousands of nodes).
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return foldMarks(text)
    .toLowerCase()
    .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c]!);
}

/**
 * foldText without the lower-casing: tokenized, it gives the same tokens as foldText's output, in their
 * original case (the detector asks whether a word was written with a capital, e.g. a middle name).
 */
export function foldMarks(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(APOSTROPHES, "'").replace(HYPHENS, '-');
}

/** A person's name as a matching key: folded, then punctuation that people write or leave out ("O'Brien" vs
 * "OBrien", "Mary-Jane" vs "Mary Jane", "St. John") made the same, and spacing collapsed. */
export function foldName(s: string): string {
  return foldText(s).replace(/[.'`]/g, '').replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A choice as typed ("all day", "All Day", "ALLDAY") as a matching key: folded, spaces removed. */
export function foldChoice(s: string): string {
  // Plural descriptions ("Specific Learning Difficulties") fold to the singular the census uses.
  return foldText(s)
    .replace(/\s+/g, '')
    .replace(/difficulties/g, 'difficulty');
}

/** Records grouped by a key, each group in input order; one pass. */
export function groupBy<T, K = string>(records: Iterable<T>, key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of records) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
