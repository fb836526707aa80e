// Progress checks on targets: is anyone logging evidence, are reviews kept, is each target SMART enough to judge.
import type { Finding, IsoDate, Target } from '../model';
import { formatUkDate } from '../dates';
import { at, pupilNameOf, type CheckContext } from './context';
import { evidenceWindow } from './rules';

/** Does a target's status excuse it from needing evidence on `today`? Only a decision written down does:
 * Achieved; Paused until its Review by date (the date the pause is to be looked at again); Discontinued with a
 * date in Review by (when it was stopped). A blank Status reads as Not started, and Not started excuses nothing:
 * a target that should have begun and has no evidence is exactly what this check is for. */
function excusedFromEvidence(t: Target, today: IsoDate): boolean {
  if (t.status === 'Achieved') return true;
  if (t.status === 'Paused') return t.reviewBy !== undefined && t.reviewBy >= today;
  if (t.status === 'Discontinued') return t.reviewBy !== undefined;
  return false;
}

function shortText(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}

function targetName(ctx: CheckContext, t: Target): string {
  return `${pupilNameOf(ctx, t.pupilId)}'s target ${t.id}${t.text ? ` ("${shortText(t.text)}")` : ''}`;
}

/** Latest evidence date on or before today for each target, counting only logs against the target's own pupil. */
export function latestEvidence(ctx: CheckContext): Map<string, IsoDate> {
  const latest = new Map<string, IsoDate>();
  for (const l of ctx.logs) {
    if (!l.targetId) continue;
    const t = ctx.targets.get(l.targetId);
    if (!t || t.pupilId !== l.pupilId) continue;
    // The date is the timestamp's `YYYY-MM-DD` prefix (the local date where it was logged); the parser has
    // already rejected timestamps that are not ISO 8601, so a cheap shape check is enough on 100k rows.
    const date = l.time.slice(0, 10);
    if (date.length !== 10 || date[4] !== '-' || date > ctx.today) continue;
    const prev = latest.get(l.targetId);
    if (prev === undefined || date > prev) latest.set(l.targetId, date);
  }
  return latest;
}

function noEvidence(ctx: CheckContext): Finding[] {
  const days = ctx.tracker.settings.evidenceWindowDays;
  const { from } = evidenceWindow(ctx.today, days);
  const latest = latestEvidence(ctx);
  const out: Finding[] = [];
  for (const t of ctx.tracker.targets) {
    if (excusedFromEvidence(t, ctx.today)) continue;
    // A target set within the window has not had a whole window to gather evidence in.
    if (t.start && t.start > from) continue;
    const last = latest.get(t.id);
    if (last !== undefined && last >= from) continue;
    out.push(
      at(ctx, 'targets', t.status === 'Paused' || t.status === 'Discontinued' ? 'status' : 'id', t.row, {
        severity: 'warning',
        code: 'TARGET_NO_EVIDENCE',
        message: noEvidenceMessage(ctx, t, days, last),
        pupilId: t.pupilId,
      }),
    );
  }
  return out;
}

function noEvidenceMessage(ctx: CheckContext, t: Target, days: number, last: IsoDate | undefined): string {
  const name = targetName(ctx, t);
  const since = last ? ` (last on ${formatUkDate(last)})` : ' (none ever)';
  if (t.status === 'Not started') {
    // With no evidence, a target still Not started long after its start date is worded as that: the status is the news.
    return t.start
      ? `${name} was due to start on ${formatUkDate(t.start)} and is still marked Not started (or has no status), with no evidence in the last ${days} days${since}.`
      : `${name} is marked Not started (or has no status) and has no start date, and no evidence has been logged in the last ${days} days${since}.`;
  }
  if (t.status === 'Paused') {
    return `${name} is marked Paused ${t.reviewBy ? `until ${formatUkDate(t.reviewBy)}, which has passed` : 'with no date in Review by'}, and no evidence has been logged in the last ${days} days${since}.`;
  }
  if (t.status === 'Discontinued')
    return `${name} is marked Discontinued with no date in Review by, and no evidence has been logged in the last ${days} days${since}.`;
  return `No evidence has been logged for ${name} in the last ${days} days${since}.`;
}

function reviewOverdue(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const t of ctx.tracker.targets) {
    if (t.status === 'Achieved' || !t.reviewBy || t.reviewBy >= ctx.today) continue;
    out.push(
      at(ctx, 'targets', 'reviewBy', t.row, {
        severity: 'warning',
        code: 'TARGET_REVIEW_OVERDUE',
        message: `${targetName(ctx, t)} was due for review by ${formatUkDate(t.reviewBy)} and is still ${t.status}.`,
        pupilId: t.pupilId,
      }),
    );
  }
  return out;
}

/** One finding per target naming everything missing, at the first missing cell. Achieved targets are history. */
function notSmart(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const t of ctx.tracker.targets) {
    if (t.status === 'Achieved') continue;
    const missing: { field: string; label: string }[] = [];
    if (!t.baseline?.trim()) missing.push({ field: 'baseline', label: 'baseline' });
    if (!t.successCriteria?.trim()) missing.push({ field: 'successCriteria', label: 'success criteria' });
    if (!t.reviewBy) missing.push({ field: 'reviewBy', label: 'review date' });
    const first = missing[0];
    if (!first) continue;
    const labels = missing.map((m) => m.label);
    const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
    out.push(
      at(ctx, 'targets', first.field, t.row, {
        severity: 'info',
        code: 'TARGET_NOT_SMART',
        message: `${targetName(ctx, t)} has no ${list}: progress against it cannot be judged.`,
        pupilId: t.pupilId,
      }),
    );
  }
  return out;
}

export function checkProgress(ctx: CheckContext): Finding[] {
  return [...noEvidence(ctx), ...reviewOverdue(ctx), ...notSmart(ctx)];
}
