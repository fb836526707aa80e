// The DfE unique pupil number (UPN): 13 characters, a check letter then LA number (3 digits), establishment number
// (4), year of allocation (2) and serial (3; a temporary UPN has 2 digits and a final letter). The check letter is
// the sum of each character in positions 2–13 times its position, mod 23, as a letter of CHECK_LETTERS; a temporary
// UPN's final letter counts as its index in that list. (DfE "Unique pupil numbers (UPN)" guidance, Annex: check
// letter calculation.)
const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
const SHAPE = /^[A-Z](\d{11}[0-9A-Z]|\d{12})$/;

/** The check letter the DfE algorithm gives for characters 2–13 of a UPN, or undefined if they are not UPN-shaped. */
export function upnCheckLetter(rest12: string): string | undefined {
  if (!/^\d{11}[0-9A-HJ-NP-RT-Z]$/.test(rest12)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = rest12[i]!;
    const value = /\d/.test(ch) ? Number(ch) : CHECK_LETTERS.indexOf(ch);
    sum += value * (i + 2);
  }
  return CHECK_LETTERS[sum % 23];
}

export type UpnProblem = 'shape' | 'check-letter';

/** Why a UPN is not valid, or undefined when it is. Spaces are ignored; letters may be lower case. */
export function upnProblem(upn: string): { problem: UpnProblem; message: string } | undefined {
  const u = upn.replace(/\s+/g, '').toUpperCase();
  if (!SHAPE.test(u) || upnCheckLetter(u.slice(1)) === undefined) {
    return {
      problem: 'shape',
      message: `UPN "${upn}" is not a UPN: it should be 13 characters, a letter then 12 digits (a temporary UPN ends in a letter).`,
    };
  }
  const expected = upnCheckLetter(u.slice(1))!;
  if (u[0] !== expected) {
    return {
      problem: 'check-letter',
      message: `UPN "${upn}" has the check letter ${u[0]}, but its digits give ${expected}: one of the characters is probably mistyped.`,
    };
  }
  return undefined;
}

/** A UPN with its correct check letter, for fixtures and demo data built from the other 12 characters. */
export function withCheckLetter(rest12: string): string {
  const letter = upnCheckLetter(rest12);
  if (!letter) throw new Error(`"${rest12}" is not the last 12 characters of a UPN`);
  return letter + rest12;
}
