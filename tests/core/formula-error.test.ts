// isFormulaError is asked of every cell read, so it answers most strings from their first character; these pin
// that the shortcut never changes an answer: padded errors (spaces, non-breaking spaces, tabs) are still errors.
import { describe, expect, it } from 'vitest';
import { isFormulaError } from '../../shared/schema/cells';

describe('isFormulaError', () => {
  it('knows the cached results of broken formulas, however they are padded', () => {
    for (const v of ['#REF!', '#N/A', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!', '#SPILL!', '#CALC!', '#GETTING_DATA'])
      expect(isFormulaError(v)).toBe(true);
    for (const v of [' #REF!', '\u00a0#N/A', '\t#VALUE! ', '\u2003#NAME?', '\ufeff#NUM!', '\n#NULL!'])
      expect(isFormulaError(v), JSON.stringify(v)).toBe(true);
  });

  it('is not fooled by text that merely mentions one, or by other values', () => {
    for (const v of ['REF!', 'see #REF!', '#REF', '#ref!x', 'x#N/A', '', ' ', 'Reads aloud', '#', '# REF!'])
      expect(isFormulaError(v), JSON.stringify(v)).toBe(false);
    expect(isFormulaError(null)).toBe(false);
    expect(isFormulaError(42)).toBe(false);
    expect(isFormulaError(new Date(0))).toBe(false);
  });
});
