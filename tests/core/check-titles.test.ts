// Finding titles in words: every check code has one, people can tell them apart, and no title is a code.
import { describe, expect, it } from 'vitest';
import { CHECK_CODES, CHECK_TITLES, checkTitle } from '../../shared/index';

describe('check titles', () => {
  it('gives every check code a distinct title in words, not a code', () => {
    for (const code of CHECK_CODES) {
      const title = CHECK_TITLES[code];
      expect(title, code).toMatch(/^[A-Z]\S* \S/); // words (at least two), capital first
      expect(title, code).not.toMatch(/[A-Z]{2,}_|_/);
    }
    expect(new Set(CHECK_CODES.map((c) => CHECK_TITLES[c])).size).toBe(CHECK_CODES.length);
    expect(Object.keys(CHECK_TITLES).sort()).toEqual([...CHECK_CODES].sort());
  });

  it('titles a known code and shows an unknown one as itself rather than hiding it', () => {
    expect(checkTitle('ROTA_PUPIL_UNSUPERVISED')).toBe('Pupil left without their adult');
    expect(checkTitle('SOME_NEWER_CODE')).toBe('SOME_NEWER_CODE');
  });
});
