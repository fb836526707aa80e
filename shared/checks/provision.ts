// Provision checks: did the funded 1:1 support happen? Judged on sessions' recorded outcomes (provision/), over the
// completed school weeks of the last four weeks in which the school recorded any session (so holidays and the
// weeks before a school starts recording are not flagged).
import type { Finding } from '../model';
import { addDays, formatUkDate } from '../dates';
import { AUTOMATIC_SOURCE, latestOutcomes } from '../provision/outcomes';
import { missedByReason, weeklyProvision } from '../provision/rollup';
import { at, pupilNameOf, type CheckContext } from './context';
import { formatDuration, listInWords, weekStart } from './rules';

/** How far back completed weeks are judged: a month, so last week's shortfall is not forgotten by Monday. */
export const PROVISION_LOOKBACK_DAYS = 28;

export function checkProvision(ctx: CheckContext): Finding[] {
  const outcomes = latestOutcomes(ctx.logs, true); // ctx.logs is the Log with corrections applied once
  if (outcomes.size === 0) return [];
  const from = weekStart(addDays(ctx.today, -PROVISION_LOOKBACK_DAYS));
  const to = addDays(weekStart(ctx.today), -1);
  if (to < from) return [];
  // Only weeks in which the school recorded some session at all are judged: a half-term holiday, or the weeks
  // before a school started recording, are not weeks of missing provision.
  const recordingWeeks = new Set<string>();
  for (const l of outcomes.values()) {
    const date = l.session?.slice(0, 10);
    if (date && date >= from && date <= to) recordingWeeks.add(weekStart(date));
  }
  // "Not recorded" is reported for pupils whose sessions someone records (a person's outcome in the period, not
  // only ones the cover planner wrote): a pupil nobody has started recording for would be all noise.
  const recordedByPerson = new Set<string>();
  for (const l of outcomes.values()) {
    const date = l.session?.slice(0, 10);
    if (date && date >= from && date <= to && l.source !== AUTOMATIC_SOURCE) recordedByPerson.add(l.pupilId);
  }
  const out: Finding[] = [];
  for (const [pupilId, weeks] of weeklyProvision(ctx.tracker, { from, to, today: ctx.today, outcomes })) {
    const pupil = ctx.pupils.get(pupilId);
    const name = pupilNameOf(ctx, pupilId);
    for (const w of weeks) {
      if (!w.complete || !recordingWeeks.has(w.week)) continue;
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
      if (notRecorded.length > 0 && recordedByPerson.has(pupilId)) {
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
