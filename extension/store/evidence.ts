// "Last evidence" on a target as the overlay shows it: the Sheet's summary (every device's logs, as of the last
// pull) joined with this device's own logs that the summary cannot contain yet (still in the outbox, or synced
// after the pull read the Log).
import type { IDBPDatabase } from 'idb';
import { addDays, applyCorrections } from '../../shared/index';
import type { IsoDate, Prompt, Rating } from '../../shared/index';
import type { CaseloadDb, StoredEvidence, StoredLog } from './db';

export interface EvidenceView {
  /** The latest evidence: when (ms) and its rating and prompt. */
  last?: { at: number; rating?: Rating; prompt?: Prompt };
  /** How many logs fall in the evidence window of `days` days ending today, or ending `asOf` when the Sheet's
   * count is older than today (the device has not pulled since). */
  count: number;
  days: number;
  asOf?: IsoDate;
}

/** Whether a device log is not yet counted in the summary. The summary lists the IDs of the logs it counts, so a
 * log whose append reached the Sheet before the pull read it, but which this device only confirmed afterwards,
 * is not counted twice. (Summaries stored before they carried IDs fall back on the confirmation time alone.) */
function notInSummary(log: StoredLog, summary: StoredEvidence | undefined, counted: ReadonlySet<string>): boolean {
  if (!summary) return true;
  if (counted.has(log.id)) return false;
  return log.syncedAt === undefined || log.syncedAt > summary.readAt;
}

/**
 * One target's evidence: `summary` from the Sheet (may be absent: local-only mode, or nothing logged there),
 * `local` this device's logs against the target (its own Correction rows included), `today` the local date and
 * `windowDays` the tracker's window. Corrections made here apply at once (shared/corrections.ts): a log voided on
 * this device leaves the count even when the summary, pulled before the correction reached the Sheet, still
 * counts it, and an edited log shows its new rating and prompt. (If the voided log was the summary's latest, the
 * one before it is not known until the next pull: the latest of this device's own logs stands in, or none.)
 */
export function combineEvidence(
  summary: StoredEvidence | undefined,
  local: readonly StoredLog[],
  today: IsoDate,
  windowDays: number,
): EvidenceView {
  const applied = applyCorrections(local);
  const own = applied.effective as StoredLog[];
  const counted = new Set(summary?.ids ?? []);
  const extra = own.filter((l) => notInSummary(l, summary, counted));
  let last: EvidenceView['last'];
  const summaryLast = summary?.last;
  if (summaryLast && !(summaryLast.id !== undefined && applied.voided.has(summaryLast.id))) {
    const at = Date.parse(summaryLast.time);
    const edited = summaryLast.id === undefined ? undefined : applied.edited.get(summaryLast.id);
    const values = edited ?? summaryLast;
    if (!Number.isNaN(at))
      last = { at, ...(values.rating ? { rating: values.rating } : {}), ...(values.prompt ? { prompt: values.prompt } : {}) };
  }
  for (const l of extra) {
    if (last && l.at <= last.at) continue;
    last = { at: l.at, ...(l.rating ? { rating: l.rating } : {}), ...(l.prompt ? { prompt: l.prompt } : {}) };
  }
  const fresh = summary === undefined || summary.asOf >= today;
  const days = summary?.windowDays ?? windowDays;
  const end = fresh ? today : summary.asOf;
  const from = addDays(end, -days);
  const recent = extra.filter((l) => {
    const d = l.time.slice(0, 10);
    return d >= from && d <= end;
  }).length;
  let voidedInSummary = 0;
  for (const id of applied.voided) if (counted.has(id)) voidedInSummary += 1;
  return {
    ...(last ? { last } : {}),
    count: Math.max(0, (summary?.count ?? 0) - voidedInSummary) + recent,
    days,
    ...(fresh ? {} : { asOf: summary.asOf }),
  };
}

/** The stored summaries for these targets (absent ones have no evidence in the Sheet, or were never pulled). */
export async function evidenceFor(db: IDBPDatabase<CaseloadDb>, targetIds: readonly string[]): Promise<Record<string, StoredEvidence>> {
  const tx = db.transaction('evidence', 'readonly');
  const out: Record<string, StoredEvidence> = {};
  await Promise.all(
    targetIds.map(async (id) => {
      const e = await tx.store.get(id);
      if (e) out[id] = e;
    }),
  );
  await tx.done;
  return out;
}
