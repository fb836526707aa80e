// Read what the extension needs from the tracker: pupils, targets, staff, rota (and the tabs the rota depends
// on), in one values.batchGet after listing the tabs, parsed by the same parser as everywhere else. Asked with
// `now`, the same batchGet also reads seven columns of the Log (Log ID and six evidence fields) and its header
// row, and the pull returns a per-target evidence summary instead of the logs (see pullLogEvidence below).
import type { Finding, Grid, IsoDate, Pupil, RotaBlock, Settings, Staff, Target, TrainingRecord, Absence, TabKey } from '../model';
import { trackerToday } from '../dates';
import type { SheetsPort } from '../ports';
import { columnLetters, quoteSheetName } from '../schema/a1';
import { findTabs, parseTracker } from '../schema/parse';
import { TAB_SPECS, tabSpec } from '../schema/tabs';
import { EVIDENCE_FIELDS, evidenceColumns, logsFromRows, targetEvidence, type EvidenceField, type TargetEvidence } from '../evidence';

export interface PulledCaseload {
  pupils: Pupil[];
  targets: Target[];
  staff: Staff[];
  rota: RotaBlock[];
  training: TrainingRecord[];
  absences: Absence[];
  settings: Settings;
  /** Problems in the tabs that were read, so the extension can say why a pupil or block is missing. */
  findings: Finding[];
  /** Per-target evidence from the whole Log (only when the pull was asked with `now`): one record per target
   * with evidence. Absent when not asked for; empty when there is no Log tab or it has no readable header. */
  evidence?: TargetEvidence[];
  /** The day the evidence window ends (`now` in the tracker's timezone). */
  evidenceAsOf?: IsoDate;
}

export interface PullOptions {
  /** Also summarise the Log's evidence per target, with the window ending on this instant's day (ms). */
  now?: number;
}

/** Tabs the extension reads whole. Log and Reviews are left out: the Log can be 100k rows, so only its header and
 * evidence columns are read, and only when the pull is asked for evidence. */
export const PULLED_TABS: readonly TabKey[] = ['pupils', 'targets', 'staff', 'training', 'rota', 'absence', 'settings'];

export async function pullCaseload(sheets: SheetsPort, opts: PullOptions = {}): Promise<PulledCaseload> {
  const names = await sheets.listTabs();
  const where = findTabs(names);
  const wanted = PULLED_TABS.map((k) => where[k]).filter((n): n is string => n !== undefined);
  const logTab = opts.now !== undefined ? where.log : undefined;
  let grids: Record<string, Grid> = {};
  let logRead: LogRead | undefined;
  if (logTab !== undefined && sheets.readRanges) {
    const read = await readWithLogColumns(sheets.readRanges.bind(sheets), wanted, logTab);
    grids = read.grids;
    logRead = read.log;
  } else if (logTab !== undefined) {
    // A transport without ranged reads (a local file): the whole Log tab is already in memory anyway.
    const all = await sheets.readTabs([...wanted, logTab]);
    const log = all[logTab] ?? [];
    for (const n of wanted) {
      const g = all[n];
      if (g) grids[n] = g;
    }
    logRead = { columns: evidenceColumns(log[0] ?? []), rows: log.slice(1) };
  } else if (wanted.length) {
    grids = await sheets.readTabs(wanted);
  }
  const { tracker, findings } = parseTracker(grids);
  // The parser reports every tab it was not given as missing; the ones left out on purpose are not missing.
  const leftOut = new Set(TAB_SPECS.filter((t) => !PULLED_TABS.includes(t.key)).map((t) => t.name));
  const relevant = findings.filter((f) => !(f.code === 'HEADER_MISSING' && leftOut.has(f.tab) && !wanted.includes(f.tab)));
  const out: PulledCaseload = {
    pupils: tracker.pupils,
    targets: tracker.targets,
    staff: tracker.staff,
    rota: tracker.rota,
    training: tracker.training,
    absences: tracker.absences,
    settings: tracker.settings,
    findings: relevant,
  };
  if (opts.now !== undefined) {
    const today = trackerToday(opts.now, tracker.settings.timezone);
    const logs = logRead ? logsFromRows(logRead.rows, logRead.columns) : [];
    out.evidence = targetEvidence(tracker.targets, logs, today, tracker.settings.evidenceWindowDays);
    out.evidenceAsOf = today;
  }
  return out;
}

interface LogRead {
  /** Evidence field → index into each row of `rows`. */
  columns: Partial<Record<EvidenceField, number>>;
  rows: Grid;
}

/** Where set-up puts the evidence fields (0-based columns of the Log), and the block of columns that holds them. */
const CANONICAL = evidenceColumns(tabSpec('log').fields.map((f) => f.header));
function spanOf(columns: Partial<Record<EvidenceField, number>>): { first: number; last: number } | undefined {
  const cols = EVIDENCE_FIELDS.map((f) => columns[f]).filter((c): c is number => c !== undefined);
  return cols.length ? { first: Math.min(...cols), last: Math.max(...cols) } : undefined;
}

const blockRange = (q: string, span: { first: number; last: number }) => `${q}!${columnLetters(span.first)}2:${columnLetters(span.last)}`;

/**
 * The pulled tabs, the Log's header row and the Log's evidence columns in ONE values.batchGet: the columns are
 * read where set-up puts them (a block of seven, A:G), never the whole tab. Only when the header row says someone
 * moved them is there a second batchGet, of the block that holds them where they are now.
 */
async function readWithLogColumns(
  readRanges: (ranges: readonly string[]) => Promise<Grid[]>,
  wanted: readonly string[],
  logTab: string,
): Promise<{ grids: Record<string, Grid>; log: LogRead }> {
  const q = quoteSheetName(logTab);
  const guess = spanOf(CANONICAL)!;
  const results = await readRanges([...wanted.map(quoteSheetName), `${q}!1:1`, blockRange(q, guess)]);
  const grids: Record<string, Grid> = {};
  for (const [i, n] of wanted.entries()) grids[n] = results[i] ?? [];
  const header = results[wanted.length]?.[0] ?? [];
  const found = evidenceColumns(header);
  const span = spanOf(found);
  if (span === undefined) return { grids, log: { columns: {}, rows: [] } };
  const relative = (first: number) => {
    const cols: Partial<Record<EvidenceField, number>> = {};
    for (const f of EVIDENCE_FIELDS) if (found[f] !== undefined) cols[f] = found[f]! - first;
    return cols;
  };
  if (span.first >= guess.first && span.last <= guess.last) {
    return { grids, log: { columns: relative(guess.first), rows: results[wanted.length + 1] ?? [] } };
  }
  const [rows] = await readRanges([blockRange(q, span)]);
  return { grids, log: { columns: relative(span.first), rows: rows ?? [] } };
}
