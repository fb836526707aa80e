// Provision checks: did the funded 1:1 support happen? Judged on sessions' recorded outcomes (provision/), over the
// completed school weeks of the last four weeks. A tracker where nobody records sessions yet gets nothing here:
// these checks wake up with the first Session outcome row, so a school that has not started is not flooded.
import type { Finding } from '../model';
import { addDays, formatUkDate } from '../dates';
import { effectiveLogs } from '../corrections';
import { latestOutcomes } from '../provision/outcomes';
import { missedByReason, weeklyProvision } from '../provision/rollup';
import { at, pupilNameOf, type CheckContext } from './context';
import { formatDuration, listInWords, weekStart } from './rules';

/** How far back completed weeks are judged: a month, so last week's shortfall is not forgotten by Monday. */
export const PROVISION_LOOKBACK_DAYS = 28;

export function checkProvision(ctx: CheckContext): Finding[] {
  const outcomes = latestOutcomes(effectiveLogs(ctx.tracker.logs), true);
  if (outcomes.size === 0) return [];
  const from = weekStart(addDays(ctx.today, -PROVISION_LOOKBACK_DAYS));
  const to = addDays(weekStart(ctx.today), -1);
  if (to < from) return [];
  const out: Finding[] = [];
  for (const [pupilId, weeks] of weeklyProvision(ctx.tracker, { from, to, today: ctx.today, outcomes })) {
    const pupil = ctx.pupils.get(pupilId);
    const name = pupilNameOf(ctx, pupilId);
    for (const w of weeks) {
      if (!w.complete) continue;
      const recorded = w.sessions.some((s) => s.log);
      const week = formatUkDate(w.week);
      if (w.funded !== undefined && recorded && w.oneToOne.delivered < w.funded) {
        const reasons = missedByReason(w.oneToOne).map((r) => `${r.reason.toLowerCase()} ${formatDuration(r.minutes)}`);
        if (w.oneToOne.partShort > 0) reasons.push(`part-delivered sessions ${formatDuration(w.oneToOne.partShort)}`);
        if (w.oneToOne.notRecorded > 0) reasons.push(`not recorded ${formatDuration(w.oneToOne.notRecorded)}`);
        if (w.oneToOne.rostered < w.funded) reasons.push(`only ${formatDuration(w.oneToOne.rostered)} rostered`);
        out.push(
          at(ctx, 'pupils', 'fundedHours', pupil?.row, {
            severity: 'warning',
            code: 'PROVISION_UNDER_DELIVERED',
            message: `${name} received ${formatDuration(w.oneToOne.delivered)} of ${formatDuration(w.funded)} funded 1:1 support in the week of ${week}, ${formatDuration(w.funded - w.oneToOne.delivered)} short${reasons.length ? `: ${listInWords(reasons.slice(0, 3))}` : ''}.`,
            pupilId,
          }),
        );
      }
      const notRecorded = w.sessions.filter((s) => s.status === 'Not recorded');
      if (notRecorded.length > 0) {
        const minutes = notRecorded.reduce((t, s) => t + s.rosteredMinutes, 0);
        out.push(
          at(ctx, 'pupils', 'id', pupil?.row, {
            severity: 'info',
            code: 'SESSIONS_NOT_RECORDED',
            message: `${notRecorded.length} of ${name}'s sessions in the week of ${week} (${formatDuration(minutes)}) have no outcome recorded, so they are not counted as delivered.`,
            pupilId,
          }),
        );
      }
    }
  }
  return out;
}
