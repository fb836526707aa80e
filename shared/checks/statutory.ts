// Statutory deadlines from the SEND Code of Practice 0–25 (2015): annual reviews, their notice and report, and
// phase transfer. Dates are days; "today" comes from the caller.
import { groupBy } from '../text';
import { hasEhcp, type Finding, type IsoDate, type Pupil, type Review } from '../model';
import { addDays, addMonths, daysBetween, formatUkDate } from '../dates';
import { at, pupilNameOf, type CheckContext } from './context';

/** Notice of the meeting goes out at least 2 weeks before it; the report reaches the LA within 2 weeks after it. */
const NOTICE_DAYS = 14;
const REPORT_DAYS = 14;

function cancelled(r: Review): boolean {
  return /cancel/i.test(r.status ?? '');
}

/** Months between annual reviews: 12, or 6 for children under 5. Without dates of birth we cannot know who is
 * under 5, so we are explicit and conservative: a Reception pupil is treated as under 5 throughout the autumn
 * term (1 September to 31 December), when nearly every Reception child is; from January we use 12 months. */
export function reviewIntervalMonths(p: Pick<Pupil, 'year'>, today: IsoDate): 6 | 12 {
  const month = Number(today.slice(5, 7));
  return p.year === 'R' && month >= 9 ? 6 : 12;
}

/** 1 September that starts the school year holding `today`. */
export function academicYearStart(today: IsoDate): IsoDate {
  const y = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return `${month >= 9 ? y : y - 1}-09-01`;
}

/** Phase transfer deadline for a pupil moving at the end of this school year: the amended plan must be final by
 * 31 March for a move from Year 11 (or later) to post-16, and by 15 February for every school-phase move
 * (Year 6 to secondary, infant to junior, …). An unknown year gets 15 February, the earlier date. */
export function phaseTransferDeadline(p: Pick<Pupil, 'year'>, today: IsoDate): IsoDate {
  const transferYear = Number(academicYearStart(today).slice(0, 4)) + 1;
  const post16 = p.year !== undefined && p.year !== 'R' && Number(p.year) >= 11;
  return post16 ? `${transferYear}-03-31` : `${transferYear}-02-15`;
}

/** The amended plan counts as done when a Phase transfer review this school year says "final" in its status or
 * has a report sent date (the school's part is complete once the report has gone to the LA). A final status
 * with no dates at all is taken at its word. */
function phaseTransferDone(reviews: readonly Review[], today: IsoDate): boolean {
  const since = academicYearStart(today);
  return reviews.some((r) => {
    if (r.type !== 'Phase transfer' || cancelled(r)) return false;
    if (!/final/i.test(r.status ?? '') && !r.reportSent) return false;
    const when = r.reportSent ?? r.meetingDate;
    return when === undefined || when >= since;
  });
}

function annualReviews(ctx: CheckContext, reviewsByPupil: Map<string, Review[]>): Finding[] {
  const today = ctx.today;
  const warnDays = ctx.tracker.settings.reviewWarningDays;
  const out: Finding[] = [];
  for (const p of ctx.pupils.values()) {
    if (!hasEhcp(p)) continue;
    const annual = (reviewsByPupil.get(p.id) ?? []).filter((r) => r.type === 'Annual' && !cancelled(r) && r.meetingDate);
    let last = p.lastAnnualReview;
    for (const r of annual) if (r.meetingDate! <= today && (!last || r.meetingDate! > last)) last = r.meetingDate;
    const since = last ?? p.ehcpIssued;
    if (!since) continue;
    const months = reviewIntervalMonths(p, today);
    const due = addMonths(since, months);
    const booked = annual
      .map((r) => r.meetingDate!)
      .filter((d) => d > today)
      .sort()[0];
    const basis = last
      ? `the last was on ${formatUkDate(last)}`
      : `the EHCP was issued on ${formatUkDate(since)} and no annual review is recorded`;
    const field = last ? 'lastAnnualReview' : 'ehcpIssued';
    if (due < today) {
      out.push(
        at(ctx, 'pupils', field, p.row, {
          severity: 'error',
          code: 'REVIEW_OVERDUE',
          message: `${pupilNameOf(ctx, p.id)}'s annual review is overdue: it was due by ${formatUkDate(due)} (within ${months} months; ${basis})${booked ? `. A meeting is booked for ${formatUkDate(booked)}` : ''}.`,
          pupilId: p.id,
        }),
      );
    } else if (daysBetween(today, due) <= warnDays && !(booked && booked <= due)) {
      out.push(
        at(ctx, 'pupils', field, p.row, {
          severity: 'warning',
          code: 'REVIEW_DUE_SOON',
          message: `${pupilNameOf(ctx, p.id)}'s annual review is due by ${formatUkDate(due)} (${basis}) and no meeting is booked yet: invitations must go out at least 2 weeks before.`,
          pupilId: p.id,
        }),
      );
    }
  }
  return out;
}

