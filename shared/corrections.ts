// Corrections: how an append-only Log is changed after the fact, and the one function every reader of logs goes
// through to see the logs as they now stand.
//
// The Log tab is a statutory record, so nothing in it is ever overwritten or deleted by Caseload. A log that was
// wrong is corrected by appending a row of Kind `Correction` with its own Log ID:
//  - `Corrects` = the Log ID of the log it applies to, `Correction` = `Void` or `Edit`;
//  - Staff ID = who made the correction, Time = when;
//  - an `Edit` row carries the log's full new values (Pupil ID, Target ID, Rating, Prompt, Minutes, Note): a blank
//    cell there means the value was cleared. The log keeps its own Log ID, Time, Kind, Staff ID and Source.
//
// effectiveLogs(rows) is the Log as every consumer must count it:
//  1. De-duplicated by Log ID, first row wins (a transport can write a row twice; nothing deletes the copy).
//  2. Correction rows themselves never count as evidence.
//  3. Each log's corrections are applied and the LATEST one decides (by Time, then by row order): `Void` drops the
//     log, `Edit` replaces its values. So "edit, then undo" voids it, and "undo, then edit" brings it back edited.
//  4. A correction of a correction (only ever typed by hand: the app always names the original) is applied to the
//     original log that the chain ends at; a chain that loops or ends at nothing is ignored.
//  5. A correction whose target is missing (not in the rows given: deleted by hand, or not yet synced from
//     another device) changes nothing and counts nowhere; `orphans` lists it so a check can say so.
// Rows without a Log ID can be neither de-duplicated nor corrected: they are kept as they are.
import type { CorrectionType, LogEntry } from './model';

