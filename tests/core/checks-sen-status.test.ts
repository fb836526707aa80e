// The checks that only apply to an EHC plan — funded 1:1 hours, annual reviews, phase transfer — go by SEN status E.
// The same pupil, with the same overdue review, short hours and passed transfer deadline, is silent as K (SEN
// support) or N, and fires as E.
import { describe, expect, it } from 'vitest';
import type { CheckCode, Pupil, SenStatus } from '../../shared/model';
import { findingsOf } from './checks-helpers';
import { validParts, validTracker } from './fixtures';

/** P05 with an annual review 20 months ago, 12 funded hours nobody is rostered for, and a transfer deadline passed. */
function trackerWith(status: SenStatus) {
  const overdue: Partial<Pupil> = {
    senStatus: status,
    year: '6',
    ehcpIssued: '2021-05-01',
    lastAnnualReview: '2025-03-20',
    fundedHours: 12,
    phaseTransfer: true,
  };
  const parts = validParts();
  return validTracker({
    pupils: parts.pupils.map((p) => (p.id === 'P05' ? { ...p, ...overdue } : p)),
    reviews: parts.reviews.filter((r) => r.pupilId !== 'P05'),
    rota: parts.rota.filter((b) => !b.pupilIds.includes('P05')),
  });
}

const EHCP_ONLY: CheckCode[] = ['REVIEW_OVERDUE', 'ROTA_EHCP_HOURS_SHORT', 'PHASE_TRANSFER_DEADLINE'];

describe('EHC-plan checks go by SEN status E', () => {
  it.each(EHCP_ONLY)('%s fires for P05 on an EHC plan (E)', (code) => {
    // 15/02 of the transfer year is the statutory deadline for Year 6 → 7; 2027-03-01 is past it.
    const today = code === 'PHASE_TRANSFER_DEADLINE' ? '2027-03-01' : undefined;
    const f = findingsOf(trackerWith('E'), code, today).filter((x) => x.pupilId === 'P05');
    expect(f.length, code).toBe(1);
  });

  it.each(EHCP_ONLY.flatMap((code) => (['K', 'N'] as const).map((status) => [code, status] as const)))(
    '%s is silent for the same pupil on %s',
    (code, status) => {
      const today = code === 'PHASE_TRANSFER_DEADLINE' ? '2027-03-01' : undefined;
      expect(findingsOf(trackerWith(status), code, today).filter((x) => x.pupilId === 'P05')).toEqual([]);
    },
  );
});
