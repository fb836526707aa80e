// The detector's ASCII-only token patterns (extension/detect/tokens.ts) are a speed-up only: on any ASCII text
// they must match exactly as the Unicode patterns do, for the folded split (tokenizeFolded) and for the page's own
// text (tokenEnds). Checked on random ASCII strings, including control characters, apostrophes, backticks and
// hyphens, and on name-like text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PATTERNS_FOR_TESTS, tokenEnds } from '../../../extension/detect/tokens';

const { TOKEN, ASCII_TOKEN, RAW_TOKEN, ASCII_RAW_TOKEN } = PATTERNS_FOR_TESTS;
const matches = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
const ascii = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const nameLike = fc
  .array(fc.constantFrom('Hartley', "O'Neill", 'Okonkwo-Hart', 'd`Arcy', ',', '.', ' ', '(', ')', '7C', '  ', '\t', "'s", '-', '/', 'A.'), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

describe('ASCII token paths', () => {
  it('the folded-text pattern and the page-text pattern match ASCII text exactly as their Unicode versions', () => {
    fc.assert(
      fc.property(fc.oneof(ascii, nameLike), (text) => {
        expect(matches(text, ASCII_TOKEN)).toEqual(matches(text, TOKEN));
        expect(matches(text, ASCII_RAW_TOKEN)).toEqual(matches(text, RAW_TOKEN));
      }),
      { numRuns: 1000 },
    );
  });

  it('tokenEnds finds the same token ends in ASCII text as the Unicode pattern', () => {
    fc.assert(
      fc.property(fc.oneof(ascii, nameLike), (text) => {
        const ends: number[] = [];
        for (const m of text.matchAll(RAW_TOKEN)) {
          const end = m.index + m[0].length;
          if (m[0].length > 2 && /['\u2018\u2019\u02bc\u0060\u00b4]s$/i.test(m[0])) ends.push(end - 2, end);
          else ends.push(end);
        }
        expect(tokenEnds(text, ends.length)).toEqual(ends);
      }),
      { numRuns: 500 },
    );
  });
});