/** The fields an Edit correction carries: the log's full new values. */
// A session outcome is corrected like any log: its outcome and missed reason are values an Edit replaces (the
// session it belongs to is its identity, not a value).
export const EDITABLE_FIELDS = ['pupilId', 'targetId', 'rating', 'prompt', 'minutes', 'note', 'outcome', 'missedReason'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type LogValues = Pick<LogEntry, 'pupilId'> & Partial<Pick<LogEntry, Exclude<EditableField, 'pupilId'>>>;

export interface CorrectionMeta {
  /** The correction row's own Log ID (a fresh UUID). */
  id: string;
  /** When the correction was made (ISO 8601 with offset, as every Log time). */
  time: string;
  /** Who made it. */
  staffId?: string;
}

export interface AppliedCorrections {
  /** The logs as they now stand, in row order: each Log ID once, no voided logs, edits applied, no correction rows. */
  effective: LogEntry[];
  /** Log IDs of logs voided by their latest correction. */
  voided: Set<string>;
  /** Logs whose latest correction is an Edit, by Log ID, with their new values. */
  edited: Map<string, LogEntry>;
  /** Correction rows that changed nothing: their target is missing, the chain loops, or the row is incomplete. */
  orphans: LogEntry[];
  /** Later rows repeating a Log ID already seen (first row wins), in row order. */
  duplicates: LogEntry[];
}

export function isCorrection(log: Pick<LogEntry, 'kind'>): boolean {
  return log.kind === 'Correction';
}

/** A Correction row voiding `original`. It carries the original's pupil and target so it is filed with them. */
export function voidCorrection(original: LogEntry, meta: CorrectionMeta): LogEntry {
  return correctionRow(original, meta, 'Void', {
    pupilId: original.pupilId,
    ...(original.targetId !== undefined ? { targetId: original.targetId } : {}),
  });
}

/** A Correction row replacing `original`'s values with `values` (the full new values, not a difference). */
export function editCorrection(original: LogEntry, values: LogValues, meta: CorrectionMeta): LogEntry {
  return correctionRow(original, meta, 'Edit', values);
}

function correctionRow(original: LogEntry, meta: CorrectionMeta, correction: CorrectionType, values: LogValues): LogEntry {
  const row: LogEntry = { id: meta.id, time: meta.time, pupilId: values.pupilId, kind: 'Correction', corrects: original.id, correction };
  for (const f of EDITABLE_FIELDS) {
    if (f === 'pupilId') continue;
    const v = values[f];
    if (v !== undefined && v !== '') (row as unknown as Record<string, unknown>)[f] = v;
  }
  if (meta.staffId !== undefined) row.staffId = meta.staffId;
  return row;
}

/** `log` with the values an Edit row carries (blank there = cleared). */
function withValues(log: LogEntry, edit: LogEntry): LogEntry {
  const out: LogEntry = { ...log, pupilId: edit.pupilId };
  for (const f of EDITABLE_FIELDS) {
    if (f === 'pupilId') continue;
    const v = edit[f];
    if (v === undefined) delete out[f];
    else (out as unknown as Record<string, unknown>)[f] = v;
  }
  return out;
}

function instant(l: LogEntry): number {
  const t = Date.parse(l.time);
  return Number.isNaN(t) ? -Infinity : t;
}

/** What the first row with a Log ID is: a correction row (given whole, since a chain goes through it) or a log. */
export type FirstWithId = (id: string) => LogEntry | 'log' | undefined;

/**
 * Rules 3 and 4: the latest correction of each log, by the log's ID, from the correction rows that count (each
 * Log ID's first row, in row order) and a lookup of what the first row with an ID is. Split from applyCorrections
 * so a reader that streams the Log (the CLI's export) can find these in a first pass, keeping only the correction
 * rows, then apply them (correctedLog) in a second.
 */
export function latestCorrections(
  corrections: readonly LogEntry[],
  firstWithId: FirstWithId,
): { latest: Map<string, LogEntry>; orphans: LogEntry[] } {
  // The root a correction applies to: follow `corrects` through correction rows to a log, by its ID.
  const rootOf = (c: LogEntry): string | undefined => {
    let at: LogEntry = c;
    for (let hops = 0; ; hops++) {
      if (hops > 50 || !at.corrects) return undefined;
      const next = firstWithId(at.corrects);
      if (next === undefined) return undefined;
      if (next === 'log') return at.corrects;
      if (!isCorrection(next)) return next.id === '' ? undefined : next.id;
      at = next;
    }
  };
  // The latest correction of each log (row order breaks a tie in Time: the later row wins).
  const latest = new Map<string, LogEntry>();
  const orphans: LogEntry[] = [];
  for (const c of corrections) {
    const root = c.correction ? rootOf(c) : undefined;
    if (root === undefined) {
      orphans.push(c);
      continue;
    }
    const prev = latest.get(root);
    if (!prev || instant(c) >= instant(prev)) latest.set(root, c);
  }
  return { latest, orphans };
}

/** A log (not a correction row) as it now stands given the latest corrections: undefined when voided. */
export function correctedLog(log: LogEntry, latest: ReadonlyMap<string, LogEntry>): LogEntry | undefined {
  const c = log.id === '' ? undefined : latest.get(log.id);
  if (!c) return log;
  return c.correction === 'Void' ? undefined : withValues(log, c);
}

/** Every rule of the header comment, with what was done to each log. */
export function applyCorrections(rows: readonly LogEntry[]): AppliedCorrections {
  const byId = new Map<string, LogEntry>();
  const unique: LogEntry[] = [];
  const duplicates: LogEntry[] = [];
  let anyCorrection = false;
  for (const r of rows) {
    if (r.id !== '') {
      if (byId.has(r.id)) {
        duplicates.push(r);
        continue;
      }
      byId.set(r.id, r);
    }
    if (isCorrection(r)) anyCorrection = true;
    unique.push(r);
  }
  const result: AppliedCorrections = { effective: unique, voided: new Set(), edited: new Map(), orphans: [], duplicates };
  if (!anyCorrection) return result;

  const { latest, orphans } = latestCorrections(unique.filter(isCorrection), (id) => byId.get(id));
  result.orphans = orphans;
  const effective: LogEntry[] = [];
  for (const l of unique) {
    if (isCorrection(l)) continue;
    const now = correctedLog(l, latest);
    if (!now) result.voided.add(l.id);
    else {
      if (now !== l) result.edited.set(l.id, now);
      effective.push(now);
    }
  }
  result.effective = effective;
  return result;
}

/** The logs as every consumer must count them (see the header): de-duplicated, voided ones dropped, edits
 * applied, correction rows left out. */
export function effectiveLogs(rows: readonly LogEntry[]): LogEntry[] {
  return applyCorrections(rows).effective;
}
