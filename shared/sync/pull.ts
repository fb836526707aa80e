// Read what the extension needs from the tracker: pupils, targets, staff, rota (and the tabs the rota depends
// on), in one values.batchGet after listing the tabs, parsed by the same parser as everywhere else. Asked with
// `now`, the same batchGet also reads nine columns of the Log (Log ID, six evidence fields, the two correction
// fields) and its header
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

/** The evidence fields in two blocks of adjacent columns where set-up puts them: Log ID … Prompt (A:G) and Corrects,
 * Correction (after Source). Read as two blocks so the columns between (minutes, staff, notes) never leave the
 * Sheet. */
const BLOCKS: readonly (readonly EvidenceField[])[] = [
  ['id', 'time', 'pupilId', 'targetId', 'kind', 'rating', 'prompt'],
  ['corrects', 'correction'],
];
const CANONICAL = evidenceColumns(tabSpec('log').fields.map((f) => f.header));

interface Span {
  first: number;
  last: number;
}
function spanOf(columns: Partial<Record<EvidenceField, number>>, fields: readonly EvidenceField[]): Span | undefined {
  const cols = fields.map((f) => columns[f]).filter((c): c is number => c !== undefined);
  return cols.length ? { first: Math.min(...cols), last: Math.max(...cols) } : undefined;
}

const blockRange = (q: string, span: Span) => `${q}!${columnLetters(span.first)}2:${columnLetters(span.last)}`;

/** Rows of the blocks side by side (block b's cells at offset `offsets[b]`), and where each field is in them: in
 * the first block whose span holds its column. */
function joinBlocks(found: Partial<Record<EvidenceField, number>>, spans: readonly (Span | undefined)[], grids: readonly Grid[]): LogRead {
  const columns: Partial<Record<EvidenceField, number>> = {};
  const offsets: number[] = [];
  let width = 0;
  spans.forEach((span) => {
    offsets.push(width);
    if (span) width += span.last - span.first + 1;
  });
  for (const f of EVIDENCE_FIELDS) {
    const col = found[f];
    if (col === undefined) continue;
    const b = spans.findIndex((span) => span !== undefined && col >= span.first && col <= span.last);
    if (b >= 0) columns[f] = offsets[b]! + col - spans[b]!.first;
  }
  const height = Math.max(0, ...grids.map((g) => g.length));
  const rows: Grid = [];
  for (let i = 0; i < height; i++) {
    const row = new Array(width).fill(null);
    spans.forEach((span, b) => {
      if (!span) return;
      const cells = grids[b]?.[i] ?? [];
      for (const [j, v] of cells.entries()) row[offsets[b]! + j] = v;
    });
    rows.push(row);
  }
  return { columns, rows };
}

/** Spans to read: a block that lies inside an earlier one (columns moved) is not read twice. */
function distinct(spans: readonly (Span | undefined)[]): (Span | undefined)[] {
  return spans.map((s, b) => (s && spans.slice(0, b).some((p) => p && p.first <= s.first && p.last >= s.last) ? undefined : s));
}

/**
 * The pulled tabs, the Log's header row and the Log's evidence columns in ONE values.batchGet: the columns are
 * read where set-up puts them (two small blocks), never the whole tab. Only when the header row says someone
 * moved them is there a second batchGet, of the blocks that hold them where they are now.
 */
async function readWithLogColumns(
  readRanges: (ranges: readonly string[]) => Promise<Grid[]>,
  wanted: readonly string[],
  logTab: string,
): Promise<{ grids: Record<string, Grid>; log: LogRead }> {
  const q = quoteSheetName(logTab);
  const guesses = BLOCKS.map((fields) => spanOf(CANONICAL, fields)!);
  const results = await readRanges([...wanted.map(quoteSheetName), `${q}!1:1`, ...guesses.map((g) => blockRange(q, g))]);
  const grids: Record<string, Grid> = {};
  for (const [i, n] of wanted.entries()) grids[n] = results[i] ?? [];
  const header = results[wanted.length]?.[0] ?? [];
  const found = evidenceColumns(header);
  const spans = distinct(BLOCKS.map((fields) => spanOf(found, fields)));
  if (spans[0] === undefined) return { grids, log: { columns: {}, rows: [] } };
  const fits = spans.every((s, b) => s === undefined || (s.first >= guesses[b]!.first && s.last <= guesses[b]!.last));
  if (fits) {
    return {
      grids,
      log: joinBlocks(
        found,
        guesses.map((g, b) => (spans[b] ? g : undefined)),
        results.slice(wanted.length + 1),
      ),
    };
  }
  const present = spans.filter((s): s is Span => s !== undefined);
  const blocks = await readRanges(present.map((s) => blockRange(q, s)));
  let k = 0;
  return {
    grids,
    log: joinBlocks(
      found,
      spans,
      spans.map((s) => (s ? (blocks[k++] ?? []) : [])),
    ),
  };
}
