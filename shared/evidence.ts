// Per-target evidence facts for the extension's overlay, from Log rows: when the last evidence was logged, with
// which rating and prompt, and how much evidence falls in the evidence window. Built on progress.ts (one log
// index, the same window and the same "only the target's own pupil" rule), so the overlay and the progress
// dashboard never disagree. The result is one small record per target with evidence, cheap to keep on a device.
import {
  CORRECTION_TYPES,
  LOG_KINDS,
  PROMPTS,
  RATINGS,
  type CellValue,
  type Grid,
  type IsoDate,
  type LogEntry,
  type Prompt,
  type Rating,
  type Target,
} from './model';
import { evidenceWindow } from './checks/rules';
import { indexLogs, targetProgress, type LogIndex } from './progress';
import { cellText, choiceReader, isBlankCell, isFormulaError, readTimestamp } from './schema/cells';
import { matchHeader } from './schema/parse';
import { tabSpec } from './schema/tabs';

export interface TargetEvidence {
  targetId: string;
  pupilId: string;
  /** Logs against the target in the evidence window ending `asOf` (as progressReport counts them). */
  count: number;
  /** The Log IDs of the logs `count` counts (those with an ID): a device leaves its own logs the summary already
   * counts out of its extra count by ID, whenever it confirmed them. A handful per target, like `count`.
   * Absent from summaries stored before it was added. */
  ids?: string[];
  /** The window's length in days (the tracker's evidence window setting). */
  windowDays: number;
  /** The day the window ends: the day the summary was made. */
  asOf: IsoDate;
  /** The latest log against the target on or before `asOf`: its time (ISO, as in the Log) and its rating and
   * prompt when it had them. */
  last?: { time: string; id?: string; rating?: Rating; prompt?: Prompt };
}

/** The Log fields the summary reads; the rest of the Log (notes, staff…) is never needed. The last two are the
 * correction columns, so a voided or edited log is counted as it now stands (shared/corrections.ts). */
export const EVIDENCE_FIELDS = ['id', 'time', 'pupilId', 'targetId', 'kind', 'rating', 'prompt', 'corrects', 'correction'] as const;
export type EvidenceField = (typeof EVIDENCE_FIELDS)[number];

/** The columns of the evidence fields, from the Log's header row (0-based; absent when the header lacks one). */
export function evidenceColumns(header: readonly CellValue[]): Partial<Record<EvidenceField, number>> {
  const { columns } = matchHeader(tabSpec('log'), header);
  const out: Partial<Record<EvidenceField, number>> = {};
  for (const f of EVIDENCE_FIELDS) if (columns[f] !== undefined) out[f] = columns[f];
  return out;
}

// Marked pure so a bundle that uses nothing of this module (the overlay's early content script, which imports the
// core's barrel for its text helpers) can leave it out: an unmarked top-level call is kept in case it has effects.
const readKind = /* @__PURE__ */ choiceReader(LOG_KINDS);
const readRating = /* @__PURE__ */ choiceReader(RATINGS);
const readPrompt = /* @__PURE__ */ choiceReader(PROMPTS);
const readCorrection = /* @__PURE__ */ choiceReader(CORRECTION_TYPES);

function text(v: CellValue | undefined): string | undefined {
  if (v === undefined || isBlankCell(v) || isFormulaError(v)) return undefined;
  const s = cellText(v).trim();
  return s === '' ? undefined : s;
}

/**
 * Log rows (no header) as logs, reading only the evidence fields at `columns` (indices into each row), correction
 * rows included (targetEvidence applies them). Rows the
 * tracker parser would not use (no readable time, pupil or kind) are left out, as are ratings and prompts it
 * would not accept. A log's id is '' when the row has none (or `columns` has no id column).
 */
export function logsFromRows(rows: Grid, columns: Partial<Record<EvidenceField, number>>): LogEntry[] {
  const { id: ic, time: tc, pupilId: pc, targetId: gc, kind: kc, rating: rc, prompt: qc, corrects: cc, correction: xc } = columns;
  if (tc === undefined || pc === undefined || kc === undefined) return [];
  const out: LogEntry[] = [];
  for (const cells of rows) {
    if (!cells) continue;
    const time = readTimestamp(cells[tc] ?? null);
    const pupilId = text(cells[pc]);
    const kind = readKind(cells[kc] ?? null);
    if (time.kind !== 'ok' || pupilId === undefined || kind.kind !== 'ok') continue;
    const id = ic === undefined ? undefined : text(cells[ic]);
    const log: LogEntry = { id: id ?? '', time: time.value, pupilId, kind: kind.value as LogEntry['kind'] };
    const targetId = gc === undefined ? undefined : text(cells[gc]);
    if (targetId !== undefined) log.targetId = targetId;
    const rating = rc === undefined ? undefined : readRating(cells[rc] ?? null);
    if (rating?.kind === 'ok') log.rating = rating.value as Rating;
    const prompt = qc === undefined ? undefined : readPrompt(cells[qc] ?? null);
    if (prompt?.kind === 'ok') log.prompt = prompt.value as Prompt;
    const corrects = cc === undefined ? undefined : text(cells[cc]);
    if (corrects !== undefined) log.corrects = corrects;
    const correction = xc === undefined ? undefined : readCorrection(cells[xc] ?? null);
    if (correction?.kind === 'ok') log.correction = correction.value as LogEntry['correction'] & string;
    out.push(log);
  }
  return out;
}

export interface EvidenceOptions {
  /** Reuse an index already built over the same logs. */
  index?: LogIndex;
  /** `logs` are already as they now stand (effectiveLogs, e.g. checkWorkbook's `logs`): not corrected again. */
  effective?: boolean;
}

/** One record per target that has any evidence on or before `today`; targets without any are left out. */
export function targetEvidence(
  targets: readonly Target[],
  logs: readonly LogEntry[],
  today: IsoDate,
  windowDays: number,
  opts: EvidenceOptions = {},
): TargetEvidence[] {
  const index = opts.index ?? indexLogs(logs, { effective: opts.effective === true });
  const from = evidenceWindow(today, windowDays).from;
  const out: TargetEvidence[] = [];
  for (const t of targets) {
    const p = targetProgress(t, index, from, today);
    if (p.lastEvidence === undefined) continue;
    // The index lists each target's logs in time order: the latest on or before today is the last such one.
    const list = index.byTarget.get(t.id) ?? [];
    let last: LogEntry | undefined;
    for (let i = list.length - 1; i >= 0 && last === undefined; i--) {
      const d = list[i]!;
      if (d.log.pupilId === t.pupilId && d.date <= today) last = d.log;
    }
    // The same logs as the count (progress.ts's window test), by their IDs.
    const ids = list
      .filter((d) => d.log.pupilId === t.pupilId && d.date >= from && d.date <= today && d.log.id !== '')
      .map((d) => d.log.id);
    out.push({
      targetId: t.id,
      pupilId: t.pupilId,
      count: p.evidenceCount,
      ids,
      windowDays,
      asOf: today,
      ...(last
        ? {
            last: {
              time: last.time,
              ...(last.id !== '' ? { id: last.id } : {}),
              ...(last.rating ? { rating: last.rating } : {}),
              ...(last.prompt ? { prompt: last.prompt } : {}),
            },
          }
        : {}),
    });
  }
  return out;
}
