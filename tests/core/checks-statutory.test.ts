import { describe, expect, it } from 'vitest';
import type { Pupil, Review } from '../../shared/model';
import { brief, findingsOf } from './checks-helpers';
import { validParts, validTracker } from './fixtures';

function withPupil(id: string, change: Partial<Pupil>) {
  return validParts().pupils.map((p) => (p.id === id ? { ...p, ...change } : p));
}

describe('REVIEW_OVERDUE', () => {
  it('fires when the last annual review is more than 12 months ago', () => {
    const f = findingsOf(validTracker({ pupils: withPupil('P02', { lastAnnualReview: '2025-11-20' }) }), 'REVIEW_OVERDUE');
    expect(brief(f)).toEqual([{ code: 'REVIEW_OVERDUE', severity: 'error', cell: 'Pupils!L3', pupilId: 'P02' }]);
    expect(f[0]!.message).toBe(
      "Ava Lee's annual review is overdue: it was due by 20/11/2026 (within 12 months; the last was on 20/11/2025).",
    );
  });

  it('fires at the EHCP issue date when no review was ever held', () => {
    const p = validParts();
    const t = validTracker({
      pupils: withPupil('P01', { lastAnnualReview: undefined }),
      reviews: p.reviews.filter((r) => r.pupilId !== 'P01'),
    });
    const f = findingsOf(t, 'REVIEW_OVERDUE');
    expect(brief(f)).toEqual([{ code: 'REVIEW_OVERDUE', severity: 'error', cell: 'Pupils!K2', pupilId: 'P01' }]);
    expect(f[0]!.message).toContain('the EHCP was issued on 10/03/2023 and no annual review is recorded');
  });

  it('uses 6 months for a Reception pupil in the autumn term', () => {
    const f = findingsOf(validTracker({ pupils: withPupil('P03', { ehcpIssued: '2026-05-01' }) }), 'REVIEW_OVERDUE');
    expect(brief(f)).toEqual([{ code: 'REVIEW_OVERDUE', severity: 'error', cell: 'Pupils!K4', pupilId: 'P03' }]);
    expect(f[0]!.message).toContain('due by 01/11/2026 (within 6 months');
    expect(f[0]!.message).toContain('A meeting is booked for 14/12/2026');
  });

  it('is silent for a Year 1 pupil on the same dates, and when the Reviews tab has a later annual meeting', () => {
    const p = validParts();
    const pupils = p.pupils.map((x) =>
      x.id === 'P03'
        ? { ...x, year: '1' as const, ehcpIssued: '2026-05-01' }
        : x.id === 'P02'
          ? { ...x, lastAnnualReview: '2025-11-01' }
          : x,
    );
    const reviews: Review[] = [
      ...p.reviews,
      { pupilId: 'P02', type: 'Annual', meetingDate: '2026-01-15', noticeSent: '2025-12-15', reportSent: '2026-01-20', status: 'Final' },
    ];
    expect(findingsOf(validTracker({ pupils, reviews }), 'REVIEW_OVERDUE')).toEqual([]);
  });
});

describe('REVIEW_DUE_SOON', () => {
  it('fires within the warning window when no meeting is booked', () => {
    const f = findingsOf(validTracker({ pupils: withPupil('P02', { lastAnnualReview: '2026-01-04' }) }), 'REVIEW_DUE_SOON');
    expect(brief(f)).toEqual([{ code: 'REVIEW_DUE_SOON', severity: 'warning', cell: 'Pupils!L3', pupilId: 'P02' }]);
    expect(f[0]!.message).toContain('due by 04/01/2027');
  });

  it('is silent one day outside the window, and when a meeting is booked before the due date', () => {
    expect(findingsOf(validTracker({ pupils: withPupil('P02', { lastAnnualReview: '2026-01-05' }) }), 'REVIEW_DUE_SOON')).toEqual([]);
    const p = validParts();
    const reviews: Review[] = [...p.reviews, { pupilId: 'P02', type: 'Annual', meetingDate: '2026-12-10', noticeSent: '2026-11-20' }];
    expect(findingsOf(validTracker({ pupils: withPupil('P02', { lastAnnualReview: '2025-12-20' }), reviews }), 'REVIEW_DUE_SOON')).toEqual(
      [],
    );
  });
});

describe('REVIEW_NOTICE_LATE', () => {
  it('fires when notice went less than 2 weeks before, or a meeting is close with no notice', () => {
    const p = validParts();
    const reviews: Review[] = [
      { ...p.reviews[0]!, noticeSent: '2026-12-04' },
      p.reviews[1]!,
      p.reviews[2]!,
      { pupilId: 'P02', type: 'Annual', meetingDate: '2026-12-07' },
    ];
    const f = findingsOf(validTracker({ reviews }), 'REVIEW_NOTICE_LATE');
    expect(brief(f)).toEqual([
      { code: 'REVIEW_NOTICE_LATE', severity: 'warning', cell: 'Reviews!D2', pupilId: 'P03' },
      { code: 'REVIEW_NOTICE_LATE', severity: 'warning', cell: 'Reviews!D5', pupilId: 'P02' },
    ]);
    expect(f[0]!.message).toBe(
      "Notice of Noah Brown's review on 14/12/2026 was sent on 04/12/2026, only 10 days before: it must go at least 2 weeks before.",
    );
    expect(f[1]!.message).toBe(
      "Ava Lee's review meeting is on 07/12/2026 and no notice has been sent: invitations must go at least 2 weeks before.",
    );
  });

  it('is silent for exactly 2 weeks’ notice, a meeting 15 days away, and interim reviews', () => {
    const p = validParts();
    const reviews: Review[] = [
      { ...p.reviews[0]!, noticeSent: '2026-11-30' },
      p.reviews[1]!,
      p.reviews[2]!,
      { pupilId: 'P02', type: 'Annual', meetingDate: '2026-12-08' },
      { pupilId: 'P04', type: 'Interim', meetingDate: '2026-11-25' },
    ];
    expect(findingsOf(validTracker({ reviews }), 'REVIEW_NOTICE_LATE')).toEqual([]);
  });
});

