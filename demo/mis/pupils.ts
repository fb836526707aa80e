// The pupils the demo MIS pages show. The caseload ones ARE the demo school's caseload (demo/school.ts):
// same ids, names, UPNs and MIS ids, so the extension badges them. The others are classmates who are not on the
// caseload (and near-misses of caseload names): they must never get a badge.
//
// One MIS id per pupil serves every demo MIS (a real school uses one MIS; its export fills the tracker's
// "MIS ID" column). Gibbon pages show it zero-padded to ten digits, as Gibbon does.

import { demoSchool } from '../school';

export interface DemoMisPupil {
  /** Tracker Pupil ID. */
  id: string;
  firstName: string;
  lastName: string;
  upn: string;
  misId: string;
  year: string;
  form: string;
}

type Row = [id: string, first: string, last: string, year: string, form: string];

/** The demo school's caseload (demo/school.ts), as the MIS shows it: same ids, names, UPNs and MIS ids. */
export const DEMO_CASELOAD: readonly DemoMisPupil[] = demoSchool().pupils.map((p) => ({
  id: p.id,
  firstName: p.firstName,
  lastName: p.lastName,
  upn: p.upn ?? '',
  misId: p.misId ?? '',
  year: p.year ?? '',
  form: p.className ?? '',
}));

/** Classmates not on the caseload, including near-misses that must not match (Amelia Cheng, Jack Harris). */
export const DEMO_OTHERS: readonly DemoMisPupil[] = (
  [
    ['X101', 'Amelia', 'Cheng', '1', '1W'],
    ['X102', 'Jack', 'Harris', '3', '3B'],
    ['X103', 'Sophie', 'Turner', '7', '7N'],
    ['X104', 'Oliver', 'Twist', '9', '9T'],
    ['X105', 'Zoe', 'Okonkwo', '4', '4H'],
    ['X106', 'Mohammed', 'Iqbali', '6', '6M'],
    ['X107', 'Harriet', 'Cole', '11', '11P'],
    ['X108', 'George', 'Ellis', '8', '8T'],
  ] as Row[]
).map(([id, firstName, lastName, year, form], i) => ({
  id,
  firstName,
  lastName,
  upn: `H8204001${'24'}${String(901 + i)}`, // UPN-shaped, never a caseload UPN (those are LA 999)
  misId: String(2001 + i),
  year,
  form,
}));

export function demoMisPupil(id: string): DemoMisPupil {
  const p = DEMO_CASELOAD.find((x) => x.id === id) ?? DEMO_OTHERS.find((x) => x.id === id);
  if (!p) throw new Error(`No demo MIS pupil ${id}`);
  return p;
}
