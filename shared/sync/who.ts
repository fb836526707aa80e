// Who is logging, from the signed-in Google account: its email matched to the Staff tab's Email column, so a
// log carries the right Staff ID without the LSA choosing "I am". Emails compare case-insensitively (Google
// treats addresses that way; schools type them in any case).
import type { Staff } from '../model';

export type StaffMatch =
  | { kind: 'matched'; staff: Staff; email: string }
  /** No Staff row has this email: the LSA chooses, and is told why. */
  | { kind: 'unmatched'; email: string; reason: string }
  /** Two or more rows share the email: a data problem for the SENCo; the LSA chooses meanwhile. */
  | { kind: 'ambiguous'; email: string; reason: string; candidates: Staff[] };

const fold = (email: string) => email.trim().toLowerCase();

export function staffForEmail(staff: readonly Staff[], email: string): StaffMatch {
  const hits = staff.filter((s) => s.email !== undefined && fold(s.email) === fold(email));
  if (hits.length === 1) return { kind: 'matched', staff: hits[0]!, email };
  if (hits.length > 1) {
    return {
      kind: 'ambiguous',
      email,
      candidates: hits,
      reason: `Your Google account ${email} is on ${hits.length} rows of the Staff tab (${hits.map((h) => h.id).join(', ')}); choose who you are, and ask your SENCo to keep one`,
    };
  }
  return {
    kind: 'unmatched',
    email,
    reason: `Your Google account ${email} is not in the Staff tab's Email column; choose who you are or ask your SENCo to add it`,
  };
}

/** Whom an LSA should ask for access: the SENCo named in the Staff tab when there is exactly one, else "your SENCo". */
export function whoToAsk(staff: readonly Staff[]): string {
  const sencos = staff.filter((s) => s.role === 'SENCo');
  if (sencos.length !== 1) return 'your SENCo';
  const s = sencos[0]!;
  return `${s.name}${s.email ? ` (${s.email})` : ''}, your SENCo,`;
}