describe('REVIEW_REPORT_LATE', () => {
  it('warns for a report sent more than 2 weeks after, and errs when none has gone after 2 weeks', () => {
    const p = validParts();
    const reviews: Review[] = [
      p.reviews[0]!,
      p.reviews[1]!,
      { ...p.reviews[2]!, reportSent: '2026-03-27' },
      { pupilId: 'P02', type: 'Annual', meetingDate: '2026-11-08', noticeSent: '2026-10-20' },
    ];
    const f = findingsOf(validTracker({ reviews }), 'REVIEW_REPORT_LATE');
    expect(brief(f)).toEqual([
      { code: 'REVIEW_REPORT_LATE', severity: 'error', cell: 'Reviews!E5', pupilId: 'P02' },
      { code: 'REVIEW_REPORT_LATE', severity: 'warning', cell: 'Reviews!E4', pupilId: 'P01' },
    ]);
    expect(f[0]!.message).toBe(
      "The report of Ava Lee's review on 08/11/2026 has not been sent: it was due with the local authority by 22/11/2026.",
    );
  });

  it('is silent for a report sent on day 14, a meeting 14 days ago, and cancelled meetings', () => {
    const p = validParts();
    const reviews: Review[] = [
      p.reviews[0]!,
      p.reviews[1]!,
      { ...p.reviews[2]!, reportSent: '2026-03-26' },
      { pupilId: 'P02', type: 'Annual', meetingDate: '2026-11-09', noticeSent: '2026-10-20' },
      { pupilId: 'P04', type: 'Annual', meetingDate: '2026-10-01', noticeSent: '2026-09-01', status: 'Cancelled' },
    ];
    expect(findingsOf(validTracker({ reviews }), 'REVIEW_REPORT_LATE')).toEqual([]);
  });
});

describe('PHASE_TRANSFER_DEADLINE', () => {
  const notDone = () => {
    const p = validParts();
    return p.reviews.map((r) => (r.type === 'Phase transfer' ? { ...r, reportSent: undefined, status: 'Draft' } : r));
  };

  it('warns within the warning window before 15 February for Year 6', () => {
    const f = findingsOf(validTracker({ reviews: notDone() }), 'PHASE_TRANSFER_DEADLINE', '2027-01-10');
    expect(brief(f)).toEqual([{ code: 'PHASE_TRANSFER_DEADLINE', severity: 'warning', cell: 'Pupils!O6', pupilId: 'P05' }]);
    expect(f[0]!.message).toContain('must be final by 15/02/2027 (36 days left)');
  });

  it('errs once the deadline has passed, and uses 31 March for Year 11', () => {
    expect(brief(findingsOf(validTracker({ reviews: notDone() }), 'PHASE_TRANSFER_DEADLINE', '2027-02-16'))).toEqual([
      { code: 'PHASE_TRANSFER_DEADLINE', severity: 'error', cell: 'Pupils!O6', pupilId: 'P05' },
    ]);
    const pupils = withPupil('P05', { year: '11' });
    expect(findingsOf(validTracker({ pupils, reviews: notDone() }), 'PHASE_TRANSFER_DEADLINE', '2027-02-16')).toEqual([]);
    const f = findingsOf(validTracker({ pupils, reviews: notDone() }), 'PHASE_TRANSFER_DEADLINE', '2027-03-01');
    expect(f.map((x) => [x.severity, x.message])).toEqual([
      ['warning', expect.stringContaining('post-16 transfer must be final by 31/03/2027 (30 days left)')],
    ]);
  });

  it('does not count last school year’s final review', () => {
    const p = validParts();
    const reviews = [...notDone(), { pupilId: 'P05', type: 'Phase transfer' as const, meetingDate: '2026-02-01', status: 'Final' }];
    expect(findingsOf(validTracker({ reviews }), 'PHASE_TRANSFER_DEADLINE', '2027-02-16')).toHaveLength(1);
    expect(p.reviews).toHaveLength(3);
  });

  it('is silent when a report has been sent or the plan is marked final this year', () => {
    expect(findingsOf(validTracker(), 'PHASE_TRANSFER_DEADLINE', '2027-02-16')).toEqual([]);
    const finalNoReport = notDone().map((r) => (r.type === 'Phase transfer' ? { ...r, status: 'Final plan issued' } : r));
    expect(findingsOf(validTracker({ reviews: finalNoReport }), 'PHASE_TRANSFER_DEADLINE', '2027-02-16')).toEqual([]);
  });
});
