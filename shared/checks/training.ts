// Training records: certificates that have run out or are about to.
import type { Finding, TrainingRecord } from '../model';
import { addDays, daysBetween, formatUkDate } from '../dates';
import { at, staffName, type CheckContext } from './context';
import { normaliseTraining } from './rules';

/** Warn 30 days ahead: about the time it takes to book a place on a refresher course. (The review warning
 * setting is about annual reviews, which run on a different clock.) */
export const TRAINING_WARNING_DAYS = 30;

export function checkTraining(ctx: CheckContext): Finding[] {
  // A certificate renewed by a later record of the same training is history, not a problem.
  const latestExpiry = new Map<string, string>();
  const open = new Set<string>();
  const keyOf = (r: TrainingRecord) => `${r.staffId}\u0000${normaliseTraining(r.training)}`;
  for (const r of ctx.tracker.training) {
    const k = keyOf(r);
    if (!r.expires) open.add(k);
    else if ((latestExpiry.get(k) ?? '') < r.expires) latestExpiry.set(k, r.expires);
  }
  const soonLimit = addDays(ctx.today, TRAINING_WARNING_DAYS);
  const out: Finding[] = [];
  for (const r of ctx.tracker.training) {
    if (!r.expires) continue;
    const k = keyOf(r);
    if (open.has(k) || latestExpiry.get(k) !== r.expires) continue;
    const who = staffName(ctx, r.staffId);
    if (r.expires <= ctx.today) {
      out.push(
        at(ctx, 'training', 'expires', r.row, {
          severity: 'warning',
          code: 'TRAINING_EXPIRED',
          message: `${who}'s ${r.training} training expired on ${formatUkDate(r.expires)}.`,
          staffId: r.staffId,
        }),
      );
    } else if (r.expires <= soonLimit) {
      const left = daysBetween(ctx.today, r.expires);
      out.push(
        at(ctx, 'training', 'expires', r.row, {
          severity: 'info',
          code: 'TRAINING_EXPIRES_SOON',
          message: `${who}'s ${r.training} training expires on ${formatUkDate(r.expires)}, in ${left} day${left === 1 ? '' : 's'}.`,
          staffId: r.staffId,
        }),
      );
    }
  }
  return out;
}
