// Corrections applied: the Log is append-only, so a mistake is put right by a new row naming the Log ID it voids
// (`Correction` = Void) or replaces (`Correction` = Edit, carrying the full new values). Every consumer of logs reads
// them through effectiveLogs, so a voided session outcome or rating never counts anywhere.
// (Minimal version written for sessions; the corrections work owns the full rules.)
import type { LogEntry } from './model';

/** The logs as they stand after corrections: one per Log ID (the first row wins, so a re-sent row never doubles),
 * voided logs dropped, edited logs replaced by their latest edit (keeping the original's id). Correction rows
 * themselves are not returned. Order is the order of the originals. */
export function effectiveLogs(logs: readonly LogEntry[]): LogEntry[] {
  const seen = new Set<string>();
  const originals: LogEntry[] = [];
  const voided = new Set<string>();
  const edits = new Map<string, LogEntry>();
  for (const l of logs) {
    if (l.id !== '') {
      if (seen.has(l.id)) continue;
      seen.add(l.id);
    }
    if (l.correction && l.corrects) {
      if (l.correction === 'Void') voided.add(l.corrects);
      else edits.set(l.corrects, l);
      continue;
    }
    originals.push(l);
  }
  const out: LogEntry[] = [];
  for (const l of originals) {
    if (voided.has(l.id)) continue;
    const edit = edits.get(l.id);
    if (!edit) {
      out.push(l);
      continue;
    }
    const { corrects: _c, correction: _k, id: _i, ...values } = edit;
    out.push({ ...values, id: l.id, kind: edit.kind === 'Correction' ? l.kind : edit.kind });
  }
  return out;
}