/** Notice and report timing for annual and phase transfer reviews (interim reviews have no statutory clock). */
function noticeAndReport(ctx: CheckContext): Finding[] {
  const today = ctx.today;
  const out: Finding[] = [];
  for (const r of ctx.tracker.reviews) {
    if (r.type === 'Interim' || cancelled(r) || !r.meetingDate) continue;
    const who = pupilNameOf(ctx, r.pupilId);
    const meeting = formatUkDate(r.meetingDate);
    if (r.noticeSent) {
      const notice = daysBetween(r.noticeSent, r.meetingDate);
      if (notice < NOTICE_DAYS) {
        out.push(
          at(ctx, 'reviews', 'noticeSent', r.row, {
            severity: 'warning',
            code: 'REVIEW_NOTICE_LATE',
            message: `Notice of ${who}'s review on ${meeting} was sent on ${formatUkDate(r.noticeSent)}, only ${notice} day${notice === 1 ? '' : 's'} before: it must go at least 2 weeks before.`,
            pupilId: r.pupilId,
          }),
        );
      }
    } else if (r.meetingDate >= today && daysBetween(today, r.meetingDate) <= NOTICE_DAYS) {
      out.push(
        at(ctx, 'reviews', 'noticeSent', r.row, {
          severity: 'warning',
          code: 'REVIEW_NOTICE_LATE',
          message: `${who}'s review meeting is on ${meeting} and no notice has been sent: invitations must go at least 2 weeks before.`,
          pupilId: r.pupilId,
        }),
      );
    }
    if (r.reportSent) {
      const after = daysBetween(r.meetingDate, r.reportSent);
      if (after > REPORT_DAYS) {
        out.push(
          at(ctx, 'reviews', 'reportSent', r.row, {
            severity: 'warning',
            code: 'REVIEW_REPORT_LATE',
            message: `The report of ${who}'s review on ${meeting} was sent on ${formatUkDate(r.reportSent)}, ${after} days after the meeting: it must reach the local authority within 2 weeks.`,
            pupilId: r.pupilId,
          }),
        );
      }
    } else if (daysBetween(r.meetingDate, today) > REPORT_DAYS) {
      out.push(
        at(ctx, 'reviews', 'reportSent', r.row, {
          severity: 'error',
          code: 'REVIEW_REPORT_LATE',
          message: `The report of ${who}'s review on ${meeting} has not been sent: it was due with the local authority by ${formatUkDate(addDays(r.meetingDate, REPORT_DAYS))}.`,
          pupilId: r.pupilId,
        }),
      );
    }
  }
  return out;
}

function phaseTransfer(ctx: CheckContext, reviewsByPupil: Map<string, Review[]>): Finding[] {
  const today = ctx.today;
  const warnDays = ctx.tracker.settings.reviewWarningDays;
  const out: Finding[] = [];
  for (const p of ctx.pupils.values()) {
    if (!p.phaseTransfer || !hasEhcp(p)) continue;
    if (phaseTransferDone(reviewsByPupil.get(p.id) ?? [], today)) continue;
    const deadline = phaseTransferDeadline(p, today);
    const left = daysBetween(today, deadline);
    const move = p.year !== undefined && p.year !== 'R' && Number(p.year) >= 11 ? 'post-16 transfer' : 'phase transfer';
    if (left < 0) {
      out.push(
        at(ctx, 'pupils', 'phaseTransfer', p.row, {
          severity: 'error',
          code: 'PHASE_TRANSFER_DEADLINE',
          message: `${pupilNameOf(ctx, p.id)}'s amended EHCP for ${move} had to be final by ${formatUkDate(deadline)} and the Reviews tab shows no final plan or report sent.`,
          pupilId: p.id,
        }),
      );
    } else if (left <= warnDays) {
      out.push(
        at(ctx, 'pupils', 'phaseTransfer', p.row, {
          severity: 'warning',
          code: 'PHASE_TRANSFER_DEADLINE',
          message: `${pupilNameOf(ctx, p.id)}'s amended EHCP for ${move} must be final by ${formatUkDate(deadline)} (${left} day${left === 1 ? '' : 's'} left) and the Reviews tab shows no final plan or report sent yet.`,
          pupilId: p.id,
        }),
      );
    }
  }
  return out;
}

export function checkStatutory(ctx: CheckContext): Finding[] {
  const reviewsByPupil = groupBy(ctx.tracker.reviews, (r) => r.pupilId);
  return [...annualReviews(ctx, reviewsByPupil), ...noticeAndReport(ctx), ...phaseTransfer(ctx, reviewsByPupil)];
}
